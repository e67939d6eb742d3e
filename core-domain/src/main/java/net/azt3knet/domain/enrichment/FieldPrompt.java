package net.azt3knet.domain.enrichment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One field's prompt.
 *
 * @param template the template and its version, e.g. {@code bio@1}
 * @param system   the system message
 * @param user     the user message
 */
public record FieldPrompt(String template, String system, String user) {

    public FieldPrompt {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(user, "user");
    }

    /** SHA-256 (hex) of both messages, length-prefixed so no two prompts share it by concatenation. */
    public String hash() {
        return HexFormat.of().formatHex(digest());
    }

    byte[] digest() {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {system, user}) {
                byte[] b = part.getBytes(StandardCharsets.UTF_8);
                d.update((b.length + ":").getBytes(StandardCharsets.US_ASCII));
                d.update(b);
            }
            return d.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
