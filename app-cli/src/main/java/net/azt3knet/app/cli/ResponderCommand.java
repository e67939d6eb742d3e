package net.azt3knet.app.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import net.azt3knet.app.wiring.AppConfig;
import net.azt3knet.app.wiring.Setting;
import net.azt3knet.domain.responder.ReplyMode;
import net.azt3knet.domain.responder.ReplyPolicy;
import net.azt3knet.ports.in.ManageResponderUseCase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code azt3knet responder enable|disable|status|policy|queue|drafts}: who answers their mail, by which rules, and the review of replies. */
@Command(name = "responder", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, usageHelpWidth = 100,
        description = {"The AI responder: agents answer their mail in persona while 'serve' runs with AZT3KNET_RESPONDER=on.",
            "Off for every agent until enabled. A new population's replies are drafts (review mode) until its policy says auto.",
            "Every received message is decided with a reason (answer, mailing-list, auto-submitted, …): 'responder queue list'",
            "shows them. Every change is recorded in the audit trail. See docs/responder.md."},
        subcommands = {ResponderCommand.Queue.class, ResponderCommand.Drafts.class},
        footerHeading = "%nExamples:%n",
        footer = {"  azt3knet responder enable --population $ID                  # every agent of the population",
            "  azt3knet responder enable --population $ID --agents ana.lopez@agents.example.org",
            "  azt3knet responder policy --population $ID --block @spam.example --per-hour 50",
            "  azt3knet responder status --population $ID",
            "  azt3knet responder drafts list",
            "  azt3knet responder drafts approve 17",
            "  azt3knet responder policy --population $ID --mode auto      # send without review from now on",
            "  azt3knet responder queue list --state failed"})
final class ResponderCommand {

    private final Cli cli;

    ResponderCommand(Cli cli) {
        this.cli = cli;
    }

    private static final String[] POLICY = {"mode", "allowed_senders", "blocked_senders", "agent_to_agent", "thread_cap",
        "per_hour", "sender_per_hour", "once_per", "daily_tokens", "max_attachment_bytes", "spam_threshold"};

    static Object[] policy(ReplyPolicy p) {
        return new Object[] {p.mode().name().toLowerCase(Locale.ROOT), String.join(",", p.allowedSenders()),
            String.join(",", p.blockedSenders()), p.agentToAgent() ? "on" : "off", p.threadCap(), p.perHour(), p.senderPerHour(),
            period(p.oncePer()), p.dailyTokens(), p.maxAttachmentBytes(), p.spamThreshold()};
    }

    /** A period as the flag takes it: whole days, hours, minutes or seconds. */
    static String period(Duration d) {
        long s = d.toSeconds();
        if (s == 0) return "0";
        if (s % 86_400 == 0) return s / 86_400 + "d";
        if (s % 3_600 == 0) return s / 3_600 + "h";
        if (s % 60 == 0) return s / 60 + "m";
        return s + "s";
    }

