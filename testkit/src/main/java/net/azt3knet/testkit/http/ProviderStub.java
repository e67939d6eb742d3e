package net.azt3knet.testkit.http;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stateful vendor API inside WireMock: a subclass keeps the vendor's state and answers as its documentation says;
 * this base adds what a real network does to it on demand — 5xx, 429 with Retry-After, reset connections and
 * answers too late for the client, the last two also after the write took effect — and counts writes and faults.
 * Every answer is computed under one lock, so the state stays consistent under concurrent clients.
 */
public abstract class ProviderStub implements ResponseDefinitionTransformerV2 {

    private SplittableRandom random = new SplittableRandom(1);
    private double faultRate;
    private int lateMillis;
    private String forcedBody;
    private int slowMillis;
    /** Requests that reached the vendor logic with a writing method. */
    public final AtomicInteger writes = new AtomicInteger();
    /** Injected faults of any kind. */
    public final AtomicInteger faults = new AtomicInteger();
    /** Injected 429s. */
    public final AtomicInteger rateLimited = new AtomicInteger();

    /** A WireMock server on a free port whose every answer comes from {@code stub}; started. */
    public static WireMockServer serve(ProviderStub stub) {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort().extensions(stub));
        server.start();
        server.stubFor(WireMock.any(WireMock.anyUrl()).willReturn(WireMock.aResponse()));
        return server;
    }

    /**
     * Makes a share of the calls fail from now on, repeatably for a seed; {@code rate} 0 stops it.
     *
     * @param lateMillis how late a "too late" answer comes: more than the client's timeout
     */
    public synchronized void faults(double rate, long seed, int lateMillis) {
        this.faultRate = rate;
        this.random = new SplittableRandom(seed);
        this.lateMillis = lateMillis;
    }

    /** Every answer from now on comes {@code millis} late (a slow provider, not a faulty one); 0 stops it. */
    public synchronized void slow(int millis) {
        this.slowMillis = millis;
    }

    /** Every next answer is this body with HTTP 200 (malformed-JSON tests); null to stop. */
    public synchronized void forceBody(String body) {
        this.forcedBody = body;
    }

    /** The vendor's answer when the credentials of {@code request} are refused, or null to go on. */
    protected abstract ResponseDefinition refuse(Request request, boolean write);

    /** The vendor's answer to an authorised request; {@code path} is decoded, without the query. */
    protected abstract ResponseDefinition route(String method, String path, Map<String, String> query, String body)
            throws Exception;

    /** The vendor's answer to a body it cannot parse. */
    protected abstract ResponseDefinition unreadable();

    /** True for the requests that change state at this vendor (by default every method but GET). */
    protected boolean writes(String method, String path) {
        return !method.equals("GET");
    }

    @Override
    public final synchronized ResponseDefinition transform(ServeEvent event) {
        Request req = event.getRequest();
        String method = req.getMethod().getName();
        String[] url = req.getUrl().split("\\?", 2);
        if (forcedBody != null) return json(200, forcedBody);
        boolean write = writes(method, url[0]);
        ResponseDefinition refused = refuse(req, write);
        if (refused != null) return refused;

        int fault = faultRate > 0 && random.nextDouble() < faultRate ? random.nextInt(6) : -1;
        if (fault >= 0) faults.incrementAndGet();
        if (fault == 0) return new ResponseDefinitionBuilder().withStatus(502).withBody("<html>Bad Gateway</html>").build();
        if (fault == 1) {
            rateLimited.incrementAndGet();
            return new ResponseDefinitionBuilder().withStatus(429).withHeader("Retry-After", "1").withBody("Too Many Requests").build();
        }
        if (fault == 2) return reset();
        if (write) writes.incrementAndGet();
        ResponseDefinition answer;
        try {
            answer = route(method, URLDecoder.decode(url[0], StandardCharsets.UTF_8), query(url.length > 1 ? url[1] : ""),
                    req.getBodyAsString());
        } catch (Exception e) {
            answer = unreadable();
        }
        if (fault == 3) return reset(); // after the effect
        if (fault == 4) return ResponseDefinitionBuilder.like(answer).withFixedDelay(lateMillis).build();
        return slowMillis > 0 ? ResponseDefinitionBuilder.like(answer).withFixedDelay(slowMillis).build() : answer;
    }

    private static ResponseDefinition reset() {
        return new ResponseDefinitionBuilder().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) continue;
            String[] kv = pair.split("=", 2);
            out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return out;
    }

    /** A JSON answer. */
    protected static ResponseDefinition json(int status, String body) {
        return new ResponseDefinitionBuilder().withStatus(status).withHeader("Content-Type", "application/json").withBody(body).build();
    }

    /** An answer without a body (204, 304). */
    protected static ResponseDefinition empty(int status) {
        return new ResponseDefinitionBuilder().withStatus(status).build();
    }
}
