package io.wirebook.filter;

import io.wirebook.pipeline.PacketResult;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * A field of the display-filter language: its name, what kind of value it holds, and how to read that from
 * one packet. A field may have several values in one packet (tshark's occurrences: {@code tcp.port} is both
 * ports, {@code ip.addr} both addresses, and those of the header an ICMP error quotes); a comparison is
 * true when one of them satisfies it, except {@code !=}, which needs every one to differ (tshark 4.0).
 * A field without a value in the packet makes every comparison false.
 */
sealed interface Field permits Field.Presence, Field.Bool, Field.Number, Field.Address, Field.Text {
    /** The name a filter uses (the canonical one; aliases map to the same field). */
    String name();

    /** A protocol or finding that is there or not: tested alone ({@code tcp}, {@code tcp.analysis.retransmission}). */
    record Presence(String name, Test present, Names has) implements Field {}

    /**
     * A flag: tested alone it is true when set ({@code tcp.flags.syn}); compared with 0 or 1 it needs the
     * field present ({@code tcp.flags.syn == 0} is a TCP segment without SYN).
     */
    record Bool(String name, Test present, Test set) implements Field {}

    /** Unsigned whole numbers; {@code seconds}: nanoseconds, written in a filter as decimal seconds. */
    record Number(String name, Values values, boolean seconds, Names has) implements Field {}

    /** IPv4 ({@code version} 4), IPv6 (6) or either (0) addresses, compared by prefix. */
    record Address(String name, Addresses values, int version) implements Field {}

    /** A word ({@code proto}, {@code tcp.side}); {@code choices}, when not empty, are all it can be. */
    record Text(String name, TextValue value, List<String> choices) implements Field {}

    /** A number field's values in one packet. */
    interface Values {
        boolean present(PacketResult r);

        /** True when one of the values satisfies {@code test}. */
        boolean any(PacketResult r, LongPredicate test);
    }

    /** An address field's values in one packet: each is 4 or 16 bytes of {@code r.packet().bytes()}. */
    interface Addresses {
        boolean present(PacketResult r);

        boolean any(PacketResult r, AddressTest test);
    }

    @FunctionalInterface
    interface AddressTest {
        /** The address of {@code version} (4 or 6) at {@code b[i]}. */
        boolean test(int version, byte[] b, int i);
    }

    @FunctionalInterface
    interface TextValue {
        /** The value, or null when the packet has none. */
        String of(PacketResult r);
    }

    /** The names {@code FIELD has NAME} takes ({@code tcp.flags has SYN}). */
    interface Names {
        /** The test for a name (any case), or null when the field has no such name. */
        Test has(String name);

        /** Every name, for the error message. */
        List<String> all();
    }
}
