package net.azt3knet.adapters.bad;

/** Breaks ARCH-015 on purpose (read as text, never compiled): SQL on tables this module's migrations do not create. */
final class TouchesCoreTables {

    static final String MINE = "SELECT name FROM bad_thing WHERE id = ?";
    static final String THEIRS = "UPDATE agent SET username = ? WHERE agent_id = ?";
    static final String MISSING = """
            DELETE FROM nowhere
            """;
    static final String PROSE = "cannot read from the database"; // lower-case English is not SQL
}
