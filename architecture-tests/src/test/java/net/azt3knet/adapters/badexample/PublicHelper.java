package net.azt3knet.adapters.badexample;

/** Breaks ARCH-009 on purpose: a public adapter class that implements no port (a helper that should be package-private). */
public final class PublicHelper {

    public String mapSomething(String vendorJson) {
        return vendorJson.strip();
    }
}
