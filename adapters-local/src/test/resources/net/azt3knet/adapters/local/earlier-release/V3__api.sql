-- The admin HTTP API: bearer tokens (only a SHA-256 of the secret part is kept; the secret has 256 bits, for which a
-- slow hash adds nothing) and mail that arrives for agents through a provider's inbound webhook.

CREATE TABLE api_token (
    id         VARCHAR(32)  NOT NULL PRIMARY KEY,
    name       VARCHAR(64)  NOT NULL,
    role       VARCHAR(16)  NOT NULL,
    hash       BYTEA        NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL,
    revoked_at TIMESTAMPTZ
);
CREATE UNIQUE INDEX api_token_name ON api_token (name);

CREATE TABLE inbound_message (
    id          BIGSERIAL    NOT NULL PRIMARY KEY,
    message_id  VARCHAR(998) NOT NULL,
    recipient   VARCHAR(320) NOT NULL,
    sender      TEXT,
    subject     TEXT,
    source      VARCHAR(32)  NOT NULL,
    payload     TEXT         NOT NULL,
    received_at TIMESTAMPTZ  NOT NULL,
    CONSTRAINT inbound_message_once UNIQUE (recipient, message_id)
);
