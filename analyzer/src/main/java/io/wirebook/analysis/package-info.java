/**
 * tshark's TCP expert analysis (retransmissions, duplicate ACKs, zero windows, ...), round-trip times
 * and bytes in flight, Zeek's conn_state and history, and the per-connection summaries.
 */
package io.wirebook.analysis;
