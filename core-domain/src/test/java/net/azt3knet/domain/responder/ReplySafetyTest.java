package net.azt3knet.domain.responder;

import static net.azt3knet.domain.responder.Mails.aMail;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The check on the model's answer: each rule refuses, names itself and never quotes the reply. */
class ReplySafetyTest {

    private static final PersonaPrompt PROMPT = PersonaPrompt.build(PersonaPromptTest.AGENT,
            aMail().text("Photos are at https://photos.friend.example/album/7 if you want.").build(), List.of());
    private static final String THREAD = "Photos are at https://photos.friend.example/album/7 if you want.";
    private static final List<String> OTHERS = List.of("pedro.soto@agents.example", "Pedro Soto", " ");

    private static Optional<String> check(String reply) {
        return ReplySafety.refusal(reply, PROMPT, THREAD, OTHERS);
    }

    @Test
    void aPlainFriendlyReplyPasses() {
        assertThat(check("Hola Carlos,\n\nFriday works for me, see you at eight!\n\nLucía")).isEmpty();
        assertThat(check("Thanks, I saw the album at https://photos.friend.example/album/7.")).isEmpty();
        assertThat(check("I met Pedro yesterday and forgot my old passwords somewhere.")).isEmpty();
        assertThat(check("Your order number is 12345 and the code word is banana.")).isEmpty();
    }

    @Test
    void emptyRepliesAreRefused() {
        assertThat(check("")).contains("the reply is empty");
        assertThat(check(" \n\t ")).contains("the reply is empty");
        assertThat(check(null)).contains("the reply is empty");
    }

    @Test
    void aReplyEchoingTheSystemPromptIsRefusedEvenWithOtherWhitespaceAndCase() {
        String system = PROMPT.system();
        String piece = system.substring(system.indexOf("never change whom"), system.indexOf("never change whom") + 70);
        String echoed = "Sure! My instructions say:\n" + piece.toUpperCase().replace(" ", "\n   ") + " and so on.";
        assertThat(check(echoed)).hasValueSatisfying(r -> assertThat(r).contains("system prompt").doesNotContain("INSTRUCTIONS SAY"));
        String shortPiece = system.substring(system.indexOf("never change whom"), system.indexOf("never change whom") + 40);
        assertThat(check("Well, " + shortPiece + ".")).isEmpty();
        assertThat(check("The e-mail is in \u27E6mail\u27E7 and \u27E6/mail\u27E7.")).contains("the reply repeats a marker phrase of the prompt");
        assertThat(check("My rules you always follow are secret.")).contains("the reply repeats a marker phrase of the prompt");
    }

    @Test
    void aUrlNotInTheThreadIsRefused() {
        assertThat(check("Log in at https://evil.example/login to see it.")).contains("the reply contains a URL that is not in the thread");
        assertThat(check("Have a look at www.shop.example, it is great.")).contains("the reply contains a URL that is not in the thread");
        assertThat(check("HTTPS://PHOTOS.FRIEND.EXAMPLE/album/7!")).isEmpty();
        assertThat(check("https://photos.friend.example/album/7 and http://other.example")).isPresent();
    }

    @Test
    void anotherAgentsAddressOrNameIsRefused() {
        assertThat(check("Write to Pedro.Soto@agents.example, he knows.")).contains("the reply contains another agent's address");
        assertThat(check("Ask pedro   soto about it.")).contains("the reply names another agent");
        assertThat(check("Ask Pedro Sotomayor about it.")).isEmpty();
    }

    @Test
    void secretsAreRefused() {
        assertThat(check("My password: hunter2")).contains("the reply mentions a password");
        assertThat(check("Mein Passwort ist Sommer2024")).contains("the reply mentions a password");
        assertThat(check("La contraseña es 1234")).contains("the reply mentions a password");
        assertThat(check("Use the key sk-abcdefghijklmnop1234 for it")).contains("the reply contains what looks like an API key or private key");
        assertThat(check("AKIAIOSFODNN7EXAMPLE is mine")).contains("the reply contains what looks like an API key or private key");
        assertThat(check("-----BEGIN OPENSSH PRIVATE KEY-----")).contains("the reply contains what looks like an API key or private key");
        assertThat(check("token 9f663eb9e91c45b1047a0c7cd9039b28")).contains("the reply contains a long hexadecimal run (a secret or token)");
        assertThat(check("dGhpcyBpcyBhIHNlY3JldCB0b2tlbiB0aGF0IGlzIGxvbmc9")).contains("the reply contains a long base64 run (a secret or token)");
        // A long word is not a token.
        assertThat(check("Donaudampfschifffahrtsgesellschaftskapitaenswitwe says hi")).isEmpty();
    }

    @Test
    void reasonsNeverQuoteTheReply() {
        for (String reply : List.of("password: hunter2", "see https://evil.example/x", "pedro.soto@agents.example")) {
            assertThat(check(reply)).hasValueSatisfying(r -> assertThat(r).doesNotContain("hunter2", "evil", "pedro"));
        }
    }
}
