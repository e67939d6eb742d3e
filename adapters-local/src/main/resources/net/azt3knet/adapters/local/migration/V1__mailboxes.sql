-- The local mail provider's tables, version 1; recorded in flyway_local_history, so numbered apart from the core schema.
-- IF NOT EXISTS: databases made by earlier releases have these tables already (the core schema's V2 created them);
-- this script adopts them with their rows.

CREATE TABLE IF NOT EXISTS local_domain (
    domain     VARCHAR(253) NOT NULL PRIMARY KEY,
    created_at TIMESTAMPTZ  NOT NULL
);

-- password_hash: salted SHA-256 of a 20-character random password (about 120 bits), for which a slow hash adds nothing.
CREATE TABLE IF NOT EXISTS local_mailbox (
    address       VARCHAR(320) NOT NULL PRIMARY KEY,
    domain        VARCHAR(253) NOT NULL REFERENCES local_domain (domain),
    display_name  TEXT         NOT NULL,
    owner         TEXT,
    password_hash TEXT,
    created_at    TIMESTAMPTZ  NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL
);
CREATE INDEX IF NOT EXISTS local_mailbox_domain ON local_mailbox (domain);
