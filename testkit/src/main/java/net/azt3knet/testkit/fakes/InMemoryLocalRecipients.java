package net.azt3knet.testkit.fakes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.azt3knet.ports.out.submission.LocalRecipients;

/**
 * {@link LocalRecipients} in memory: the given mailboxes (their domains are local), each message kept once per
 * (recipient, Message-ID) as the database does; {@link #failDeliveries} makes delivery fail as a store that is down.
 */
public final class InMemoryLocalRecipients implements LocalRecipients {

    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*(\\S+)");

    /** One message kept for one recipient. */
    public record Kept(String recipient, String sender, String messageId, byte[] content) {
        /** The content as text. */
        public String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    private final Set<String> mailboxes;
    private final Set<String> domains;
    private final List<Kept> kept = new ArrayList<>();
    private volatile boolean fail;

    public InMemoryLocalRecipients(String... mailboxes) {
        this.mailboxes = Set.of(mailboxes).stream().map(a -> a.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet());
        this.domains = this.mailboxes.stream().map(a -> a.substring(a.lastIndexOf('@') + 1)).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    @Override
    public Kind kind(String address) {
        String a = address.toLowerCase(Locale.ROOT);
        if (mailboxes.contains(a)) return Kind.LOCAL;
        return domains.contains(a.substring(a.lastIndexOf('@') + 1)) ? Kind.UNKNOWN : Kind.REMOTE;
    }

    @Override
    public synchronized void deliver(String sender, List<String> recipients, byte[] content) {
        if (fail) throw new IllegalStateException("the mailboxes are down");
        Matcher m = MESSAGE_ID.matcher(new String(content, StandardCharsets.UTF_8));
        String id = m.find() ? m.group(1) : "digest:" + java.util.Arrays.hashCode(content);
        for (String r : recipients) {
            String a = r.toLowerCase(Locale.ROOT);
            if (!mailboxes.contains(a)) throw new IllegalArgumentException(r + " is no local mailbox");
            if (kept.stream().noneMatch(k -> k.recipient().equals(a) && k.messageId().equals(id))) {
                kept.add(new Kept(a, sender, id, content.clone()));
            }
        }
    }

    /** Every message kept, in order. */
    public synchronized List<Kept> kept() {
        return List.copyOf(kept);
    }

    /** While true, every delivery throws (nothing is kept). */
    public void failDeliveries(boolean fail) {
        this.fail = fail;
    }
}
