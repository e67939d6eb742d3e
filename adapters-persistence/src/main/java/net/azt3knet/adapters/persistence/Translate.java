package net.azt3knet.adapters.persistence;

import java.sql.SQLException;
import java.util.function.Supplier;
import net.azt3knet.ports.out.store.PopulationStoreException;
import org.jooq.exception.DataAccessException;

/** jOOQ and JDBC failures become the port's exception at the edge, with what was being done and why it failed. */
final class Translate {

    private Translate() {
    }

    static <T> T errors(String doing, Supplier<T> work) {
        try {
            return work.get();
        } catch (PopulationStoreException e) {
            throw e;
        } catch (DataAccessException e) {
            throw new PopulationStoreException("cannot " + doing + ": " + reason(e), e);
        }
    }

    /** The database's own message, first line only (no SQL, no bound values). */
    static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String m = sql.getMessage() == null ? sql.getClass().getSimpleName() : sql.getMessage();
                return m.lines().findFirst().orElse(m).replaceFirst("^ERROR: ", "");
            }
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
    }

    /** SQLState of the first SQL exception in the chain, or null. */
    static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) return sql.getSQLState();
        }
        return null;
    }
}
