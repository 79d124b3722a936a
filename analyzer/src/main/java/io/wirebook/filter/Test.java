package io.wirebook.filter;

import io.wirebook.pipeline.PacketResult;

/**
 * One compiled piece of a filter: true or false for a packet. A compiled filter is a tree of these, made
 * once; testing a packet reads the decoded {@code Packet}, {@code TcpView} and {@code TcpAnalysis} the
 * pipeline already filled, and allocates nothing.
 */
@FunctionalInterface
interface Test {
    boolean test(PacketResult r);
}
