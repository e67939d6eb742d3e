-- Recipients that bounced hard (the provider said the mailbox does not exist): the SMTP gateway refuses later mail
-- to them at RCPT (550 5.1.1). address is stored lower-case, so one entry per mailbox whatever the spelling
-- (320: the longest address RFC 5321 allows).
CREATE TABLE smtp_suppression (
    address    VARCHAR(320) PRIMARY KEY,
    reason     TEXT         NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL
);
