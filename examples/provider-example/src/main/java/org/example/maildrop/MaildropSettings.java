package org.example.maildrop;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The provider's typed settings, built and checked by {@link MaildropIntegration}.
 *
 * @param dir      where the mailbox files are
 * @param quotaMiB the quota recorded in each
 */
public record MaildropSettings(Path dir, long quotaMiB) {
    public MaildropSettings {
        Objects.requireNonNull(dir, "dir");
    }
}
