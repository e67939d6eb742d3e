package net.azt3knet.app.cli;

import java.io.IOException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import net.azt3knet.app.wiring.Setting;
import net.azt3knet.ports.in.ManageMailQueueUseCase;
import net.azt3knet.ports.out.spool.QueueId;
import net.azt3knet.ports.out.spool.SpoolEntry;
import net.azt3knet.ports.out.spool.SpoolQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code azt3knet queue list|show|hold|release|retry|delete|purge}: the SMTP gateway's queue of accepted messages. */
@Command(name = "queue", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, usageHelpWidth = 100,
        description = {"List, inspect, hold, release, retry, delete and purge the messages the SMTP gateway accepted.",
            "A held message is never relayed until it is released; a message whose attempt is in flight (sending) can be neither held",
            "nor deleted. Every change is recorded in the audit trail."},
        footerHeading = "%nExamples:%n",
        footer = {"  azt3knet queue list --state deferred --older-than 2h",
            "  azt3knet queue show 42",
            "  azt3knet queue hold 42",
            "  azt3knet queue retry 42",
            "  azt3knet queue purge --sender spam@example.org --yes"})
final class QueueCommand {

    private final Cli cli;

    QueueCommand(Cli cli) {
        this.cli = cli;
    }

    /** The filters of list and purge. */
    static final class Filters {
        @Option(names = "--state", paramLabel = "STATE", description = "queued, sending, deferred, sent, bounced or held.")
        String state;
        @Option(names = "--sender", paramLabel = "ADDRESS", description = "The envelope sender (MAIL FROM); '<>' for bounces.")
        String sender;
        @Option(names = "--recipient", paramLabel = "ADDRESS", description = "One of the envelope recipients.")
        String recipient;
        @Option(names = "--older-than", paramLabel = "AGE", description = "Accepted longer ago than this: 90m, 24h, 7d.")
        String olderThan;

        SpoolQuery query() {
            return ManageMailQueueUseCase.query(state, sender, recipient, olderThan, Instant.now());
        }
    }

    private static final String[] COLUMNS = {"id", "state", "sender", "recipients", "size", "attempts", "created_at",
        "next_attempt_at", "last_error", "provider_message_id"};

    private static Object[] row(SpoolEntry e) {
        return new Object[] {e.id().value(), word(e), e.envelope().reversePath(), String.join(",", e.envelope().recipients()), e.size(),
            e.attempts(), e.createdAt().toString(), e.nextAttemptAt().map(Instant::toString).orElse(null), e.lastError().orElse(null),
            e.providerMessageId().orElse(null)};
    }

    private static String word(SpoolEntry e) {
        return e.state().name().toLowerCase(Locale.ROOT);
    }

