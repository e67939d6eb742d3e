package net.azt3knet.adapters.persistence;

import static net.azt3knet.adapters.persistence.jooq.Tables.AGENT;
import static net.azt3knet.adapters.persistence.jooq.Tables.RESPONDER_AGENT;
import static net.azt3knet.adapters.persistence.jooq.Tables.RESPONDER_POLICY;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import net.azt3knet.domain.responder.ReplyMode;
import net.azt3knet.domain.responder.ReplyPolicy;
import net.azt3knet.ports.out.responder.ResponderRoster;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;

/**
 * {@link ResponderRoster} on {@code responder_agent} (one row per answering agent, gone with the agent) and
 * {@code responder_policy} (the policy as JSON: durations ISO-8601, the mode as a word).
 */
final class JooqResponderRoster implements ResponderRoster {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DSLContext dsl;
    private final Clock clock;

    JooqResponderRoster(DSLContext dsl, Clock clock) {
        this.dsl = dsl;
        this.clock = clock;
    }

    /** The agents named, each checked to be the population's; all of its agents when none is named. */
    private static List<String> chosen(DSLContext tx, UUID population, String name, List<String> agents) {
        Condition of = AGENT.POPULATION_ID.eq(population);
        List<String> known = tx.select(AGENT.EMAIL).from(AGENT).where(agents.isEmpty() ? of : of.and(AGENT.EMAIL.in(agents)))
                .orderBy(AGENT.EMAIL).fetch(AGENT.EMAIL);
        if (agents.isEmpty()) return known;
        Set<String> found = new HashSet<>(known);
        for (String a : agents) {
            if (!found.contains(a)) {
                throw new IllegalArgumentException("agent " + a + " is not an agent of population " + name
                        + "; nothing was changed");
            }
        }
        return known;
    }

    @Override
    public int enable(String population, List<String> agents, Instant at) {
        UUID id = ResponderIds.population(population);
        return Translate.errors("enable the responder for population " + population, () -> dsl.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            int added = 0;
            for (String a : chosen(tx, id, population, agents)) {
                added += tx.insertInto(RESPONDER_AGENT).set(RESPONDER_AGENT.ADDRESS, a).set(RESPONDER_AGENT.POPULATION_ID, id)
                        .set(RESPONDER_AGENT.SINCE, at.atOffset(ZoneOffset.UTC)).onConflictDoNothing().execute();
            }
            return added;
        }));
    }

    @Override
    public int disable(String population, List<String> agents) {
        UUID id = ResponderIds.population(population);
        return Translate.errors("disable the responder for population " + population, () -> dsl.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            List<String> chosen = chosen(tx, id, population, agents);
            return tx.deleteFrom(RESPONDER_AGENT).where(RESPONDER_AGENT.ADDRESS.in(chosen)).execute();
        }));
    }

    @Override
    public Optional<Enabled> enabled(String agent) {
        return Translate.errors("read the responder state of " + agent, () -> dsl.selectFrom(RESPONDER_AGENT)
                .where(RESPONDER_AGENT.ADDRESS.eq(agent)).fetchOptional()
                .map(r -> new Enabled(r.getAddress(), r.getPopulationId().toString(), r.getSince().toInstant())));
    }

    @Override
    public List<Enabled> enabledAgents() {
        return Translate.errors("list the answering agents", () -> dsl.selectFrom(RESPONDER_AGENT).orderBy(RESPONDER_AGENT.ADDRESS)
                .fetch().map(r -> new Enabled(r.getAddress(), r.getPopulationId().toString(), r.getSince().toInstant())));
    }

    @Override
    public Optional<ReplyPolicy> policy(String population) {
        UUID id = ResponderIds.population(population);
        return Translate.errors("read the reply policy of population " + population, () -> dsl.select(RESPONDER_POLICY.POLICY)
                .from(RESPONDER_POLICY).where(RESPONDER_POLICY.POPULATION_ID.eq(id)).fetchOptional(RESPONDER_POLICY.POLICY))
                .map(json -> read(population, json.data()));
    }

    @Override
    public void setPolicy(String population, ReplyPolicy policy) {
        UUID id = ResponderIds.population(population);
        JSONB json = JSONB.valueOf(write(policy));
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        Translate.errors("store the reply policy of population " + population, () -> dsl.insertInto(RESPONDER_POLICY)
                .set(RESPONDER_POLICY.POPULATION_ID, id).set(RESPONDER_POLICY.POLICY, json).set(RESPONDER_POLICY.UPDATED_AT, now)
                .onConflict(RESPONDER_POLICY.POPULATION_ID).doUpdate()
                .set(RESPONDER_POLICY.POLICY, json).set(RESPONDER_POLICY.UPDATED_AT, now).execute());
    }

    static String write(ReplyPolicy p) {
        ObjectNode o = JSON.createObjectNode();
        o.put("mode", p.mode().name().toLowerCase(Locale.ROOT));
        p.allowedSenders().forEach(o.putArray("allowedSenders")::add);
        p.blockedSenders().forEach(o.putArray("blockedSenders")::add);
        o.put("agentToAgent", p.agentToAgent());
        o.put("threadCap", p.threadCap());
        o.put("maxAttachmentBytes", p.maxAttachmentBytes());
        o.put("senderPerHour", p.senderPerHour());
        o.put("perHour", p.perHour());
        o.put("oncePer", p.oncePer().toString());
        o.put("dailyTokens", p.dailyTokens());
        o.put("spamThreshold", p.spamThreshold());
        return o.toString();
    }

    /** A stored policy; a field it lacks (written by an older build) takes the default's value. */
    static ReplyPolicy read(String population, String json) {
        ReplyPolicy d = ReplyPolicy.DEFAULT;
        try {
            JsonNode o = JSON.readTree(json);
            return new ReplyPolicy(
                    o.has("mode") ? ReplyMode.valueOf(o.get("mode").asText().toUpperCase(Locale.ROOT)) : d.mode(),
                    o.has("allowedSenders") ? texts(o.get("allowedSenders")) : d.allowedSenders(),
                    o.has("blockedSenders") ? texts(o.get("blockedSenders")) : d.blockedSenders(),
                    o.path("agentToAgent").asBoolean(d.agentToAgent()),
                    o.path("threadCap").asInt(d.threadCap()),
                    o.path("maxAttachmentBytes").asLong(d.maxAttachmentBytes()),
                    o.path("senderPerHour").asInt(d.senderPerHour()),
                    o.path("perHour").asInt(d.perHour()),
                    o.has("oncePer") ? Duration.parse(o.get("oncePer").asText()) : d.oncePer(),
                    o.path("dailyTokens").asLong(d.dailyTokens()),
                    o.path("spamThreshold").asDouble(d.spamThreshold()));
        } catch (JsonProcessingException | DateTimeParseException | IllegalArgumentException e) {
            throw new IllegalStateException("the stored reply policy of population " + population + " cannot be read ("
                    + e.getMessage() + "); set it again with 'responder policy'", e);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> all = new ArrayList<>();
        array.forEach(n -> all.add(n.asText()));
        return all;
    }
}
