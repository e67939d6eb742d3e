package net.azt3knet.app.http;

import dev.failsafe.RateLimiter;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import net.azt3knet.ports.in.ManageApiTokensUseCase;
import net.azt3knet.ports.in.ManageApiTokensUseCase.Principal;

/**
 * Who may call what: bearer tokens checked by the token use case (answers kept 10 s, so a burst of requests is one
 * database read and a revocation takes effect within 10 s), failed authentication limited per client address, and
 * writes limited per token.
 */
final class Access {

    /** What a route asks of its caller. */
    enum Level { OPEN, READ, ADMIN }

    static final String PRINCIPAL = "azt3knet.principal";
    private static final long CACHE_NANOS = Duration.ofSeconds(10).toNanos();
    private static final int FAILURES_PER_MINUTE = 20;
    private static final int MAX_TRACKED = 10_000;
    private static final long MINUTE = Duration.ofMinutes(1).toNanos();

    private record Cached(Principal principal, long until) {
    }

    private final ManageApiTokensUseCase tokens;
    private final int writesPerMinute;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    /** Failed authentications per client address in the current minute (a fixed window: counting, not permits). */
    private final Map<String, long[]> failures = new ConcurrentHashMap<>();
    private final Map<String, RateLimiter<Object>> writes = new ConcurrentHashMap<>();

    Access(ManageApiTokensUseCase tokens, int writesPerMinute) {
        this.tokens = tokens;
        this.writesPerMinute = writesPerMinute;
    }

    /** Checks the caller against {@code level}; the principal is then {@link #principal(Context)}. */
    void require(Context ctx, Level level) {
        if (level == Level.OPEN) return;
        Principal p = authenticate(ctx).orElseThrow(() -> {
            if (ctx.header("Authorization") != null) failed(ctx.ip()); // a guess; a missing header is not one
            return ApiProblem.unauthorized(ctx.header("Authorization") == null
                    ? "this endpoint needs a token: send 'Authorization: Bearer <token>' (create one with 'azt3knet tokens create')"
                    : "the token is not valid (unknown, revoked or malformed)");
        });
        if (level == Level.ADMIN && !p.mayWrite()) {
            throw ApiProblem.forbidden("token '" + p.name() + "' has role read; this endpoint needs role admin");
        }
        if (level == Level.ADMIN) limited(writes, p.name(), writesPerMinute, "token '" + p.name() + "' made more than "
                + writesPerMinute + " write requests in a minute (AZT3KNET_HTTP_WRITE_RATE)");
        ctx.attribute(PRINCIPAL, p);
    }

    /** The caller's token owner, if the request carries a valid token (no failure counted: for optional detail). */
    Optional<Principal> authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) return Optional.empty();
        String token = header.substring(7).strip();
        String key = sha256(token);
        long now = System.nanoTime();
        Cached c = cache.get(key);
        if (c != null && c.until - now > 0) return Optional.of(c.principal); // known good: passes even a blocked address
        long[] window = failures.get(ctx.ip());
        if (window != null) {
            synchronized (window) {
                long left = window[0] + MINUTE - now;
                if (left > 0 && window[1] >= FAILURES_PER_MINUTE) {
                    throw ApiProblem.tooMany("too many failed authentications from " + ctx.ip() + "; wait a minute",
                            Math.max(1, Duration.ofNanos(left).toSeconds()));
                }
            }
        }
        Optional<Principal> p = tokens.authenticate(token);
        if (cache.size() > MAX_TRACKED) cache.clear();
        if (p.isPresent()) cache.put(key, new Cached(p.get(), now + CACHE_NANOS));
        return p;
    }

    private void failed(String ip) {
        if (failures.size() > MAX_TRACKED) failures.clear();
        long[] window = failures.computeIfAbsent(ip, k -> new long[] {System.nanoTime(), 0});
        synchronized (window) {
            long now = System.nanoTime();
            if (now - window[0] >= MINUTE) {
                window[0] = now;
                window[1] = 0;
            }
            window[1]++;
        }
    }

    static Principal principal(Context ctx) {
        return ctx.attribute(PRINCIPAL);
    }

    private static void limited(Map<String, RateLimiter<Object>> limiters, String key, int perMinute, String what) {
        if (limiters.size() > MAX_TRACKED) limiters.clear();
        RateLimiter<Object> limiter = limiters.computeIfAbsent(key,
                k -> RateLimiter.burstyBuilder(perMinute, Duration.ofMinutes(1)).build());
        if (!limiter.tryAcquirePermit()) throw ApiProblem.tooMany(what + "; wait a minute", 60);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
