package net.azt3knet.domain.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RdataTest {

    @Test
    void ipv6SpellingsShareOneForm() {
        assertEquals("2001:db8::1", Rdata.normalize("AAAA", "2001:0DB8:0000:0000:0000:0000:0000:0001"));
        assertEquals("2001:db8::1", Rdata.normalize("AAAA", "2001:db8:0:0::1"));
        assertEquals("2001:db8:0:1:1:1:1:1", Rdata.normalize("AAAA", "2001:db8::1:1:1:1:1"), "one zero group is not compressed");
        assertEquals("2001:0:0:1::1", Rdata.normalize("AAAA", "2001:0:0:1:0:0:0:1"), "the longest run is compressed");
        assertEquals("2001:db8::1:0:0:1", Rdata.normalize("AAAA", "2001:db8:0:0:1:0:0:1"), "the first of equal runs");
        assertEquals("::ffff:192.0.2.1".replace("192.0.2.1", "c000:201"), Rdata.normalize("AAAA", "::ffff:192.0.2.1"));
        assertEquals("::", Rdata.normalize("AAAA", "0:0:0:0:0:0:0:0"));
        assertThrows(IllegalArgumentException.class, () -> Rdata.normalize("AAAA", "2001:db8::1::2"));
        assertThrows(IllegalArgumentException.class, () -> Rdata.normalize("AAAA", "2001:db8:+1::"));
        assertThrows(IllegalArgumentException.class, () -> Rdata.normalize("AAAA", "1:2:3:4:5:6:7:8:9"));
    }

    @Test
    void ipv4AndHostsAreCanonical() {
        assertEquals("192.0.2.7", Rdata.normalize("A", "192.000.002.007"));
        assertThrows(IllegalArgumentException.class, () -> Rdata.normalize("A", "256.0.0.1"));
        assertEquals("10 mail.example.org.", Rdata.normalize("MX", "010   Mail.Example.ORG"));
        assertEquals("0 1 443 mail.example.org.", Rdata.normalize("SRV", "0 1 443 MAIL.example.org."));
        assertEquals("mail.example.org.", Rdata.normalize("CNAME", "mail.example.org"));
    }

    @Test
    void txtComparesByItsTextNotItsQuotingOrSplitting() {
        String key = "v=DKIM1; k=rsa; p=" + "A".repeat(400);
        String split = Rdata.txt(key);
        assertTrue(split.startsWith("\"v=DKIM1; k=rsa; p=AAA") && split.contains("\" \""), split);
        assertEquals(key, Rdata.txtText(split));
        String otherSplit = "\"" + key.substring(0, 100) + "\" \"" + key.substring(100) + "\"";
        assertEquals(Rdata.normalize("TXT", split), Rdata.normalize("TXT", otherSplit));
        assertEquals("\"v=spf1 mx ~all\"", Rdata.normalize("TXT", "\"v=spf1 \" \"mx ~all\""));
        assertEquals("say \"hi\"\\", Rdata.txtText(Rdata.txt("say \"hi\"\\")));
        assertEquals("abc", Rdata.txtText("\\097bc"));
        assertThrows(IllegalArgumentException.class, () -> Rdata.txtText("\"open"));
    }

    @Test
    void rrsetsWithTheSameDataInAnotherSpellingAreEqual() {
        Rrset a = new Rrset("Mail", "aaaa", 3600, java.util.List.of("2001:DB8::0:1", "2001:db8::2"));
        Rrset b = new Rrset("mail", "AAAA", 3600, java.util.List.of("2001:db8::2", "2001:0db8::1"));
        assertEquals(a, b);
        assertEquals("mail.example.org.", a.fqdn("Example.org."));
        assertEquals("", new Rrset("@", "MX", 3600, java.util.List.of("10 mx.example.org.")).subname());
    }
}
