-- The SMTP gateway's spool: every accepted message with its envelope, committed before the gateway answers 250.
-- Claimed by relay workers as job rows are (FOR UPDATE SKIP LOCKED, a lease naming its holder's host and pid).
-- content is the message exactly as accepted, the gateway's Received header first.
CREATE TABLE smtp_spool (
    id                  BIGINT       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    state               VARCHAR(16)  NOT NULL,
    reverse_path        TEXT         NOT NULL,
    recipients          TEXT[]       NOT NULL,
    submitter           TEXT,
    client              TEXT         NOT NULL,
    helo                TEXT         NOT NULL,
    content             BYTEA        NOT NULL,
    size                INTEGER      NOT NULL,
    attempts            INTEGER      NOT NULL DEFAULT 0,
    -- for a queued or deferred row: not before; null = at once
    next_attempt_at     TIMESTAMPTZ,
    lease_until         TIMESTAMPTZ,
    lease_host          TEXT,
    lease_pid           BIGINT,
    provider_message_id TEXT,
    last_error          TEXT,
    created_at          TIMESTAMPTZ  NOT NULL,
    updated_at          TIMESTAMPTZ  NOT NULL,
    finished_at         TIMESTAMPTZ,
    CONSTRAINT smtp_spool_state_known CHECK (state IN ('queued', 'sending', 'deferred', 'sent', 'bounced'))
);
CREATE INDEX smtp_spool_state ON smtp_spool (state, id);
