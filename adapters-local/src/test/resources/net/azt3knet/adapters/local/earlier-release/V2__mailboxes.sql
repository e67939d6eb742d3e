-- Mailbox provisioning: the ledger learns which password rotation the provider holds and which run created a row
-- (so --atomic can undo exactly that run), and the embedded local provider gets its mailboxes.

ALTER TABLE agent_mailbox ADD COLUMN applied_rotation INTEGER NOT NULL DEFAULT -1;
ALTER TABLE agent_mailbox ADD COLUMN job_id BIGINT;
CREATE INDEX agent_mailbox_job ON agent_mailbox (job_id);

CREATE TABLE local_domain (
    domain     VARCHAR(253) NOT NULL PRIMARY KEY,
    created_at TIMESTAMPTZ  NOT NULL
);

-- password_hash: salted SHA-256 of a 20-character random password (about 120 bits), for which a slow hash adds nothing.
CREATE TABLE local_mailbox (
    address       VARCHAR(320) NOT NULL PRIMARY KEY,
    domain        VARCHAR(253) NOT NULL REFERENCES local_domain (domain),
    display_name  TEXT         NOT NULL,
    owner         TEXT,
    password_hash TEXT,
    created_at    TIMESTAMPTZ  NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL
);
CREATE INDEX local_mailbox_domain ON local_mailbox (domain);
