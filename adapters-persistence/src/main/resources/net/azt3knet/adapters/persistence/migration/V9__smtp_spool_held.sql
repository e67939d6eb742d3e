-- An operator may set a spooled message aside ('azt3knet queue hold'): a held row is never claimed until released.
ALTER TABLE smtp_spool DROP CONSTRAINT smtp_spool_state_known;
ALTER TABLE smtp_spool ADD CONSTRAINT smtp_spool_state_known
    CHECK (state IN ('queued', 'sending', 'deferred', 'sent', 'bounced', 'held'));
-- 'queue list --older-than' and purges by age
CREATE INDEX smtp_spool_created ON smtp_spool (created_at);
