package net.azt3knet.domain.badexample;

import com.tngtech.archunit.core.importer.ClassFileImporter;

/** Deliberately breaks the JDK-only rule (any non-JDK library would do); only RulesCanFailTest imports it. */
public final class UsesAFramework {

    public Object importer() {
        return new ClassFileImporter();
    }
}
