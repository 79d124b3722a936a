/**
 * Connections and flows: the flow key that is the same both ways, tshark's stream numbers, relative
 * sequence numbers and window scaling, each end's RFC 9293 state, UDP flows and the ICMP errors that
 * quote them, and eviction that keeps memory bounded by the connections open at once.
 */
package io.wirebook.flow;
