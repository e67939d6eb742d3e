package net.azt3knet.app.http;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import net.azt3knet.app.wiring.Integrations;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.ApplyCommand;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.OnConflict;
import net.azt3knet.ports.in.ProvisionMailboxesUseCase.Target;
import net.azt3knet.ports.out.integration.IntegrationKind;
import net.azt3knet.ports.in.InspectMailProvidersUseCase;

/** The provider and run options of a request body ({@code provider}, {@code on_conflict}, …), checked before any work starts. */
final class RunOptions {

    static final List<String> FIELDS = List.of("provider", "on_conflict", "atomic", "concurrency", "deadline_seconds");
    /** A day: a run that outlasts it is better reported and started again. */
    private static final long MAX_DEADLINE_SECONDS = 86_400;

    private final InspectMailProvidersUseCase providers;

    RunOptions(InspectMailProvidersUseCase providers) {
        this.providers = providers;
    }

    /** The run the body asks for on {@code population}; a conflict fails it unless the body says otherwise. */
    ApplyCommand command(RequestBody body, UUID population, String actor) {
        return command(body, population, actor, "fail");
    }

    ApplyCommand command(RequestBody body, UUID population, String actor, String defaultPolicy) {
        String provider = body.text("provider", Integrations.fallback(IntegrationKind.MAIL_PROVIDER)).toLowerCase(Locale.ROOT);
        List<String> names = providers.names();
        if (!names.contains(provider)) {
            throw ApiProblem.badRequest("provider", "provider '" + provider + "' is not a provider; choose one of " + String.join(", ", names));
        }
        providers.requireConfigured(provider); // a 503 naming its missing settings now, not a job that can only fail
        OnConflict policy = switch (body.text("on_conflict", defaultPolicy)) {
            case "fail" -> OnConflict.FAIL;
            case "skip" -> OnConflict.SKIP;
            case "adopt" -> OnConflict.ADOPT;
            default -> throw ApiProblem.badRequest("on_conflict", "on_conflict must be fail, skip or adopt");
        };
        int concurrency = (int) body.number("concurrency", 1, ApplyCommand.MAX_CONCURRENCY, 8);
        long deadline = body.number("deadline_seconds", 0, MAX_DEADLINE_SECONDS, ApplyCommand.DEFAULT_DEADLINE.toSeconds());
        return new ApplyCommand(new Target(population, provider), policy, body.bool("atomic"), concurrency, actor, null,
                Duration.ofSeconds(deadline));
    }

    /**
     * Refuses run options that nothing would use ({@code how}: what they would set up; {@code fix}: how to use them),
     * after checking them as if they were used, so that an out-of-range value is named as such.
     */
    static void unused(RequestBody body, String how, String fix) {
        body.number("concurrency", 1, ApplyCommand.MAX_CONCURRENCY, 8);
        body.number("deadline_seconds", 0, MAX_DEADLINE_SECONDS, 0);
        body.bool("atomic");
        body.text("on_conflict");
        for (String f : FIELDS) {
            if (body.has(f)) throw ApiProblem.badRequest(f, f + " sets up how " + how + "; " + fix);
        }
    }
}
