package net.azt3knet.adapters.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.azt3knet.domain.dns.DnsChange;
import net.azt3knet.domain.dns.Rrset;
import net.azt3knet.domain.dns.Zone;
import net.azt3knet.ports.out.dns.DnsRecords;
import net.azt3knet.ports.out.dns.DnsRecordsException;
import net.azt3knet.ports.out.dns.DnsRecordsException.Reason;

/**
 * {@link DnsRecords} as RFC 1035 zone files, one per domain ({@code <dir>/<domain>.zone}): the embedded default, so
 * the whole DNS flow runs without an account and the result loads into any authoritative server (NSD, Knot, BIND).
 * Sets Azt3kNet does not declare — added by hand, say — are read and written back unchanged. Every write replaces
 * the file atomically and raises the SOA serial; a lock file keeps two processes from writing at once.
 */
public final class ZoneFileDnsRecords implements DnsRecords {

    /** No provider minimum: any TTL is written as asked. */
    static final int MINIMUM_TTL = 60;
    private static final int DEFAULT_TTL = 3600;

    private final Path dir;
    private final String nameserver;
    private final Clock clock;

    /**
     * @param dir        where the zone files are
     * @param nameserver the zone's NS and SOA primary for a new zone, e.g. {@code ns1.example.org}; null for
     *                   {@code ns1.<domain>}
     */
    public ZoneFileDnsRecords(Path dir, String nameserver, Clock clock) {
        this.dir = dir;
        this.nameserver = nameserver;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "zonefile";
    }

    @Override
    public String endpoint() {
        return dir.toAbsolutePath().toString();
    }

    @Override
    public void check() {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new DnsRecordsException(Reason.NOT_CONFIGURED, dir + " is not a directory; set DNS_ZONE_DIR to one");
        }
        if (Files.isDirectory(dir) && !Files.isWritable(dir)) {
            throw new DnsRecordsException(Reason.FORBIDDEN, dir + " is not writable; set DNS_ZONE_DIR to a writable directory");
        }
    }

    /** The file holding {@code domain}'s zone. */
    public Path file(String domain) {
        return dir.resolve(domain.toLowerCase(Locale.ROOT) + ".zone");
    }

    @Override
    public synchronized Optional<Zone> zone(String domain) {
        Path f = file(domain);
        if (!Files.isRegularFile(f)) return Optional.empty();
        try {
            return Optional.of(new Zone(domain, MINIMUM_TTL, ZoneFileSyntax.read(Files.readString(f, StandardCharsets.UTF_8), domain, f.toString())));
        } catch (IOException e) {
            throw new DnsRecordsException(Reason.UNREACHABLE, "cannot read " + f + ": " + e.getMessage());
        }
    }

    @Override
    public synchronized Zone createZone(String domain) {
        Optional<Zone> existing = zone(domain);
        if (existing.isPresent()) return existing.get();
        String ns = nameserver == null ? "ns1." + domain + "." : nameserver.endsWith(".") ? nameserver : nameserver + ".";
        List<Rrset> sets = List.of(
                new Rrset("", "SOA", DEFAULT_TTL, List.of(ns + " hostmaster." + domain + ". " + serial(0) + " 3600 900 1209600 300")),
                new Rrset("", "NS", DEFAULT_TTL, List.of(ns)));
        write(domain, sets);
        return zone(domain).orElseThrow();
    }

    @Override
    public synchronized void apply(String domain, List<DnsChange> changes) {
        if (changes.isEmpty()) return;
        List<Rrset> sets = new ArrayList<>(zone(domain).orElseThrow(() -> new DnsRecordsException(Reason.NO_ZONE,
                "there is no zone file for " + domain + " in " + dir + "; 'dns bootstrap' creates it")).rrsets());
        for (DnsChange c : changes) {
            sets.removeIf(r -> r.subname().equals(c.subname()) && r.type().equals(c.type()));
            if (c.after() != null) sets.add(c.after());
        }
        // a new serial, so secondaries and the server reloading the file see the change
        for (int i = 0; i < sets.size(); i++) {
            Rrset r = sets.get(i);
            if (!r.type().equals("SOA") || r.records().isEmpty()) continue;
            String[] f = r.records().get(0).split(" ");
            if (f.length == 7) {
                f[2] = Long.toString(serial(Long.parseLong(f[2])));
                sets.set(i, r.withRecords(List.of(String.join(" ", f))));
            }
        }
        write(domain, sets);
    }

    /** The next serial after {@code previous}: today's {@code YYYYMMDD00} or, if that is not higher, previous + 1. */
    private long serial(long previous) {
        long today = Long.parseLong(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE)) * 100;
        return Math.max(today, previous + 1);
    }

    private void write(String domain, List<Rrset> sets) {
        Path f = file(domain);
        try {
            Files.createDirectories(dir);
            try (FileChannel lock = FileChannel.open(dir.resolve("." + domain + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock held = lock.lock()) {
                List<Rrset> sorted = new ArrayList<>(sets);
                sorted.sort(Comparator.comparing((Rrset r) -> !r.type().equals("SOA")).thenComparing(r -> !r.isProtected())
                        .thenComparing(Rrset::subname).thenComparing(Rrset::type));
                Path tmp = Files.createTempFile(dir, "." + domain, ".tmp");
                Files.writeString(tmp, ZoneFileSyntax.write(domain, sorted), StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new DnsRecordsException(Reason.FORBIDDEN, "cannot write " + f + ": " + e.getMessage()
                    + "; set DNS_ZONE_DIR to a writable directory");
        }
    }
}
