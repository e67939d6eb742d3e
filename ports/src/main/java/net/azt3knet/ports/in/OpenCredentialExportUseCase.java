package net.azt3knet.ports.in;

/** Driving port: decrypt a credentials export with the recipient's secret key; needs no database and no master key. */
public interface OpenCredentialExportUseCase {

    /**
     * The CSV inside an export file.
     *
     * @throws net.azt3knet.ports.out.crypto.CredentialCryptoException when the file is not an export, is corrupt, or
     *         was sealed for another recipient
     */
    byte[] open(byte[] exportFile, byte[] recipientSecretKey);
}
