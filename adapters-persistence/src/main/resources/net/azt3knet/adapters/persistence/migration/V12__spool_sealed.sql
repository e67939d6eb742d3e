-- Content spooled from this release on is sealed with the master key (context 'smtp.spool'); rows an earlier release
-- spooled stay in the clear and are read as they are. size stays the length in the clear.
ALTER TABLE smtp_spool ADD COLUMN sealed BOOLEAN NOT NULL DEFAULT false;
