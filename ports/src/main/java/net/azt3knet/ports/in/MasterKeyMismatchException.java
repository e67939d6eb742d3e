package net.azt3knet.ports.in;

import java.util.List;

/**
 * A write that seals or opens credentials is refused before it writes anything: the master key in use is not the
 * one the database's credentials are sealed under, so the write would leave credentials that no single key opens.
 * The fields let other surfaces than the CLI say it their way; the message names key ids only, never key material.
 */
public final class MasterKeyMismatchException extends RejectedCommandException {

    private final String activeKeyId;
    private final List<String> storedKeyIds;

    /**
     * @param activeKeyId  id of the master key in use
     * @param storedKeyIds ids of the keys the stored credentials are sealed under, sorted; never just {@code activeKeyId}
     */
    public MasterKeyMismatchException(String activeKeyId, List<String> storedKeyIds) {
        super(message(activeKeyId, storedKeyIds));
        this.activeKeyId = activeKeyId;
        this.storedKeyIds = List.copyOf(storedKeyIds);
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    public List<String> storedKeyIds() {
        return storedKeyIds;
    }

    private static String message(String active, List<String> stored) {
        if (stored.size() == 1) {
            String key = stored.get(0);
            return "the master key in use (key " + active + ") is not the key this database's credentials are sealed under"
                    + " (key " + key + "), so nothing was written: set SECRET_KEY_FOR_KV_ENC to key " + key + ", and to change"
                    + " keys re-encrypt the stored credentials with 'azt3knet keys rotate' (key " + key + " current, the new one"
                    + " in --new-key-file)";
        }
        return "this database's credentials are sealed under keys " + String.join(", ", stored) + ", not all under the"
                + " master key in use (key " + active + "), so nothing was written: a database holds one key's credentials;"
                + " delete the populations sealed under the other keys ('azt3knet audit list --action population.persist'"
                + " shows each population's key_id; 'azt3knet populations delete'), and change keys only with"
                + " 'azt3knet keys rotate'";
    }
}
