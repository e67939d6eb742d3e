-- The agents' mailbox store keeps subject and payload sealed in one box (XChaCha20-Poly1305 under a key derived from the
-- master key, by the caller). Rows of earlier releases keep subject and payload in the clear until serve seals them in
-- place; a row holds either the box or the clear payload, never both. Sender and recipient stay queryable for listing
-- and erasure.
ALTER TABLE inbound_message ADD COLUMN content BYTEA;
ALTER TABLE inbound_message ALTER COLUMN payload DROP NOT NULL;
ALTER TABLE inbound_message ADD CONSTRAINT inbound_message_sealed_or_clear
    CHECK ((content IS NOT NULL AND subject IS NULL AND payload IS NULL) OR (content IS NULL AND payload IS NOT NULL));
-- the sealing pass finds what is left in the clear
CREATE INDEX inbound_message_clear ON inbound_message (id) WHERE content IS NULL;
