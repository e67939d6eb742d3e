-- Durable work queues shared by every process on the database: the admin API's jobs now (and next the SMTP spool and
-- the responder). A row with a queue is a queued job: any process claims it with FOR UPDATE SKIP LOCKED and holds a
-- lease it renews; a row without one is a reconcile's resumable run (its payload is the run's progress).
-- For a queued job, payload is its request; lease_until of a queued row is "not before" (a job put back to wait).
ALTER TABLE job ADD COLUMN queue VARCHAR(32);
ALTER TABLE job ADD COLUMN owner TEXT;
ALTER TABLE job ADD COLUMN progress_done BIGINT NOT NULL DEFAULT 0;
ALTER TABLE job ADD COLUMN progress_total BIGINT NOT NULL DEFAULT 0;
-- result and error are read whole and never searched: json keeps them as written, without jsonb's parse on the way in.
ALTER TABLE job ADD COLUMN result JSON;
ALTER TABLE job ADD COLUMN error JSON;
ALTER TABLE job ADD COLUMN cancel_requested BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE job ADD COLUMN finished_at TIMESTAMPTZ;
ALTER TABLE job ADD CONSTRAINT job_state_known CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled'));
CREATE INDEX job_queue_state ON job (queue, state, id);
CREATE INDEX job_finished_at ON job (finished_at);

-- Periodic work run once across processes: the process whose UPDATE moves next_run_at on runs that round.
CREATE TABLE job_schedule (
    task        VARCHAR(64) NOT NULL PRIMARY KEY,
    next_run_at TIMESTAMPTZ NOT NULL,
    last_run_at TIMESTAMPTZ,
    last_host   TEXT,
    last_pid    BIGINT
);