    private static List<String> agents(String text) {
        if (text == null) return List.of();
        return java.util.Arrays.stream(text.split(",")).map(a -> a.strip().toLowerCase(Locale.ROOT)).filter(a -> !a.isEmpty()).toList();
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Let a population's agents (all, or those named) answer their mail.")
    int enable(@Mixin StorageOptions storage,
               @Option(names = "--population", required = true, paramLabel = "ID", description = "The population.") String population,
               @Option(names = "--agents", paramLabel = "A,B", description = "Only these agents' addresses, comma-separated (default: all).") String agents) {
        UUID id = Ids.population(population);
        int n = Storage.withDatabase(cli, storage, EnumSet.noneOf(Setting.class), ManageResponderUseCase.class,
                use -> use.enable(id, agents(agents)));
        cli.err().println("responder enabled for " + n + " more agents of population " + id
                + "; replies are written while 'serve' runs with AZT3KNET_RESPONDER=on");
        return Errors.OK;
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, description = "Stop a population's agents (all, or those named) answering; queued mail stays.")
    int disable(@Mixin StorageOptions storage,
                @Option(names = "--population", required = true, paramLabel = "ID", description = "The population.") String population,
                @Option(names = "--agents", paramLabel = "A,B", description = "Only these agents' addresses, comma-separated (default: all).") String agents) {
        UUID id = Ids.population(population);
        int n = Storage.withDatabase(cli, storage, EnumSet.noneOf(Setting.class), ManageResponderUseCase.class,
                use -> use.disable(id, agents(agents)));
        cli.err().println("responder disabled for " + n + " agents of population " + id);
        return Errors.OK;
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "How many agents answer, the queue by state, the drafts waiting, and the policy.")
    int status(@Mixin StorageOptions storage,
               @Option(names = "--population", required = true, paramLabel = "ID", description = "The population.") String population,
               @Mixin FormatOption format) throws IOException {
        UUID id = Ids.population(population);
        ManageResponderUseCase.Status s = Storage.withDatabase(cli, storage, EnumSet.noneOf(Setting.class), ManageResponderUseCase.class,
                use -> use.status(id));
        String[] columns = concat(new String[] {"population", "enabled_agents", "drafts", "pending", "processing", "completed", "failed"}, POLICY);
        Object[] head = {s.population().toString(), s.enabledAgents(), s.drafts(), s.queue().getOrDefault("pending", 0L),
            s.queue().getOrDefault("processing", 0L), s.queue().getOrDefault("completed", 0L), s.queue().getOrDefault("failed", 0L)};
        new Listing(columns).row(concat(head, policy(s.policy()))).write(cli.out(), format.chosen());
        return Errors.OK;
    }

    private static <T> T[] concat(T[] a, T[] b) {
        T[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The policy flags: each given one replaces that field, the others keep their value. */
    static final class PolicyChanges {
        @Option(names = "--mode", paramLabel = "MODE", description = "review (replies are drafts until approved) or auto (sent at once).")
        String mode;
        @Option(names = "--allow", paramLabel = "SENDERS", description = "Only these senders are answered: a@b.example,@b.example,* ('' clears the list).")
        String allow;
        @Option(names = "--block", paramLabel = "SENDERS", description = "Never answered, same syntax ('' clears the list).")
        String block;
        @Option(names = "--agent-to-agent", paramLabel = "on|off", description = "Whether agents answer each other (then --thread-cap limits a thread).")
        String agentToAgent;
        @Option(names = "--thread-cap", paramLabel = "N", description = "Most replies in one thread, all agents together.")
        Integer threadCap;
        @Option(names = "--per-hour", paramLabel = "N", description = "Most replies per hour, all agents together (MAX_EMAILS_PER_HOUR).")
        Integer perHour;
        @Option(names = "--sender-per-hour", paramLabel = "N", description = "Most replies to one sender per hour.")
        Integer senderPerHour;
        @Option(names = "--once-per", paramLabel = "PERIOD", description = "One reply per sender and agent in this period: 12h, 1d, 7d; 0: no limit.")
        String oncePer;
        @Option(names = "--daily-tokens", paramLabel = "N", description = "Most model tokens per day, all agents together.")
        Long dailyTokens;
        @Option(names = "--max-attachment", paramLabel = "SIZE", description = "Largest attachment of a mail that is answered: 10MB, 512KB or bytes.")
        String maxAttachment;

        ReplyPolicy applyTo(ReplyPolicy p) {
            ReplyMode m = mode == null ? p.mode() : switch (mode.strip().toLowerCase(Locale.ROOT)) {
                case "review" -> ReplyMode.REVIEW;
                case "auto" -> ReplyMode.AUTO;
                default -> throw new UserInputException("--mode '" + mode + "' must be review or auto");
            };
            boolean a2a = agentToAgent == null ? p.agentToAgent() : switch (agentToAgent.strip().toLowerCase(Locale.ROOT)) {
                case "on" -> true;
                case "off" -> false;
                default -> throw new UserInputException("--agent-to-agent '" + agentToAgent + "' must be on or off");
            };
            Duration once = p.oncePer();
            if (oncePer != null) {
                try {
                    once = AppConfig.interval(oncePer);
                } catch (IllegalArgumentException e) {
                    throw new UserInputException("--once-per: " + e.getMessage());
                }
            }
            long attachment = p.maxAttachmentBytes();
            if (maxAttachment != null) {
                try {
                    attachment = AppConfig.size(maxAttachment);
                } catch (IllegalArgumentException e) {
                    throw new UserInputException("--max-attachment: " + e.getMessage());
                }
            }
            for (Object[] n : new Object[][] {{"--thread-cap", threadCap}, {"--per-hour", perHour}, {"--sender-per-hour", senderPerHour},
                {"--daily-tokens", dailyTokens}}) {
                if (n[1] != null && ((Number) n[1]).longValue() < 0) throw new UserInputException(n[0] + " cannot be negative");
            }
            return new ReplyPolicy(m, allow == null ? p.allowedSenders() : senders("--allow", allow),
                    block == null ? p.blockedSenders() : senders("--block", block), a2a, threadCap == null ? p.threadCap() : threadCap,
                    attachment, senderPerHour == null ? p.senderPerHour() : senderPerHour, perHour == null ? p.perHour() : perHour,
                    once, dailyTokens == null ? p.dailyTokens() : dailyTokens, p.spamThreshold());
        }

        private static List<String> senders(String flag, String text) {
            try {
                return AppConfig.senderPatterns(text);
            } catch (IllegalArgumentException e) {
                throw new UserInputException(flag + ": " + e.getMessage());
            }
        }
    }

    @Command(name = "policy", mixinStandardHelpOptions = true,
            description = {"Show or change a population's reply policy; prints the resulting policy.",
                "Without flags it only shows it. A population without its own policy follows the configured defaults",
                "(review mode, ALLOWED_SENDERS, BLOCKED_SENDERS, MAX_ATTACHMENT_SIZE, MAX_EMAILS_PER_HOUR)."})
    int policy(@Mixin StorageOptions storage,
               @Option(names = "--population", required = true, paramLabel = "ID", description = "The population.") String population,
               @Mixin PolicyChanges changes, @Mixin FormatOption format) throws IOException {
        UUID id = Ids.population(population);
        changes.applyTo(ReplyPolicy.DEFAULT); // a malformed flag is refused before the database starts
        ReplyPolicy after = Storage.withDatabase(cli, storage, EnumSet.noneOf(Setting.class), ManageResponderUseCase.class, use -> {
            ReplyPolicy before = use.status(id).policy();
            ReplyPolicy changed = changes.applyTo(before);
            return changed.equals(before) ? before : use.setPolicy(id, changed);
        });
        new Listing(POLICY).row(policy(after)).write(cli.out(), format.chosen());
        return Errors.OK;
    }

    private static long id(String text, String what) {
        try {
            long id = Long.parseLong(text.strip());
            if (id > 0) return id;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UserInputException("'" + text + "' is not a " + what + " id; ids are whole numbers ('azt3knet responder " + what
                + " list' shows them)");
    }

    private static Optional<Long> before(String text, String what) {
        return text == null ? Optional.empty() : Optional.of(id(text, what));
    }

    private static int limit(int limit) {
        if (limit < 1 || limit > ManageResponderUseCase.MAX) {
            throw new UserInputException("--limit " + limit + " must be from 1 to " + ManageResponderUseCase.MAX);
        }
        return limit;
    }

    private static Optional<String> word(String text, String flag, List<String> allowed) {
        if (text == null) return Optional.empty();
        String w = text.strip().toLowerCase(Locale.ROOT);
        if (!allowed.contains(w)) throw new UserInputException(flag + " '" + text + "' must be one of " + String.join(", ", allowed));
        return Optional.of(w);
    }

    /** {@code responder queue}: the received messages and what was decided for each. */
    @Command(name = "queue", mixinStandardHelpOptions = true, usageHelpWidth = 100,
            description = {"The messages the responder received, each with its state and, once decided, its reason.",
                "The reasons (answer, mailing-list, auto-submitted, …) are listed in docs/responder.md. Never their content."},
            footerHeading = "%nExamples:%n",
            footer = {"  azt3knet responder queue list --state failed",
                "  azt3knet responder queue list --agent ana.lopez@agents.example.org --format json",
                "  azt3knet responder queue retry 42",
                "  azt3knet responder queue drop 42 --yes"})
    static final class Queue {

        private final Cli cli;

        Queue(Cli cli) {
            this.cli = cli;
        }

        private static final String[] COLUMNS = {"id", "agent", "source", "state", "attempts", "outcome", "detail", "received_at",
            "next_attempt_at"};

        private static Object[] row(ManageResponderUseCase.QueueItem q) {
            return new Object[] {q.id(), q.agent(), q.source(), q.state(), q.attempts(), q.outcome().orElse(null), q.detail().orElse(null),
                q.receivedAt().toString(), q.nextAttemptAt().map(Instant::toString).orElse(null)};
        }

        @Command(name = "list", mixinStandardHelpOptions = true, description = "The newest entries first.")
        int list(@Mixin StorageOptions storage,
                 @Option(names = "--state", paramLabel = "STATE", description = "pending, processing, completed or failed.") String state,
                 @Option(names = "--agent", paramLabel = "ADDRESS", description = "One agent's entries.") String agent,
                 @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "At most this many (1-1000; default 100).") int limit,
                 @Option(names = "--before", paramLabel = "ID", description = "Only ids below this one: the next page.") String before,
                 @Mixin FormatOption format) throws IOException {
            Optional<String> s = word(state, "--state", List.of("pending", "processing", "completed", "failed"));
            Optional<String> a = Optional.ofNullable(agent).map(x -> x.strip().toLowerCase(Locale.ROOT));
            Optional<Long> from = before(before, "queue");
            int n = limit(limit);
            List<ManageResponderUseCase.QueueItem> items = Storage.withDatabase(cli, storage, EnumSet.noneOf(Setting.class),
                    ManageResponderUseCase.class, use -> use.queue(s, a, from, n));
            Listing listing = new Listing(COLUMNS);
            items.forEach(q -> listing.row(row(q)));
            listing.write(cli.out(), format.chosen());
            if (items.size() == n) cli.err().println("more entries may follow: add --before " + items.get(items.size() - 1).id());
            return Errors.OK;
        }

        @Command(name = "retry", mixinStandardHelpOptions = true, description = "Put a failed or completed entry back in the queue, due now.")
        int retry(@Mixin StorageOptions storage, @Parameters(paramLabel = "ID", description = "The entry's id.") String text) {
            long id = id(text, "queue");
            ManageResponderUseCase.QueueItem q = Storage.withDatabase(cli, storage, EnumSet.noneOf(Setting.class),
                    ManageResponderUseCase.class, use -> use.retry(id));
            cli.err().println("entry " + q.id() + " is " + q.state() + " again");
            return Errors.OK;
        }

        @Command(name = "drop", mixinStandardHelpOptions = true,
                description = "Delete an entry that is not being processed; without --yes only say what would go (exit 2).")
        int drop(@Mixin StorageOptions storage, @Parameters(paramLabel = "ID", description = "The entry's id.") String text,
                 @Option(names = "--yes", description = "Really delete it.") boolean yes) {
            long id = id(text, "queue");
            if (!yes) {
                cli.err().println("would delete queue entry " + id + " and its stored message; nothing deleted");
                throw new UserInputException("responder queue drop: add --yes to delete entry " + id);
            }
            Storage.withDatabase(cli, storage, EnumSet.noneOf(Setting.class), ManageResponderUseCase.class, use -> {
                use.drop(id);
                return null;
            });
            cli.err().println("entry " + id + " deleted");
            return Errors.OK;
        }
    }

    /** {@code responder drafts}: the replies written, waiting for review or decided. */
    @Command(name = "drafts", mixinStandardHelpOptions = true, usageHelpWidth = 100,
            description = {"The replies the responder wrote, drafts and decided ones.",
                "In review mode each waits as a draft until approved (then it is sent from the agent's address through",
                "the gateway's delivery) or rejected (never sent)."},
            footerHeading = "%nExamples:%n",
            footer = {"  azt3knet responder drafts list",
                "  azt3knet responder drafts list --state sent --format csv",
                "  azt3knet responder drafts show 17",
                "  azt3knet responder drafts approve 17",
                "  azt3knet responder drafts reject 18"})
    static final class Drafts {

        private final Cli cli;

        Drafts(Cli cli) {
            this.cli = cli;
        }

        private static final String[] COLUMNS = {"id", "mail_id", "agent", "to", "subject", "state", "tokens", "queue_id",
            "created_at", "decided_at"};

        private static Object[] row(ManageResponderUseCase.Draft d) {
            return new Object[] {d.id(), d.mailId(), d.agent(), d.to(), d.subject(), d.state(), d.tokens(), d.queueId().orElse(null),
                d.createdAt().toString(), d.decidedAt().map(Instant::toString).orElse(null)};
        }

        @Command(name = "list", mixinStandardHelpOptions = true, description = "The newest replies first (without their text).")
        int list(@Mixin StorageOptions storage,
                 @Option(names = "--state", paramLabel = "STATE", defaultValue = "draft", description = "draft (default), rejected, sent or all.") String state,
                 @Option(names = "--agent", paramLabel = "ADDRESS", description = "One agent's replies.") String agent,
                 @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "At most this many (1-1000; default 100).") int limit,
                 @Option(names = "--before", paramLabel = "ID", description = "Only ids below this one: the next page.") String before,
                 @Mixin FormatOption format) throws IOException {
            Optional<String> s = word(state, "--state", List.of("draft", "rejected", "sent", "all")).filter(w -> !w.equals("all"));
            Optional<String> a = Optional.ofNullable(agent).map(x -> x.strip().toLowerCase(Locale.ROOT));
            Optional<Long> from = before(before, "drafts");
            int n = limit(limit);
            List<ManageResponderUseCase.Draft> drafts = Storage.withDatabase(cli, storage, EnumSet.noneOf(Setting.class),
                    ManageResponderUseCase.class, use -> use.drafts(s, a, from, n));
            Listing listing = new Listing(COLUMNS);
            drafts.forEach(d -> listing.row(row(d)));
            listing.write(cli.out(), format.chosen());
            if (drafts.size() == n) cli.err().println("more replies may follow: add --before " + drafts.get(drafts.size() - 1).id());
            return Errors.OK;
        }

        @Command(name = "show", mixinStandardHelpOptions = true,
                description = "One reply: its headers and text (a table), or with every field and its HTML (json, ndjson, csv).")
        int show(@Mixin StorageOptions storage, @Parameters(paramLabel = "ID", description = "The reply's id.") String text,
                 @Mixin FormatOption format) throws IOException {
            long id = id(text, "drafts");
            ManageResponderUseCase.Draft d = Storage.withDatabase(cli, storage, EnumSet.noneOf(Setting.class),
                    ManageResponderUseCase.class, use -> use.draft(id)).orElseThrow(() -> unknown(id));
            ListingFormat chosen = format.chosen();
            if (chosen == ListingFormat.TABLE) {
                String shown = "From: " + d.agent() + "\nTo: " + d.to() + "\nSubject: " + d.subject() + "\nState: " + d.state()
                        + "\n\n" + d.text() + (d.text().endsWith("\n") ? "" : "\n");
                cli.out().write(shown.getBytes(StandardCharsets.UTF_8));
                cli.out().flush();
                return Errors.OK;
            }
            new Listing(concat(COLUMNS, new String[] {"text", "html"})).row(concat(row(d), new Object[] {d.text(), d.html()}))
                    .write(cli.out(), chosen);
            return Errors.OK;
        }

        @Command(name = "approve", mixinStandardHelpOptions = true, description = "Send a draft: it is handed to the gateway's queue at once.")
        int approve(@Mixin StorageOptions storage, @Parameters(paramLabel = "ID", description = "The draft's id.") String text) {
            long id = id(text, "drafts");
            ManageResponderUseCase.Draft d = Storage.withDatabase(cli, storage, EnumSet.noneOf(Setting.class),
                    ManageResponderUseCase.class, use -> use.approve(id));
            cli.err().println("reply " + d.id() + " approved and " + d.state() + d.queueId().map(q -> " (queued as " + q + ")").orElse(""));
            return Errors.OK;
        }

        @Command(name = "reject", mixinStandardHelpOptions = true, description = "Reject a draft: it is kept as rejected and never sent.")
        int reject(@Mixin StorageOptions storage, @Parameters(paramLabel = "ID", description = "The draft's id.") String text) {
            long id = id(text, "drafts");
            ManageResponderUseCase.Draft d = Storage.withDatabase(cli, storage, EnumSet.noneOf(Setting.class),
                    ManageResponderUseCase.class, use -> use.reject(id));
            cli.err().println("reply " + d.id() + " rejected");
            return Errors.OK;
        }

        private static UserInputException unknown(long id) {
            return new UserInputException("no reply " + id + " exists; 'azt3knet responder drafts list --state all' shows them");
        }
    }
}
