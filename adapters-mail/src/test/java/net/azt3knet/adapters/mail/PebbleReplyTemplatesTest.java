package net.azt3knet.adapters.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import net.azt3knet.ports.out.mail.ReplyTemplates.Rendered;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in templates, escaping of model text, the reference's template style and the operator's overrides. */
class PebbleReplyTemplatesTest {

    @TempDir
    Path dir;

    private static final Map<String, Object> VARS = Map.of("ai_response", "Line one\n<script>alert('x')</script>", "sender_name", "Pat",
            "original_subject", "Hello & bye", "response_date", "2026-06-01", "thread_id", "t-1@example.net",
            "agent_name", "Ana Agent", "agent_email", "ana@agents.example.org");

    @Test
    void theBuiltInHtmlEscapesModelTextAndKeepsItsLineBreaks() {
        Rendered r = new PebbleReplyTemplates(Optional.empty()).render("p1", VARS);
        assertThat(r.html()).contains("Line one<br>\n&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", "Hello Pat,", "Ana Agent",
                "Hello &amp; bye", "automated persona on a synthetic identity").doesNotContain("<script>");
        assertThat(r.text()).contains("Hello Pat,", "Line one\n<script>alert('x')</script>", "> In reply to: Hello & bye (2026-06-01)",
                "Ana Agent <ana@agents.example.org>", "automated persona on a synthetic identity");
    }

    @Test
    void missingVariablesRenderEmpty() {
        Rendered r = new PebbleReplyTemplates(Optional.empty()).render("p1", Map.of("ai_response", "Hi"));
        assertThat(r.text()).startsWith("Hello,\n\nHi\n");
    }

    @Test
    void aReferenceStyleOverrideRendersAndTheOtherTemplateStaysBuiltIn() throws Exception {
        Files.createDirectories(dir.resolve("p1"));
        Files.writeString(dir.resolve("p1/reply.html"), "<p>Dear {{ sender_name }},</p><div>{{ ai_response }}</div>"
                + "<p>Re: {{ original_subject }} ({{ response_date }}, thread {{ thread_id }})</p>{% if agent_name %}-- {{ agent_name }}{% endif %}");
        PebbleReplyTemplates t = new PebbleReplyTemplates(Optional.of(dir));
        Rendered r = t.render("p1", VARS);
        assertThat(r.html()).isEqualTo("<p>Dear Pat,</p><div>Line one\n&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</div>"
                + "<p>Re: Hello &amp; bye (2026-06-01, thread t-1@example.net)</p>-- Ana Agent");
        assertThat(r.text()).contains("Hello Pat,");
        assertThat(t.render("p2", VARS).html()).contains("automated persona");
    }

    @Test
    void aChangedOverrideIsReloaded() throws Exception {
        Path file = Files.createDirectories(dir.resolve("p1")).resolve("reply.txt");
        Files.writeString(file, "one {{ sender_name }}");
        PebbleReplyTemplates t = new PebbleReplyTemplates(Optional.of(dir));
        assertThat(t.render("p1", VARS).text()).isEqualTo("one Pat");
        Files.writeString(file, "two {{ sender_name }}");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(t.render("p1", VARS).text()).isEqualTo("two Pat");
    }

    @Test
    void anOverrideThatDoesNotParseNamesItsFileAndLine() throws Exception {
        Path file = Files.createDirectories(dir.resolve("p1")).resolve("reply.html");
        Files.writeString(file, "<p>ok</p>\n<p>{% if sender_name %}never closed</p>\n");
        PebbleReplyTemplates t = new PebbleReplyTemplates(Optional.of(dir));
        assertThatThrownBy(() -> t.render("p1", VARS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString()).hasMessageMatching("(?s).*line \\d+.*");
    }

    @Test
    void aPopulationNameCannotLeaveTheOverrideDirectory() throws Exception {
        Files.writeString(dir.resolve("reply.txt"), "escaped");
        assertThat(new PebbleReplyTemplates(Optional.of(dir.resolve("sub"))).render("..", VARS).text()).contains("Hello Pat,");
    }
}
