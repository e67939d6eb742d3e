CREATE TABLE bad_thing (id BIGINT PRIMARY KEY, name TEXT NOT NULL);
-- Breaks ARCH-012 on purpose: a table the core schema creates already.
CREATE TABLE IF NOT EXISTS audit_log (sequence BIGINT PRIMARY KEY);
