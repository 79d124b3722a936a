/**
 * One type per layer, each decoded in place over the captured bytes into a reused {@link
 * io.wirebook.decode.Packet}: link (Ethernet, Linux cooked, BSD loopback, raw IP), IPv4 and IPv6 with
 * its extension chain, TCP with its options, UDP, ICMP and ICMPv6 with the packet an error quotes.
 * Damage is a flagged {@link io.wirebook.decode.Malformed}, never an exception; every field knows its
 * byte span ({@link io.wirebook.decode.FieldSpans}).
 */
package io.wirebook.decode;
