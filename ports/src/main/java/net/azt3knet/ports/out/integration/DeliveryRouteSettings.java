package net.azt3knet.ports.out.integration;

import java.util.List;
import net.azt3knet.ports.out.email.DeliveryRoute;

/**
 * The three settings by which a mail delivery integration says whose gateway mail it takes ({@code <PREFIX>_DOMAINS},
 * {@code <PREFIX>_USERS}, {@code <PREFIX>_FALLBACK}), declared by each delivery adapter so there is no central list of
 * routes, and read the same way by all of them.
 */
public record DeliveryRouteSettings(IntegrationSetting domains, IntegrationSetting users, IntegrationSetting fallback) {

    /** What every mail delivery integration's outage means for the gateway's mail. */
    public static final String DEGRADATION =
            "gateway mail waits in the spool (or goes through the fallback) and is retried until AZT3KNET_SMTP_MAX_AGE";

    /**
     * @param prefix  the variables' prefix, e.g. {@code MAILJET_SEND}
     * @param key     the config file's prefix, e.g. {@code mailjet.send}
     * @param through what the mail goes through, e.g. {@code Mailjet's Send API}
     */
    public static DeliveryRouteSettings of(String prefix, String key, String through) {
        return new DeliveryRouteSettings(
                IntegrationSetting.value(prefix + "_DOMAINS", key + "_domains",
                        "Sender domains whose gateway mail goes through " + through + ", separated by commas; * for every sender"),
                IntegrationSetting.value(prefix + "_USERS", key + "_users",
                        "Gateway users whose mail goes through " + through + ", separated by commas"),
                IntegrationSetting.value(prefix + "_FALLBACK", key + "_fallback",
                        "Mail delivery integration used while " + through + " is failing (its circuit breaker open): another"
                                + " one's name ('azt3knet integrations list'); unset: none"));
    }

    /** The three, in the order the docs list them. */
    public List<IntegrationSetting> all() {
        return List.of(domains, users, fallback);
    }

    /** True when a route is set: the delivery takes some mail (a delivery with credentials but no route takes none). */
    public boolean configured(SettingsReader settings) {
        return settings.isSet(domains) || settings.isSet(users);
    }

    /** The route, each malformed domain reported as a problem of {@code settings}. */
    public DeliveryRoute read(SettingsReader settings) {
        return ProviderSettings.deliveryRoute(settings, domains, users, fallback);
    }
}
