package net.azt3knet.domain.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SecretsTest {

    private static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    @Test
    void secretsAndKeysNeverPrintThemselves() {
        Secret s = Secret.of("hunter2-password");
        assertThat(s.toString()).isEqualTo("***");
        assertThat(String.valueOf(new Object[] {s}[0])).doesNotContain("hunter2");
        MasterKey k = MasterKey.parse("SECRET_KEY_FOR_KV_ENC", KEY);
        assertThat(k.toString()).doesNotContain(KEY).doesNotContain("AAEC");
        assertThat(new SealedCredential("k-1", new byte[24], new byte[36]).toString()).isEqualTo("SealedCredential[keyId=k-1, 36 bytes]");
    }

    @Test
    void secretsCompareByValue() {
        assertThat(Secret.of("a").matches(Secret.of("a"))).isTrue();
        assertThat(Secret.of("a")).isEqualTo(Secret.of("a")).isNotEqualTo(Secret.of("b"));
        assertThatThrownBy(() -> Secret.of("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMasterKeyParsesFromEitherBase64AlphabetAndRoundTrips() {
        MasterKey k = MasterKey.parse("X", KEY);
        assertThat(k.encode()).isEqualTo(KEY);
        assertThat(MasterKey.parse("X", KEY.replace('+', '-').replace('/', '_').replace("=", ""))).isEqualTo(k);
        assertThat(MasterKey.parse("X", "  " + KEY + "\n")).isEqualTo(k);
        assertThat(k.bytes()).isEqualTo(Base64.getDecoder().decode(KEY));
    }

    @Test
    void aBadMasterKeyIsNamedWithTheFixAndNeverEchoed() {
        assertThatThrownBy(() -> MasterKey.parse("SECRET_KEY_FOR_KV_ENC", "not base64 !!"))
                .isInstanceOf(InvalidMasterKeyException.class)
                .hasMessageStartingWith("SECRET_KEY_FOR_KV_ENC is not base64").hasMessageContaining("azt3knet keys generate")
                .hasMessageNotContaining("not base64 !!");
        assertThatThrownBy(() -> MasterKey.parse("SECRET_KEY_FOR_KV_ENC", "c2hvcnQ="))
                .hasMessageStartingWith("SECRET_KEY_FOR_KV_ENC decodes to 5 bytes, a master key has 32");
        assertThatThrownBy(() -> MasterKey.parse("SECRET_KEY_FOR_KV_ENC", " ")).hasMessageStartingWith("SECRET_KEY_FOR_KV_ENC is empty");
    }

    @Test
    void aCredentialRefEncodesAllItsPartsBigEndian() {
        CredentialRef r = new CredentialRef(UUID.fromString("00112233-4455-6677-8899-aabbccddeeff"), 258, 3);
        assertThat(java.util.HexFormat.of().formatHex(r.bytes()))
                .isEqualTo("00112233445566778899aabbccddeeff" + "0000000000000102" + "00000003");
        assertThatThrownBy(() -> new CredentialRef(UUID.randomUUID(), -1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
