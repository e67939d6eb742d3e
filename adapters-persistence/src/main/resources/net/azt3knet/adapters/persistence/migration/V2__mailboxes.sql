-- Mailbox provisioning: the ledger learns which password rotation the provider holds and which run created a row
-- (so --atomic can undo exactly that run). Earlier releases' copy also created the local provider's tables, which that
-- adapter's own migrations create now; PostgresPersistence realigns the checksum a database recorded for that copy.

ALTER TABLE agent_mailbox ADD COLUMN applied_rotation INTEGER NOT NULL DEFAULT -1;
ALTER TABLE agent_mailbox ADD COLUMN job_id BIGINT;
CREATE INDEX agent_mailbox_job ON agent_mailbox (job_id);
