package net.azt3knet.app.wiring;

import java.util.List;

/**
 * Every configuration variable: its name (kept from the seed project where one existed), the aliases also read,
 * the dotted key a config file uses, whether it is a secret, and what it means. {@code .env.example} documents
 * exactly these (a test checks it).
 */
public enum Setting {
    DATA_DIR("AZT3KNET_DATA_DIR", List.of(), "data.dir", false,
            "Directory of the embedded PostgreSQL (its cluster lives in <dir>/pg). Default: ${XDG_DATA_HOME:-~/.local/share}/azt3knet"),
    CACHE_DIR("AZT3KNET_CACHE_DIR", List.of(), "cache.dir", false,
            "Where the PostgreSQL binaries are unpacked once per version. Default: ${XDG_CACHE_HOME:-~/.cache}/azt3knet"),
    DB_URL("AZT3KNET_DB_URL", List.of("DATABASE_URL"), "database.url", false,
            "External PostgreSQL: jdbc:postgresql://host:5432/db or postgres://user:password@host:5432/db. Unset: the embedded database"),
    DB_USER("AZT3KNET_DB_USER", List.of(), "database.user", false, "User for the external database (overrides the URL's)"),
    DB_PASSWORD("AZT3KNET_DB_PASSWORD", List.of(), "database.password", true, "Password for the external database (overrides the URL's)"),
    DB_MIGRATE("AZT3KNET_DB_MIGRATE", List.of(), "database.migrate", false,
            "true (default): apply pending schema migrations on start; false: only 'azt3knet db migrate' does"),
    MASTER_KEY("SECRET_KEY_FOR_KV_ENC", List.of(), "keys.master", true,
            "Master key, 32 bytes in base64 ('azt3knet keys generate'): derives mailbox passwords and encrypts them at rest"),
    SECRETS("AZT3KNET_SECRETS", List.of(), "secrets.store", false,
            "Where secrets are read: env (default: environment, .env, config file), file (one file per variable) or a secret-store integration (vault)"),
    SECRETS_DIR("AZT3KNET_SECRETS_DIR", List.of(), "secrets.dir", false,
            "Directory of secret files for AZT3KNET_SECRETS=file: one file per secret, named like the variable (e.g. /run/secrets)"),
    LLM_MODEL("LLM_MODEL", List.of(), "llm.model", false, "Model name for --enrich (flag --llm-model), e.g. llama3.1:8b; part of every replay cache key"),
    LLM_CONCURRENCY("LLM_CONCURRENCY", List.of(), "llm.concurrency", false, "Most model requests in flight, 1-256. Default: 8"),
    DNS_PROVIDER("DNS_PROVIDER", List.of(), "dns.provider", false,
            "Where the mail domain's records live: a DNS integration's name ('azt3knet integrations list'). Default: the DNS provider that is configured, else zone files"),
    DNS_MAIL_HOST("DNS_MAIL_HOST", List.of(), "dns.mail_host", false,
            "Host that receives the domain's mail when a provider hosts mailboxes (MX target; your Mailcow host). Default: mail.<domain>"),
    DNS_MAIL_HOST_IPV4("DNS_MAIL_HOST_IPV4", List.of(), "dns.mail_host_ipv4", false,
            "The mail host's IPv4 address for its A record. Unset: detected by 'dns bootstrap' and 'dns dyn-update', else kept as published"),
    DNS_MAIL_HOST_IPV6("DNS_MAIL_HOST_IPV6", List.of(), "dns.mail_host_ipv6", false,
            "The mail host's IPv6 address for its AAAA record. Unset: detected, else kept as published"),
    DNS_DMARC_POLICY("DNS_DMARC_POLICY", List.of(), "dns.dmarc_policy", false, "DMARC policy: none, quarantine or reject. Default: quarantine"),
    DNS_DMARC_RUA("DNS_DMARC_RUA", List.of(), "dns.dmarc_rua", false, "Address that receives aggregate DMARC reports (rua), e.g. dmarc@example.org"),
    DNS_SPF_EXTRA("DNS_SPF_EXTRA", List.of(), "dns.spf_extra", false,
            "Further SPF mechanisms, space-separated, e.g. 'include:_spf.example.net ip4:198.51.100.7'"),
    DNS_SPF_ALL("DNS_SPF_ALL", List.of(), "dns.spf_all", false, "Last term of the SPF record: ~all or -all. Default: ~all"),
    DNS_TTL("DNS_TTL", List.of(), "dns.ttl", false, "TTL of the mail records in seconds (raised to the zone's minimum, at most 86400). Default: 3600"),
    DNS_ADDRESS_SOURCE_IPV4("DNS_ADDRESS_SOURCE_IPV4", List.of(), "dns.address_source_ipv4", false,
            "Service answering this machine's public IPv4 as plain text, or off. Default: https://checkipv4.dedyn.io/"),
    DNS_ADDRESS_SOURCE_IPV6("DNS_ADDRESS_SOURCE_IPV6", List.of(), "dns.address_source_ipv6", false,
            "Service answering this machine's public IPv6 as plain text, or off. Default: https://checkipv6.dedyn.io/"),
    HTTP_LISTEN("AZT3KNET_HTTP", List.of(), "http.listen", false,
            "Address 'azt3knet serve' listens on for the admin API (flag --http), host:port. Default: 127.0.0.1:8080"),
    HTTP_MAX_BODY("AZT3KNET_HTTP_MAX_BODY", List.of(), "http.max_body", false,
            "Largest request body the admin API accepts, in KiB (larger: 413). Default: 1024"),
    HTTP_CORS_ORIGINS("AZT3KNET_HTTP_CORS_ORIGINS", List.of(), "http.cors_origins", false,
            "Browser origins allowed to call the admin API, comma-separated (e.g. https://admin.example.org). Default: none (CORS off)"),
    HTTP_WRITE_RATE("AZT3KNET_HTTP_WRITE_RATE", List.of(), "http.write_rate", false,
            "Most write requests per minute per API token (more: 429 with Retry-After). Default: 600"),
    HTTP_TRUSTED_PROXIES("AZT3KNET_HTTP_TRUSTED_PROXIES", List.of(), "http.trusted_proxies", false,
            "Reverse proxies whose X-Forwarded-For / Forwarded name the client, comma-separated addresses or CIDRs"
                    + " (e.g. 127.0.0.1,10.0.0.0/8). Default: none (the connecting address is the client)"),
    DYN_UPDATE_EVERY("AZT3KNET_DYN_UPDATE_EVERY", List.of(), "serve.dyn_update_every", false,
            "How often 'serve' runs 'dns dyn-update' for AZT3KNET_DYN_UPDATE_DOMAIN, once across all instances: 90s, 5m, 1h (at least 1m), or off. Default: off"),
    DYN_UPDATE_DOMAIN("AZT3KNET_DYN_UPDATE_DOMAIN", List.of(), "serve.dyn_update_domain", false,
            "The mail domain whose mail host 'serve' keeps at this machine's public address (with AZT3KNET_DYN_UPDATE_EVERY)"),
    JOB_RETENTION("AZT3KNET_JOB_RETENTION", List.of(), "serve.job_retention", false,
            "How long 'serve' keeps API jobs after they end (and their result files): 90m, 12h, 7d (at least 1m). Default: 7d"),
    MAILJET_INBOUND_SECRET("MAILJET_INBOUND_SECRET", List.of(), "mailjet.inbound_secret", true,
            "Path secret of the Mailjet parse-route webhook POST /hooks/mailjet/inbound/<secret> (at least 24 characters); unset: the webhook answers 404"),
    SMTP_LISTEN("AZT3KNET_SMTP", List.of(), "smtp.listen", false,
            "Where the SMTP gateway listens for submission with STARTTLS, host:port (port 0 picks a free one); set, 'serve' starts it. Default: off"),
    SMTPS_LISTEN("AZT3KNET_SMTPS", List.of(), "smtp.listen_tls", false,
            "Where the SMTP gateway also listens with implicit TLS (TLS from the first byte, AUTH at once), host:port, usually :465;"
                    + " needs AZT3KNET_SMTP and its certificate. Default: off"),
    SMTP_HOSTNAME("AZT3KNET_SMTP_HOSTNAME", List.of(), "smtp.hostname", false,
            "The gateway's name in its greeting and Received headers. Default: this machine's host name"),
    SMTP_CERT("AZT3KNET_SMTP_CERT", List.of(), "smtp.cert", false,
            "PEM certificate chain (leaf first) STARTTLS presents, with AZT3KNET_SMTP_KEY ('azt3knet smtp cert --self-signed' makes a pair)"),
    SMTP_KEY("AZT3KNET_SMTP_KEY", List.of(), "smtp.key", false, "Unencrypted PKCS#8 PEM private key (BEGIN PRIVATE KEY) of AZT3KNET_SMTP_CERT"),
    SMTP_PKCS12("AZT3KNET_SMTP_PKCS12", List.of(), "smtp.pkcs12", false,
            "PKCS#12 file holding the gateway's key and certificate, instead of AZT3KNET_SMTP_CERT/AZT3KNET_SMTP_KEY"),
    SMTP_PKCS12_PASSWORD("AZT3KNET_SMTP_PKCS12_PASSWORD", List.of(), "smtp.pkcs12_password", true, "Password of AZT3KNET_SMTP_PKCS12"),
    SMTP_MAX_MESSAGE_KB("AZT3KNET_SMTP_MAX_MESSAGE_KB", List.of(), "smtp.max_message_kb", false,
            "Largest message the gateway accepts, in KiB (SIZE; larger: 552 5.3.4). Default: 25600"),
    SMTP_MAX_RECIPIENTS("AZT3KNET_SMTP_MAX_RECIPIENTS", List.of(), "smtp.max_recipients", false, "Recipients per message (more: 452 4.5.3). Default: 100"),
    SMTP_MAX_MESSAGES_PER_SESSION("AZT3KNET_SMTP_MAX_MESSAGES_PER_SESSION", List.of(), "smtp.max_messages_per_session", false,
            "Messages per connection (more: 452 4.7.0). Default: 100"),
    SMTP_MAX_CONNECTIONS("AZT3KNET_SMTP_MAX_CONNECTIONS", List.of(), "smtp.max_connections", false, "Connections in total. Default: 1000"),
    SMTP_MAX_CONNECTIONS_PER_CLIENT("AZT3KNET_SMTP_MAX_CONNECTIONS_PER_CLIENT", List.of(), "smtp.max_connections_per_client", false,
            "Connections from one client address. Default: 20"),
    SMTP_RATE_PER_USER("AZT3KNET_SMTP_RATE_PER_USER", List.of(), "smtp.rate_per_user", false,
            "Messages one authenticated user may send, as COUNT/PERIOD (600/h, 100/10m) or off (more: 451 4.7.1). Default: 1000000/h"),
    SMTP_RATE_PER_SENDER("AZT3KNET_SMTP_RATE_PER_SENDER", List.of(), "smtp.rate_per_sender", false,
            "Messages from one envelope sender address, as COUNT/PERIOD (600/h, 100/10m) or off (more: 452 4.4.5). Default: 1000000/h"),
    SMTP_TRUST_LOOPBACK("AZT3KNET_SMTP_TRUST_LOOPBACK", List.of(), "smtp.trust_loopback", false,
            "on: clients on this host may submit without STARTTLS or AUTH, as any sender (local applications, load generators);"
                    + " only with AZT3KNET_SMTP on a loopback address. Default: off"),
    SMTP_RELAY("AZT3KNET_SMTP_RELAY", List.of(), "smtp.relay", false,
            "Whether 'serve' relays the spool through the enabled mail delivery integrations: on or off. Default: on"),
    SMTP_SPOOL_MAX_MESSAGES("AZT3KNET_SMTP_SPOOL_MAX_MESSAGES", List.of(), "smtp.spool_max_messages", false,
            "Messages the spool may hold unsent (queued, sending, deferred, held) before new mail gets 451 4.3.0. Default: 1000000"),
    SMTP_SPOOL_MAX_MB("AZT3KNET_SMTP_SPOOL_MAX_MB", List.of(), "smtp.spool_max_mb", false,
            "MiB of unsent messages the spool may hold before new mail gets 451 4.3.0. Default: 10240"),
    SMTP_RELAY_WORKERS("AZT3KNET_SMTP_RELAY_WORKERS", List.of(), "smtp.relay_workers", false,
            "Relay loops in this process, 1-64, each claiming its own rounds. More relay faster but take CPU from accepting mail"
                    + " on the same cores; raise it on a relay-only instance. Default: 1"),
    SMTP_MAX_AGE("AZT3KNET_SMTP_MAX_AGE", List.of(), "smtp.max_age", false,
            "How long a spooled message is retried before it bounces to its sender: 90m, 12h, 2d (at least 1m). Default: 48h"),
    RESPONDER("AZT3KNET_RESPONDER", List.of(), "responder.enabled", false,
            "on: 'serve' runs the AI responder (needs SECRET_KEY_FOR_KV_ENC and a model server); which agents answer is 'azt3knet responder enable'. Default: off"),
    RESPONDER_WORKERS("AZT3KNET_RESPONDER_WORKERS", List.of(), "responder.workers", false,
            "Messages the responder works on at once in this process, 1-256 (each waits on the model). Default: 8"),
    RESPONDER_MODEL("AZT3KNET_RESPONDER_MODEL", List.of(), "responder.model", false,
            "Model the responder's replies are written with, e.g. llama3.1:8b. Default: LLM_MODEL"),
    RESPONDER_TEMPLATES("AZT3KNET_RESPONDER_TEMPLATES", List.of(), "responder.templates", false,
            "Directory of reply template overrides per population: <dir>/<population-id>/reply.html and reply.txt (either may be absent). Default: the built-in templates"),
    MAIL_RETENTION_DAYS("AZT3KNET_MAIL_RETENTION_DAYS", List.of(), "mail.retention_days", false,
            "Days received mail, queue entries and replies are kept, 0-36500; 0 keeps them. Default: 0"),
    ALLOWED_SENDERS("ALLOWED_SENDERS", List.of(), "responder.allowed_senders", false,
            "When set, the only senders answered, comma-separated: a@b.example, @b.example (and its subdomains) or *. Default policy of a new population; default: anyone"),
    BLOCKED_SENDERS("BLOCKED_SENDERS", List.of(), "responder.blocked_senders", false,
            "Senders never answered, comma-separated, as ALLOWED_SENDERS. Default: none"),
    MAX_ATTACHMENT_SIZE("MAX_ATTACHMENT_SIZE", List.of(), "responder.max_attachment_size", false,
            "Largest attachment of a mail that is answered: 10MB, 512KB or bytes. Default: 10MB"),
    MAX_EMAILS_PER_HOUR("MAX_EMAILS_PER_HOUR", List.of(), "responder.max_emails_per_hour", false,
            "Most replies per hour by all agents together. Default: 100"),
    LOG_FILE("AZT3KNET_LOG_FILE", List.of(), "log.file", false,
            "Log file, created with mode 0600. Default: azt3knet.log in the data directory (AZT3KNET_DATA_DIR)");

    private final String variable;
    private final List<String> aliases;
    private final String key;
    private final boolean secret;
    private final String description;

    Setting(String variable, List<String> aliases, String key, boolean secret, String description) {
        this.variable = variable;
        this.aliases = aliases;
        this.key = key;
        this.secret = secret;
        this.description = description;
    }

    /** The environment variable (and .env) name. */
    public String variable() {
        return variable;
    }

    /** Other variable names read when {@link #variable()} is unset (e.g. {@code DATABASE_URL}). */
    public List<String> aliases() {
        return aliases;
    }

    /** The dotted key in a config file. */
    public String key() {
        return key;
    }

    /** True when its value must never be printed or logged. */
    public boolean secret() {
        return secret;
    }

    /** One line on what it means. */
    public String description() {
        return description;
    }
}
