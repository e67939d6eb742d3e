-- Azt3kNet schema, version 1. Flyway applies it; jOOQ generates its classes from this file at build time.

CREATE TABLE population (
    id          UUID        NOT NULL PRIMARY KEY,
    spec        JSONB       NOT NULL,
    seed        TEXT        NOT NULL,
    epoch       INTEGER     NOT NULL,
    domain      TEXT        NOT NULL,
    agent_count BIGINT      NOT NULL,
    status      TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);

-- profile keeps the canonical JSON bytes (json, not jsonb), so an export is byte-identical to populate's output.
-- agent and credential are written in bulk (a million rows in one COPY); a foreign key would add a per-row check
-- that costs more than the insert itself, so the store keeps them consistent: it writes them in the transaction
-- that creates their population and deletes them in the one that deletes it.
CREATE TABLE agent (
    population_id UUID   NOT NULL,
    agent_index   BIGINT NOT NULL,
    agent_id      UUID   NOT NULL,
    username      VARCHAR(64)  NOT NULL,
    email         VARCHAR(320) NOT NULL,
    profile       JSON   NOT NULL,
    PRIMARY KEY (population_id, agent_index),
    CONSTRAINT agent_email_unique UNIQUE (email)
);

CREATE TABLE credential (
    population_id UUID    NOT NULL,
    agent_index   BIGINT  NOT NULL,
    purpose       VARCHAR(32) NOT NULL,
    rotation      INTEGER NOT NULL,
    key_id        VARCHAR(64) NOT NULL,
    nonce         BYTEA   NOT NULL,
    ciphertext    BYTEA   NOT NULL,
    PRIMARY KEY (population_id, agent_index, purpose)
);

CREATE TABLE agent_mailbox (
    population_id      UUID        NOT NULL,
    agent_index        BIGINT      NOT NULL,
    provider           VARCHAR(32)  NOT NULL,
    address            VARCHAR(320) NOT NULL,
    status             TEXT        NOT NULL,
    provider_reference TEXT,
    credential_purpose VARCHAR(32),
    updated_at         TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (population_id, agent_index, provider),
    FOREIGN KEY (population_id, agent_index) REFERENCES agent (population_id, agent_index) ON DELETE CASCADE,
    FOREIGN KEY (population_id, agent_index, credential_purpose)
        REFERENCES credential (population_id, agent_index, purpose),
    CONSTRAINT agent_mailbox_address_unique UNIQUE (provider, address)
);

-- Append-only: the trigger below refuses UPDATE and DELETE; the hash chain detects anyone who gets around it.
CREATE TABLE audit_log (
    sequence      BIGINT      NOT NULL PRIMARY KEY,
    occurred_at   TIMESTAMPTZ NOT NULL,
    actor         TEXT        NOT NULL,
    action        VARCHAR(128) NOT NULL,
    target        VARCHAR(512) NOT NULL,
    outcome       TEXT        NOT NULL,
    details       JSONB       NOT NULL,
    previous_hash TEXT        NOT NULL,
    hash          TEXT        NOT NULL
);
CREATE INDEX audit_log_action ON audit_log (action);
CREATE INDEX audit_log_target ON audit_log (target);

/* [jooq ignore start] */
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END
$$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
/* [jooq ignore stop] */

CREATE TABLE llm_cache (
    cache_key  VARCHAR(128) NOT NULL PRIMARY KEY,
    model      TEXT        NOT NULL,
    parameters JSONB       NOT NULL,
    response   TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

-- Resumable work for later stages (provisioning, DNS, key rotation): claimed with FOR UPDATE SKIP LOCKED.
CREATE TABLE job (
    id           BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind         VARCHAR(64) NOT NULL,
    target       TEXT        NOT NULL,
    state        VARCHAR(32) NOT NULL,
    payload      JSONB       NOT NULL,
    attempts     INTEGER     NOT NULL DEFAULT 0,
    lease_until  TIMESTAMPTZ,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX job_claimable ON job (kind, state);
