-- An agent's credential is looked up by its address, case-insensitively, at every SMTP login and IMAP intake round:
-- without this index each lookup read the whole agent table. (H2, on which the jOOQ classes are generated, has no
-- expression indexes, and the generated code does not need it.)
/* [jooq ignore start] */
CREATE INDEX agent_email_lower ON agent (lower(email));
/* [jooq ignore stop] */
