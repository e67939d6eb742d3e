package net.azt3knet.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import net.azt3knet.domain.population.GeneratorEpoch;
import picocli.CommandLine.IVersionProvider;

/** {@code azt3knet 0.1.0 (generator epoch 2, Java 21.0.5)}. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in != null) p.load(in);
        }
        return new String[] {"azt3knet " + p.getProperty("version", "unknown") + " (generator epoch "
                + GeneratorEpoch.CURRENT.number() + ", Java " + Runtime.version() + ")"};
    }
}