    private static QueueId id(String text) {
        try {
            return QueueId.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage() + " ('azt3knet queue list' shows them)");
        }
    }

    private static UserInputException unknown(QueueId id) {
        return new UserInputException("no message " + id + " is in the queue; 'azt3knet queue list' shows them");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The queued messages, newest first (never their content).")
    int list(@Mixin StorageOptions storage, @Mixin Filters filters,
             @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "At most this many (1-1000; default 100).") int limit,
             @Option(names = "--before", paramLabel = "ID", description = "Only ids below this one: the next page, as the previous one's stderr names.") String before,
             @Mixin FormatOption format) throws IOException {
        SpoolQuery query = filters.query();
        QueueId from = before == null ? null : id(before);
        ManageMailQueueUseCase.Page page = Storage.withDatabase(cli, storage, EnumSet.noneOf(Setting.class), ManageMailQueueUseCase.class,
                use -> use.list(query, from, limit));
        Listing listing = new Listing(COLUMNS);
        page.entries().forEach(e -> listing.row(row(e)));
        listing.write(cli.out(), format.chosen());
        page.next().ifPresent(next -> cli.err().println("more messages follow: add --before " + next));
        return Errors.OK;
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One message's envelope and state, or with --raw its content as accepted.")
    int show(@Mixin StorageOptions storage, @Parameters(paramLabel = "ID", description = "The queue id ('queued as <id>').") String text,
             @Option(names = "--raw", description = "Write the message exactly as accepted (RFC 5322) on stdout instead.") boolean raw,
             @Mixin FormatOption format) throws IOException {
        QueueId id = id(text);
        var message = Storage.withDatabase(cli, storage, EnumSet.noneOf(Setting.class), ManageMailQueueUseCase.class, use -> use.show(id))
                .orElseThrow(() -> unknown(id));
        if (raw) {
            if (message.sealed()) {
                throw new UserInputException("message " + id + " was spooled under another master key: its content does not open"
                        + " under the SECRET_KEY_FOR_KV_ENC given; set SECRET_KEY_FOR_KV_ENC to the key it was spooled under");
            }
            cli.out().write(message.content());
            cli.out().flush();
            return Errors.OK;
        }
        Listing listing = new Listing(COLUMNS);
        listing.row(row(message.entry()));
        listing.write(cli.out(), format.chosen());
        return Errors.OK;
    }

    @Command(name = "hold", mixinStandardHelpOptions = true, description = "Set queued or deferred messages aside: never relayed until released.")
    int hold(@Mixin StorageOptions storage, @Parameters(paramLabel = "ID", arity = "1..*", description = "Queue ids.") List<String> ids) {
        return change(storage, ids, ManageMailQueueUseCase::hold, "held");
    }

    @Command(name = "release", mixinStandardHelpOptions = true, description = "Queue held messages again, due now.")
    int release(@Mixin StorageOptions storage, @Parameters(paramLabel = "ID", arity = "1..*", description = "Queue ids.") List<String> ids) {
        return change(storage, ids, ManageMailQueueUseCase::release, "released");
    }

    @Command(name = "retry", mixinStandardHelpOptions = true, description = "Make queued, deferred or held messages due now.")
    int retry(@Mixin StorageOptions storage, @Parameters(paramLabel = "ID", arity = "1..*", description = "Queue ids.") List<String> ids) {
        return change(storage, ids, ManageMailQueueUseCase::retry, "queued for a retry now");
    }

    private interface Change {
        Optional<SpoolEntry> apply(ManageMailQueueUseCase use, QueueId id, String actor);
    }

    private int change(StorageOptions storage, List<String> texts, Change change, String done) {
        List<QueueId> ids = texts.stream().map(QueueCommand::id).toList();
        Storage.withDatabase(cli, storage, EnumSet.noneOf(Setting.class), ManageMailQueueUseCase.class, use -> {
            for (QueueId id : ids) {
                change.apply(use, id, cli.actor()).orElseThrow(() -> unknown(id));
                cli.err().println("message " + id + " " + done);
            }
            return null;
        });
        return Errors.OK;
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Remove messages for good (not one whose attempt is in flight).")
    int delete(@Mixin StorageOptions storage, @Parameters(paramLabel = "ID", arity = "1..*", description = "Queue ids.") List<String> texts) {
        List<QueueId> ids = texts.stream().map(QueueCommand::id).toList();
        Storage.withDatabase(cli, storage, EnumSet.noneOf(Setting.class), ManageMailQueueUseCase.class, use -> {
            for (QueueId id : ids) {
                if (!use.delete(id, cli.actor())) throw unknown(id);
                cli.err().println("message " + id + " deleted");
            }
            return null;
        });
        return Errors.OK;
    }

    @Command(name = "purge", mixinStandardHelpOptions = true,
            description = "Remove every message matching the filters (never one in flight); without --yes only count them (exit 2).")
    int purge(@Mixin StorageOptions storage, @Mixin Filters filters,
              @Option(names = "--yes", description = "Really remove them.") boolean yes) {
        SpoolQuery query = filters.query();
        ManageMailQueueUseCase.Purge purge = Storage.withDatabase(cli, storage, EnumSet.noneOf(Setting.class), ManageMailQueueUseCase.class,
                use -> use.purge(query, yes, cli.actor()));
        if (!yes) {
            cli.err().println(purge.matched() + " messages match; nothing removed: add --yes to remove them");
            return Errors.INVALID_INPUT;
        }
        cli.err().println("removed " + purge.removed() + " messages" + (purge.removed() < purge.matched()
                ? " (" + (purge.matched() - purge.removed()) + " were in flight or changed meanwhile and were kept)" : ""));
        return Errors.OK;
    }
}
