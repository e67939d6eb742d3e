package net.azt3knet.app.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The AI responder end to end, in {@code serve}'s own process: mail for an agent with a local mailbox arrives at the
 * gateway, the responder asks a model server (WireMock, OpenAI-compatible) and the threaded reply leaves through the
 * smarthost (GreenMail) from the agent's own address; mailing-list mail gets no reply and its reason is in the queue.
 */
class ResponderServeIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static CliHome home;
    private static Map<String, String> env;
    private static ServeProcess serve;
    private static GreenMail smarthost;
    private static WireMockServer model;
    private static Path cert;
    private static String[] agents;

    @BeforeAll
    static void start() throws Exception {
        home = CliHome.open("responder-it-");
        env = ServeProcess.offline(home);
        Path certs = home.dir.resolve("tls");
        assertThat(CliRun.in(env, home.dir, "smtp", "cert", "--self-signed", "--host", "localhost", "--out-dir", certs.toString()).exitCode()).isZero();
        cert = certs.resolve("cert.pem");
        CliRun made = CliRun.in(env, home.dir, "populate", "--count", "2", "--seed", "responder-it", "--domain", "answers.example.org",
                "--create-mailboxes");
        assertThat(made.exitCode()).as(made.err()).isZero();
        String population = made.out().strip();
        agents = agents(population);
        CliRun enabled = CliRun.in(env, home.dir, "responder", "enable", "--population", population);
        assertThat(enabled.exitCode()).as(enabled.err()).isZero();
        CliRun auto = CliRun.in(env, home.dir, "responder", "policy", "--population", population, "--mode", "auto");
        assertThat(auto.exitCode()).as(auto.err()).isZero();

        int smarthostPort;
        try (ServerSocket s = new ServerSocket(0)) {
            smarthostPort = s.getLocalPort();
        }
        smarthost = new GreenMail(new ServerSetup(smarthostPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smarthost.start();
        model = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        model.start();
        model.stubFor(get("/v1/models").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"object\":\"list\",\"data\":[{\"id\":\"persona-model\",\"object\":\"model\"}]}")));
        model.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"c1\",\"object\":\"chat.completion\",\"model\":\"persona-model\",\"choices\":[{\"index\":0,"
                        + "\"message\":{\"role\":\"assistant\",\"content\":\"Thanks for writing. Tuesday suits me well.\"},"
                        + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":300,\"completion_tokens\":12,\"total_tokens\":312}}")));

        ServeProcess.listening(env, certs);
        env.put("SMARTHOST_HOST", "127.0.0.1");
        env.put("SMARTHOST_PORT", Integer.toString(smarthostPort));
        env.put("SMARTHOST_SECURITY", "none");
        env.put("SMARTHOST_SEND_DOMAINS", "answers.example.org"); // the agents' replies leave through it
        env.put("LLM_BASE_URL", model.baseUrl() + "/v1");
        env.put("LLM_API", "openai");
        env.put("AZT3KNET_RESPONDER", "on");
        env.put("AZT3KNET_RESPONDER_MODEL", "persona-model");
        serve = ServeProcess.start(env, home.dir, "serve");
    }

    @AfterAll
    static void stop() throws Exception {
        if (serve != null) serve.close();
        if (smarthost != null) smarthost.stop();
        if (model != null) model.stop();
        if (home != null) home.close();
    }

    @Test
    void aMailToAnAgentGetsOneThreadedAutomatedReplyFromTheAgentsOwnAddress() throws Exception {
        String id = "<question-" + System.nanoTime() + "@outside.example>";
        assertThat(ServeProcess.submit(serve.smtpPort(), false, cert, null, null, "asker@outside.example", id, "Meeting next week",
                Map.of("References", "<root-1@outside.example>"), agents[0])).startsWith("250 ");

        MimeMessage reply = awaitReplyTo(id);
        assertThat(reply.getFrom()[0].toString()).contains(agents[0]);
        assertThat(reply.getAllRecipients()[0].toString()).isEqualTo("asker@outside.example");
        assertThat(reply.getSubject()).isEqualTo("Re: Meeting next week");
        assertThat(reply.getHeader("References", " ").replaceAll("\\s+", " ")).as("unfolded").isEqualTo("<root-1@outside.example> " + id);
        assertThat(reply.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
        String raw = new String(reply.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(raw).contains("Tuesday suits me well");
        // the incoming mail reached the model as quoted data, with the persona in the system message
        model.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("Meeting next week")));

        JsonNode row = awaitQueue(agents[0], "completed");
        assertThat(row.get("outcome").asText()).isEqualTo("answer");
    }

    @Test
    void mailingListMailGetsNoReplyAndTheQueueSaysWhy() throws Exception {
        String id = "<list-" + System.nanoTime() + "@lists.example>";
        assertThat(ServeProcess.submit(serve.smtpPort(), false, cert, null, null, "news@lists.example", id, "Weekly digest",
                Map.of("List-Id", "<weekly.lists.example>"), agents[1])).startsWith("250 ");

        JsonNode row = awaitQueue(agents[1], "completed");
        assertThat(row.get("outcome").asText()).isEqualTo("mailing-list");
        assertThat(Arrays.stream(smarthost.getReceivedMessages()).filter(m -> inReplyTo(m).equals(id)).count()).isZero();
    }

    private static String inReplyTo(MimeMessage m) {
        try {
            String v = m.getHeader("In-Reply-To", null);
            return v == null ? "" : v.strip();
        } catch (jakarta.mail.MessagingException e) {
            return "";
        }
    }

    private static MimeMessage awaitReplyTo(String id) throws Exception {
        long until = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < until) {
            for (MimeMessage m : smarthost.getReceivedMessages()) if (inReplyTo(m).equals(id)) return m;
            Thread.sleep(200);
        }
        CliRun queue = CliRun.in(env, home.dir, "responder", "queue", "list", "--format", "json");
        CliRun spool = CliRun.in(env, home.dir, "queue", "list", "--format", "json");
        throw new AssertionError("no reply to " + id + " reached the smarthost; responder queue: " + queue.out()
                + "; spool: " + spool.out() + "; serve's log: " + java.nio.file.Files.readString(home.dir.resolve("serve.log")));
    }

    private static JsonNode awaitQueue(String agent, String state) throws Exception {
        long until = System.nanoTime() + 60_000_000_000L;
        JsonNode rows = null;
        while (System.nanoTime() < until) {
            CliRun list = CliRun.in(env, home.dir, "responder", "queue", "list", "--agent", agent, "--format", "json");
            assertThat(list.exitCode()).as(list.err()).isZero();
            rows = JSON.readTree(list.out());
            if (rows.size() > 0 && rows.get(0).get("state").asText().equals(state)) return rows.get(0);
            Thread.sleep(300);
        }
        throw new AssertionError("the queue never showed " + state + " for the agent: " + rows);
    }

    private static String[] agents(String population) throws Exception {
        CliRun list = CliRun.in(env, home.dir, "agents", "list", "--population", population, "--format", "json");
        assertThat(list.exitCode()).as(list.err()).isZero();
        JsonNode rows = JSON.readTree(list.out());
        String[] out = new String[rows.size()];
        for (int i = 0; i < out.length; i++) out[i] = rows.get(i).get("email").asText();
        return out;
    }
}
