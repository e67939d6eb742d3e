-- The AI responder (issue 22). Outside addresses are never stored in the clear here: sender_hash and recipient_hash
-- are SHA-256 hex of the lower-case address; the message and reply contents are encrypted by the caller.

-- The agents that answer their mail; a deleted agent stops answering with it.
CREATE TABLE responder_agent (
    address       VARCHAR(320) PRIMARY KEY REFERENCES agent (email) ON DELETE CASCADE,
    population_id UUID         NOT NULL,
    since         TIMESTAMPTZ  NOT NULL
);
CREATE INDEX responder_agent_population ON responder_agent (population_id);

-- A population's reply policy (JSON: the ReplyPolicy record, durations ISO-8601, the mode as a word); none until set.
CREATE TABLE responder_policy (
    population_id UUID        PRIMARY KEY,
    policy        JSONB       NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);

-- The queue of received messages, one per agent and Message-ID, claimed as smtp_spool rows are
-- (FOR UPDATE SKIP LOCKED, a lease naming its holder's host and pid).
CREATE TABLE responder_mail (
    id              BIGINT       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agent           VARCHAR(320) NOT NULL,
    population_id   UUID         NOT NULL,
    message_id      VARCHAR(998) NOT NULL,
    source          VARCHAR(32)  NOT NULL,
    thread_id       VARCHAR(998) NOT NULL,
    sender_hash     VARCHAR(64)  NOT NULL,
    state           VARCHAR(16)  NOT NULL,
    attempts        INTEGER      NOT NULL DEFAULT 0,
    last_attempt_at TIMESTAMPTZ,
    -- for a pending row: not before; null = at once
    next_attempt_at TIMESTAMPTZ,
    outcome         VARCHAR(64),
    detail          TEXT,
    content         BYTEA        NOT NULL,
    received_at     TIMESTAMPTZ  NOT NULL,
    lease_until     TIMESTAMPTZ,
    lease_host      TEXT,
    lease_pid       BIGINT,
    CONSTRAINT responder_mail_once UNIQUE (agent, message_id),
    CONSTRAINT responder_mail_state_known CHECK (state IN ('pending', 'processing', 'completed', 'failed'))
);
CREATE INDEX responder_mail_claim ON responder_mail (state, next_attempt_at);
CREATE INDEX responder_mail_thread ON responder_mail (agent, thread_id);
-- erasure by sender and retention by age
CREATE INDEX responder_mail_sender ON responder_mail (sender_hash);
CREATE INDEX responder_mail_received ON responder_mail (population_id, received_at);

-- The replies written, drafts and sent alike: what the caps count (rejected drafts do not).
CREATE TABLE responder_reply (
    id             BIGINT       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    mail_id        BIGINT       NOT NULL,
    agent          VARCHAR(320) NOT NULL,
    population_id  UUID         NOT NULL,
    recipient_hash VARCHAR(64)  NOT NULL,
    thread_id      VARCHAR(998) NOT NULL,
    subject        TEXT         NOT NULL,
    state          VARCHAR(16)  NOT NULL,
    tokens         BIGINT       NOT NULL,
    content        BYTEA        NOT NULL,
    -- the SMTP spool's queue id once handed over
    queue_id       VARCHAR(64),
    created_at     TIMESTAMPTZ  NOT NULL,
    decided_at     TIMESTAMPTZ,
    CONSTRAINT responder_reply_state_known CHECK (state IN ('draft', 'rejected', 'sent'))
);
CREATE INDEX responder_reply_recipient ON responder_reply (recipient_hash, created_at);
CREATE INDEX responder_reply_created ON responder_reply (created_at);
CREATE INDEX responder_reply_thread ON responder_reply (thread_id);
CREATE INDEX responder_reply_agent_recipient ON responder_reply (agent, recipient_hash, created_at);

-- How far the IMAP intake has read each mailbox (RFC 3501 UIDVALIDITY and the last UID handed over).
CREATE TABLE imap_checkpoint (
    mailbox      VARCHAR(320) PRIMARY KEY,
    uid_validity BIGINT       NOT NULL,
    last_uid     BIGINT       NOT NULL,
    updated_at   TIMESTAMPTZ  NOT NULL
);
