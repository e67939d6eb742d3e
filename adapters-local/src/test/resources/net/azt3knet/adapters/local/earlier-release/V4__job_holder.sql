-- Who holds a job's lease: a run that died without releasing it (kill -9, a crash) is taken over at once by the
-- next run on the same host, instead of after the lease expires.
ALTER TABLE job ADD COLUMN lease_host TEXT;
ALTER TABLE job ADD COLUMN lease_pid  BIGINT;
