package net.azt3knet.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.azt3knet.ports.out.store.SealedMailStore;
import net.azt3knet.ports.out.store.SealedMailStore.Box;
import net.azt3knet.ports.out.store.SealedMailStore.Place;
import net.azt3knet.ports.out.store.SealedMailStore.Replacement;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SealedMailStore} must do: page each place's boxes in id order within a byte budget, skip rows an
 * earlier release kept in the clear, and replace a box only where the row still holds the one read.
 */
public interface SealedMailStoreContract {

    /** The store, with nothing kept in any place. */
    SealedMailStore store();

    /** Keeps {@code box} in {@code place} as that place's own store does; returns the row's id. */
    long keep(Place place, byte[] box);

    /** Keeps a message in the clear in {@code place}, as an earlier release did; only the spool and the mailboxes have such rows. */
    void keepClear(Place place, byte[] content);

    /** Deletes a row, as the place's own erasure or purge does. */
    void delete(Place place, long id);

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Box b) {
        return new String(b.sealed(), StandardCharsets.UTF_8);
    }

    @Test
    default void everyPlaceIsPagedInIdOrderFromTheCursorAndThePlacesAreApart() {
        for (Place place : Place.values()) {
            long a = keep(place, bytes(place + " a"));
            long b = keep(place, bytes(place + " b"));
            long c = keep(place, bytes(place + " c"));
            assertThat(a).isLessThan(b);
            assertThat(b).isLessThan(c);
            List<Box> first = store().boxes(place, 0, 2, Long.MAX_VALUE);
            assertThat(first).extracting(SealedMailStoreContract::text).containsExactly(place + " a", place + " b");
            assertThat(first).extracting(Box::id).containsExactly(a, b);
            assertThat(store().boxes(place, b, 2, Long.MAX_VALUE)).extracting(Box::id).containsExactly(c);
            assertThat(store().boxes(place, c, 2, Long.MAX_VALUE)).isEmpty();
        }
        for (Place place : Place.values()) {
            assertThat(store().boxes(place, 0, 100, Long.MAX_VALUE)).as(place + " holds only its own boxes")
                    .extracting(SealedMailStoreContract::text).allMatch(t -> t.startsWith(place + " "));
        }
    }

    @Test
    default void aPageStopsAtTheByteBudgetButAlwaysHoldsOneBox() {
        long big = keep(Place.SPOOL, new byte[5000]);
        long small = keep(Place.SPOOL, new byte[100]);
        long third = keep(Place.SPOOL, new byte[100]);
        assertThat(store().boxes(Place.SPOOL, 0, 10, 1000)).as("the first box is larger than the budget").extracting(Box::id)
                .containsExactly(big);
        assertThat(store().boxes(Place.SPOOL, big, 10, 100)).as("full once the boxes add up to the budget").extracting(Box::id)
                .containsExactly(small);
        assertThat(store().boxes(Place.SPOOL, big, 10, 101)).extracting(Box::id).containsExactly(small, third);
        assertThat(store().boxes(Place.SPOOL, 0, 10, 5100)).extracting(Box::id).containsExactly(big, small);
        assertThat(store().boxes(Place.SPOOL, 0, 2, 1 << 20)).as("and at most the limit").extracting(Box::id).containsExactly(big, small);
        assertThatThrownBy(() -> store().boxes(Place.SPOOL, 0, 0, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    default void rowsKeptInTheClearAreNoBoxes() {
        for (Place place : List.of(Place.SPOOL, Place.MAILBOX)) {
            keepClear(place, bytes("in the clear"));
            long sealed = keep(place, bytes("sealed"));
            assertThat(store().boxes(place, 0, 10, Long.MAX_VALUE)).extracting(Box::id).containsExactly(sealed);
        }
    }

    @Test
    default void aBoxIsReplacedOnlyWhereTheRowStillHoldsTheOneRead() {
        for (Place place : Place.values()) {
            long one = keep(place, bytes("one"));
            long two = keep(place, bytes("two"));
            long gone = keep(place, bytes("gone"));
            delete(place, gone);
            int replaced = store().replace(place, List.of(new Replacement(one, bytes("one"), bytes("ONE")),
                    new Replacement(two, bytes("not what it holds"), bytes("TWO")),
                    new Replacement(gone, bytes("gone"), bytes("GONE"))));
            assertThat(replaced).as(place.toString()).isEqualTo(1);
            assertThat(store().boxes(place, 0, 10, Long.MAX_VALUE)).extracting(SealedMailStoreContract::text)
                    .containsExactly("ONE", "two");
            assertThat(store().replace(place, List.of())).isZero();
        }
    }
}
