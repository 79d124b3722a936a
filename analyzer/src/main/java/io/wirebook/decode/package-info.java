/**
 * One type per layer, each decoded in place over the captured bytes into a reused {@link
 * io.wirebook.decode.Packet}: link (Ethernet, Linux cooked, BSD loopback, raw IP), IPv4 and IPv6 with
 * its extension chain, TCP with its options, UDP, ICMP and ICMPv6 with the packet an error quotes.
 * Damage is a flagged {@link io.wirebook.decode.Malformed}, never an exception; every field knows its
 * byte span ({@link io.wirebook.decode.FieldSpans}). Wire numbers are value types ({@link
 * io.wirebook.decode.WireValue}: {@link io.wirebook.decode.IpProtocol}, {@link io.wirebook.decode.TcpOptionKind},
 * {@link io.wirebook.decode.MptcpSubtype}, {@link io.wirebook.decode.IcmpType}, {@link
 * io.wirebook.decode.Icmpv6Type}) with one lookup table each: an unknown number is a value named after it,
 * never an exception.
 */
package io.wirebook.decode;
