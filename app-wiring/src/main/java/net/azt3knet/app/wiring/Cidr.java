package net.azt3knet.app.wiring;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address block, {@code 10.0.0.0/8} or {@code fd00::/8}; a bare address is a block of one. */
public record Cidr(byte[] network, int prefix) {

    /** Parses an IP literal with an optional {@code /prefix}; never a host name (no DNS lookup). */
    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = literal(address);
        if (bytes == null) throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR, e.g. 10.0.0.0/8");
        int prefix = bytes.length * 8;
        if (slash >= 0) {
            String p = text.substring(slash + 1);
            if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > bytes.length * 8) {
                throw new IllegalArgumentException("'" + text + "' has a prefix outside 0-" + bytes.length * 8);
            }
            prefix = Integer.parseInt(p);
        }
        return new Cidr(bytes, prefix);
    }

    /** The bytes of an IP literal, or null when {@code text} is not one. */
    public static byte[] literal(String text) {
        if (text == null || text.isEmpty() || !text.matches("[0-9A-Fa-f:.]+") || !text.matches(".*[.:].*")) return null;
        try {
            return InetAddress.getByName(text).getAddress(); // a literal: parsed, not looked up
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Whether the IP literal {@code address} lies in this block. */
    public boolean contains(String address) {
        byte[] a = literal(address);
        if (a == null || a.length != network.length) return false;
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((a[bit / 8] & mask) != (network[bit / 8] & mask)) return false;
        }
        return true;
    }
}
