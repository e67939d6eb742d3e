-- The SMTP gateway's own users (agents authenticate with their mailbox credentials instead): the sender domains each
-- was granted, and a SHA-256 of its generated 256-bit password, as api_token keeps its secrets.

CREATE TABLE smtp_user (
    name       VARCHAR(64)  NOT NULL PRIMARY KEY,
    domains    TEXT         NOT NULL,
    hash       BYTEA        NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL,
    revoked_at TIMESTAMPTZ
);
