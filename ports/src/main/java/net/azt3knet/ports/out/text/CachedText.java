package net.azt3knet.ports.out.text;

import java.time.Instant;
import java.util.Objects;

/**
 * One cached answer.
 *
 * @param key        SHA-256 (hex) of the request's identity: model, template version, prompt hash, parameters
 * @param model      the model's name
 * @param parameters the request's identity as canonical JSON (what the key hashes, and the answer's fingerprint)
 * @param response   the model's answer as it was received
 * @param createdAt  when it was received
 */
public record CachedText(String key, String model, String parameters, String response, Instant createdAt) {

    public CachedText {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
