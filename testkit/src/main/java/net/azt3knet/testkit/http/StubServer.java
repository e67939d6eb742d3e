package net.azt3knet.testkit.http;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link ProviderStub} served for one test class: started before the first test, calmed (no faults, no forced
 * body) after each, stopped after the last. Register it as a static {@code @RegisterExtension} field.
 */
public final class StubServer implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    private final ProviderStub stub;
    private WireMockServer server;

    public StubServer(ProviderStub stub) {
        this.stub = stub;
    }

    /** The running server; only valid from the first test on. */
    public WireMockServer server() {
        return server;
    }

    /**
     * Requests served since the server started or since the last call: the retry budget a test can bound without
     * timing the run.
     */
    public int takeRequestCount() {
        int served = server.getAllServeEvents().size();
        server.resetRequests();
        return served;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = ProviderStub.serve(stub);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        stub.faults(0, 1, 0);
        stub.forceBody(null);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.stop();
    }
}
