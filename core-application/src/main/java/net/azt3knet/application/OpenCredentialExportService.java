package net.azt3knet.application;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.azt3knet.ports.in.OpenCredentialExportUseCase;
import net.azt3knet.ports.out.crypto.CredentialCrypto;
import net.azt3knet.ports.out.crypto.CredentialCryptoException;

/** Opens files written by {@link ManageCredentialsService#export}. */
public final class OpenCredentialExportService implements OpenCredentialExportUseCase {

    private final CredentialCrypto crypto;

    public OpenCredentialExportService(CredentialCrypto crypto) {
        this.crypto = crypto;
    }

    @Override
    public byte[] open(byte[] exportFile, byte[] recipientSecretKey) {
        byte[] magic = ManageCredentialsService.EXPORT_MAGIC;
        if (exportFile.length < magic.length || !Arrays.equals(Arrays.copyOf(exportFile, magic.length), magic)) {
            throw new CredentialCryptoException("this is not an azt3knet credentials export (it does not start with "
                    + new String(magic, StandardCharsets.US_ASCII).strip() + ")");
        }
        return crypto.openSealed(crypto.recipientKeys(recipientSecretKey),
                Arrays.copyOfRange(exportFile, magic.length, exportFile.length));
    }
}
