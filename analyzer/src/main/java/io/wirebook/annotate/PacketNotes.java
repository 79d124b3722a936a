package io.wirebook.annotate;

import io.wirebook.analysis.AnalysisFlags;
import io.wirebook.analysis.TcpAnalysis;
import io.wirebook.decode.IcmpHeader;
import io.wirebook.decode.IpProtocol;
import io.wirebook.decode.Packet;
import io.wirebook.decode.TcpHeader;
import io.wirebook.flow.TcpView;
import io.wirebook.text.Utf8Line;

/**
 * One short sentence in plain words about what a packet is for, written for someone learning TCP/IP:
 * what the packet alone (and its connection's numbers) shows, then what the expert analysis found in it
 * and why that happens, then the states it moved each side of the connection to.
 */
public final class PacketNotes {
    private Utf8Line sb;
    private final Utf8Line own = new Utf8Line(256);

    /** The note as a new string. */
    public String note(Packet p, TcpView v, TcpAnalysis a) {
        own.setLength(0);
        append(own, p, v, a);
        return own.toString();
    }

    /** Appends the note to {@code out}; false when there is nothing to say. */
    public boolean append(StringBuilder out, Packet p, TcpView v, TcpAnalysis a) {
        own.setLength(0);
        boolean said = append(own, p, v, a);
        own.appendTo(out);
        return said;
    }

    /**
     * Appends the note to {@code out} as UTF-8 without creating a string (the text output's hot path).
     *
     * @return false when there is nothing to say
     */
    public boolean append(Utf8Line out, Packet p, TcpView v, TcpAnalysis a) {
        int start = out.length();
        sb = out;
        analysis = a;
        write(p, v);
        if (p.isTcp() && p.malformed == null) {
            tcp = p.tcp;
            if (a != null) {
                findings(a, v);
            }
            if (v != null) {
                states(v);
            }
        }
        sb = null;
        analysis = null;
        tcp = null;
        return out.length() > start;
    }

    /** Where this note starts in {@link #sb}. */
    private int start;
    private TcpAnalysis analysis;
    /** Linux's TCP_RTO_MIN: no retransmission timer fires sooner after the segment it repeats. */
    private static final long MIN_RTO_NANOS = 200_000_000L;

    /** The TCP header of the packet being described, while its findings are written. */
    private TcpHeader tcp;

    /** What each expert finding means, in the order tshark prints them. */
    private void findings(TcpAnalysis a, TcpView v) {
        int f = a.hidden ? 0 : a.flags;
        for (int i = 0; f != 0 && i < AnalysisFlags.COUNT; i++) {
            int bit = 1 << i;
            if ((f & bit) == 0) {
                continue;
            }
            sb.append(sb.length() > start ? "; " : "");
            switch (bit) {
                case AnalysisFlags.REUSED_PORTS:
                    sb.append("port numbers reused: a new connection starts on the ports of an earlier one");
                    break;
                case AnalysisFlags.RETRANSMISSION:
                    sb.append("retransmission");
                    repeats(a);
                    if (a.repeatsFrame != 0 && a.sinceRepeatedNanos < MIN_RTO_NANOS) {
                        // Sooner than any retransmission timer can fire: the receiver's ACKs told the sender.
                        sb.append(": too soon for the retransmission timer (at least 200 ms on Linux), so the sender"
                                + " learned from the receiver's ACKs (duplicate ACKs or SACK blocks) that ")
                                .append(what()).append(tcp != null && tcp.payloadLength > 0 ? " were" : " was").append(" lost");
                        break;
                    }
                    sb.append(": ").append(what()).append(tcp != null && tcp.payloadLength > 0 ? " were" : " was")
                            .append(" not ").append(tcp != null && tcp.has(TcpHeader.SYN) && !tcp.has(TcpHeader.ACK)
                                    ? "answered" : "acknowledged")
                            .append(" in time, so the sender's timer sent ")
                            .append(tcp != null && tcp.payloadLength > 0 ? "them" : "it").append(" again");
                    break;
                case AnalysisFlags.FAST_RETRANSMISSION:
                    sb.append("fast retransmission");
                    repeats(a);
                    sb.append(": sent again at once because duplicate ACKs showed the receiver is missing ").append(what());
                    break;
                case AnalysisFlags.SPURIOUS_RETRANSMISSION:
                    sb.append("spurious retransmission");
                    repeats(a);
                    sb.append(": sent again although the receiver had already acknowledged ").append(what());
                    break;
                case AnalysisFlags.OUT_OF_ORDER:
                    // tshark's rule: earlier bytes than some already seen, within one round trip of them. A resend
                    // that comes that soon looks the same, so the note does not deny it.
                    sb.append("out of order: bytes before some already seen, and within a round trip of them, so tshark"
                            + " calls it out of order rather than a retransmission (a quick resend looks the same)");
                    break;
                case AnalysisFlags.LOST_SEGMENT:
                    sb.append("previous segment not captured: bytes before these were never seen (lost, or missed by the capture)");
                    break;
                case AnalysisFlags.ACK_LOST_SEGMENT:
                    sb.append("acknowledges bytes the capture never saw");
                    break;
                case AnalysisFlags.WINDOW_UPDATE:
                    sb.append("window update: no data, only a new receive window for the sender");
                    break;
                case AnalysisFlags.WINDOW_FULL:
                    sb.append("window full: these bytes fill the receiver's whole advertised window, so the sender must wait");
                    break;
                case AnalysisFlags.KEEP_ALIVE:
                    if (a.linuxZeroWindowProbe) {
                        sb.append("zero-window probe: the receiver's window is 0, so the sender's persist timer asks"
                                + " for a window update; Linux sends it as a byte-less segment repeating the last"
                                + " acknowledged byte, the shape of a keep-alive, which is what tshark 4.0 calls it");
                    } else {
                        sb.append("keep-alive: repeats the last acknowledged byte to check that the peer is still there");
                    }
                    break;
                case AnalysisFlags.KEEP_ALIVE_ACK:
                    sb.append("answers a keep-alive: the peer is still there");
                    break;
                case AnalysisFlags.DUPLICATE_ACK:
                    sb.append("duplicate ACK #").append(a.dupAckNum).append(" (same ack as frame ").append(a.dupAckFrame)
                            .append("): ");
                    if (tcp != null && tcp.dsack()) {
                        // RFC 2883: a duplicate segment, not a hole, made the receiver repeat its ACK.
                        sb.append("the receiver got bytes it already had, which its D-SACK block reports");
                        sb.append(tcp.sackCount > 1 ? ", and holds data past a hole (its other SACK blocks)" : ", not data past a hole");
                        sb.append("; it still waits for byte ").append(v != null ? v.relAck : 0);
                    } else if (tcp != null && tcp.sackCount == 0 && v != null && v.relAck <= 1) {
                        // Nothing past the SYN acknowledged and no SACK: this repeats the ACK of a SYN/ACK sent again.
                        sb.append("the other side sent its SYN/ACK again, and this ACK answers it once more; no data is missing");
                    } else {
                        sb.append("the receiver got data past a hole and still waits for byte ").append(v != null ? v.relAck : 0);
                    }
                    break;
                case AnalysisFlags.ZERO_WINDOW_PROBE:
                    sb.append("zero-window probe: one byte into a closed window, to see whether it has opened");
                    break;
                case AnalysisFlags.ZERO_WINDOW:
                    sb.append("zero window: the receiver's buffer is full, the sender must stop until it reopens");
                    break;
                case AnalysisFlags.ZERO_WINDOW_PROBE_ACK:
                    sb.append("answers a zero-window probe: the window is still closed");
                    break;
                default:
                    break;
            }
        }
    }

    /** What a retransmission carries again, in words: "the SYN", "these bytes and the FIN", ... */
    private String what() {
        if (tcp == null) {
            return "these bytes";
        }
        String control = tcp.has(TcpHeader.SYN) ? (tcp.has(TcpHeader.ACK) ? "the SYN/ACK" : "the SYN")
                : tcp.has(TcpHeader.FIN) ? "the FIN" : null;
        if (tcp.payloadLength > 0) {
            return control == null ? "these bytes" : "these bytes and " + control;
        }
        return control != null ? control : "this segment";
    }

    /** ", repeats frame 1, 1.02 s later" (and where a bytes were first sent, if that was another frame). */
    private void repeats(TcpAnalysis a) {
        if (a.repeatsFrame == 0) {
            return;
        }
        sb.append(", repeats frame ").append(a.repeatsFrame);
        if (a.firstSentFrame != 0 && a.firstSentFrame != a.repeatsFrame) {
            sb.append(" (first sent in frame ").append(a.firstSentFrame).append(')');
        }
        sb.append(", ");
        duration(a.sinceRepeatedNanos);
        sb.append(" later");
    }

    /** A duration as a reader says it: "1.02 s", "204 ms", "3.5 ms", "45 us". */
    private void duration(long nanos) {
        duration(sb, nanos);
    }

    static void duration(Utf8Line sb, long nanos) {
        // Rounded half up from the exact value, as String.format("%.2f") rounds nanos / 1e9 below 10^6 s (its
        // double's shortest digits are the exact ones there); written by hand because the first String.format
        // of a run loads the Formatter and the locale data, a seventh of a small file's read.
        if (nanos >= 1_000_000_000L) {
            long centis = nanos / 10_000_000L + (nanos % 10_000_000L >= 5_000_000L ? 1 : 0);
            sb.append(centis / 100).append('.').ascii('0' + (int) (centis / 10 % 10)).ascii('0' + (int) (centis % 10))
                    .append(" s");
        } else if (nanos >= 10_000_000L) {
            sb.append(Math.round(nanos / 1e6)).append(" ms");
        } else if (nanos >= 1_000_000L) {
            long tenths = (nanos + 50_000L) / 100_000L;
            sb.append(tenths / 10).append('.').ascii('0' + (int) (tenths % 10)).append(" ms");
        } else {
            sb.append(Math.round(nanos / 1e3)).append(" us");
        }
    }

    private void states(TcpView v) {
        revision(v);
        if (v.clientState == null && v.serverState == null) {
            return;
        }
        sb.append(sb.length() > start ? "; " : "");
        if (v.clientState != null) {
            sb.append("client enters ");
            path(v.clientPath, v.clientSteps);
            finShown(v, true);
        }
        if (v.serverState != null) {
            sb.append(v.clientState != null ? ", " : "").append("server enters ");
            path(v.serverPath, v.serverSteps);
            finShown(v, false);
        }
    }

    /**
     * What this packet disproved: states the notes of earlier frames gave a side by taking it that a
     * segment arrived when it was captured.
     */
    private void revision(TcpView v) {
        if (v.revision == TcpView.Revision.NONE) {
            return;
        }
        String side = v.revisedClient ? "client" : "server";
        sb.append(sb.length() > start ? "; " : "");
        if (v.revision == TcpView.Revision.SYN_AGAIN) {
            sb.append(side).append(" is still in ").append(v.revisedTo.name()).append(", not ")
                    .append(v.withdrawnStates[v.withdrawnCount - 1].name()).append(": sending its ")
                    .append(v.revisedClient ? "SYN" : "SYN/ACK").append(" again shows that ")
                    .append(v.revisedClient ? "the SYN/ACK of frame " : "the ACK of frame ");
            withdrawnFrames(v);
            sb.append(" never reached it");
        } else if (v.revisedTo == io.wirebook.flow.TcpState.SYN_SENT || v.revisedTo == io.wirebook.flow.TcpState.SYN_RECEIVED) {
            sb.append(side).append(" never entered ");
            withdrawnStates(v);
            sb.append(" (taken from frame ");
            withdrawnFrames(v);
            sb.append("): its handshake had not completed, it was still in ").append(v.revisedTo.name()).append(" or gone");
        } else {
            sb.append(side).append(" did not enter ");
            withdrawnStates(v);
            sb.append(" on frame ").append(v.withdrawnFrames[0])
                    .append(": that segment found no connection, the ").append(side)
                    .append("'s socket was gone before it arrived");
        }
    }

    private void withdrawnFrames(TcpView v) {
        long[] distinct = new long[v.withdrawnCount];
        int n = 0;
        for (int i = 0; i < v.withdrawnCount; i++) {
            if (n == 0 || distinct[n - 1] != v.withdrawnFrames[i]) {
                distinct[n++] = v.withdrawnFrames[i];
            }
        }
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : i == n - 1 ? " and " : ", ").append(distinct[i]);
        }
    }

    private void withdrawnStates(TcpView v) {
        for (int i = 0; i < v.withdrawnCount; i++) {
            sb.append(i == 0 ? "" : " then ").append(v.withdrawnStates[i].name());
        }
    }

    /** Why the sender enters CLOSE_WAIT only now: this ack is the first sign that the FIN arrived. */
    private void finShown(TcpView v, boolean client) {
        if (v.finShownFrame != 0 && v.fromClient == client) {
            sb.append(" (its ack shows the FIN of frame ").append(v.finShownFrame).append(" has arrived)");
        }
    }

    /** "FIN_WAIT_1", or "FIN_WAIT_1 then CLOSING" when one segment made two transitions. */
    private void path(io.wirebook.flow.TcpState[] states, int n) {
        for (int i = 0; i < n; i++) {
            sb.append(i > 0 ? " then " : "").append(states[i].name());
        }
    }

    private void write(Packet p, TcpView v) {
        start = sb.length();
        if (p.malformed != null) {
            sb.append(p.malformed.truncatedBySnaplen ? "cut short by the capture's snaplen: " : "malformed: ");
            sb.append(p.malformed.reason);
            return;
        }
        if (p.laterFragment) {
            sb.append("a later IP fragment: its transport header travelled in the first fragment");
            return;
        }
        if (p.nonIp != null) {
            sb.append("not IP (").append(p.nonIp).append(')');
            return;
        }
        switch (p.transport) {
            case Packet.TRANSPORT_TCP: tcp(p.tcp, v); break;
            case Packet.TRANSPORT_UDP:
                sb.append("a UDP datagram of ").append(p.udp.payloadLength())
                        .append(p.udp.payloadLength() == 1 ? " byte" : " bytes")
                        .append(": no connection, no acknowledgement, its boundaries kept");
                break;
            case Packet.TRANSPORT_ICMP:
            case Packet.TRANSPORT_ICMPV6:
                icmp(p.icmp);
                break;
            default:
                if (p.network != Packet.NET_NONE) {
                    sb.append("IP protocol ").append(p.ipProtocol);
                }
                break;
        }
        if (p.firstFragment) {
            sb.append(sb.length() > start ? "; " : "").append("first fragment of a fragmented IP datagram");
        }
    }

    private void tcp(TcpHeader t, TcpView v) {
        int f = t.flags;
        boolean syn = (f & TcpHeader.SYN) != 0, ack = (f & TcpHeader.ACK) != 0, fin = (f & TcpHeader.FIN) != 0,
                rst = (f & TcpHeader.RST) != 0;
        if (syn && (fin || rst) || (f & 0xFF) == 0) {
            invalidFlags(f);
            return;
        }
        if (rst) {
            if (!ack && v != null && v.answersFrame != 0) {
                sb.append("RST: answers frame ").append(v.answersFrame).append(" in the form of a reply to a segment"
                        + " no connection can take (no ACK flag, its seq is that segment's ack: RFC 9293 3.10.7.1):"
                        + " no socket for it, a handshake not completed, or data for a socket already closed;"
                        + " nothing more is sent either way");
            } else {
                sb.append(ack ? "RST: refuses or aborts the connection at once; no more data either way"
                        : "RST: aborts the connection at once");
            }
            if (t.payloadLength > 0) {
                sb.append(" (carries ").append(t.payloadLength).append(" bytes of diagnostic text)");
            }
            return;
        }
        if (syn) {
            sb.append(ack ? "SYN/ACK: agrees to open the connection and acknowledges the SYN"
                    : "SYN: opens a connection");
            offers(t);
            if (t.payloadLength > 0) {
                sb.append("; carries ").append(t.payloadLength).append(" bytes of data already (TCP Fast Open)");
            }
            return;
        }
        if (t.payloadLength > 0) {
            sb.append("carries ").append(t.payloadLength).append(t.payloadLength == 1 ? " byte" : " bytes");
            if (v != null) {
                sb.append(" (stream bytes ").append(v.relSeq).append('-').append(v.relSeq + t.payloadLength - 1).append(')');
            }
        }
        if (fin) {
            sb.append(sb.length() > start ? "; " : "").append("FIN: this side has no more data to send");
        }
        if (ack && t.payloadLength == 0 && !fin) {
            sb.append("ACK: acknowledges everything before byte ").append(v != null ? v.relAck : t.ack);
            if (t.window == 0 && (analysis == null || analysis.hidden)) {
                sb.append("; window 0: the receiver's buffer is full, the sender must wait");
            }
        } else if (ack) {
            sb.append("; acknowledges up to ").append(v != null ? v.relAck : t.ack);
        }
        if (t.sackCount > 0) {
            sack(t, v);
        }
        if (fin && v != null && v.finsCrossed) {
            sb.append("; the FINs crossed (a simultaneous close): sent before the other side's FIN arrived,"
                    + " which its ack does not cover");
        }
    }

    /** What the SACK blocks report (RFC 2018), the first one possibly a duplicate report (RFC 2883). */
    private void sack(TcpHeader t, TcpView v) {
        int first = 0;
        if (t.dsack()) {
            sb.append("; D-SACK: ");
            bytes(t.sackLeft[0], t.sackRight[0], v);
            sb.append(" arrived twice (a duplicate report, RFC 2883, not data past a hole)");
            first = 1;
        }
        if (first < t.sackCount) {
            sb.append("; SACK: also holds ");
            for (int i = first; i < t.sackCount; i++) {
                sb.append(i > first ? ", " : "");
                bytes(t.sackLeft[i], t.sackRight[i], v);
            }
            sb.append(", past a hole");
        }
    }

    /** "stream bytes 91-100" for the SACK block [left, right), right exclusive. */
    private void bytes(long left, long right, TcpView v) {
        long l = v != null ? v.sackRelative(left) : left, r = v != null ? v.sackRelative(right) : right;
        sb.append("stream bytes ").append(l).append('-').append((r - 1) & 0xFFFFFFFFL);
    }

    /**
     * Flags that contradict each other, or none at all: what they say together. SYN opens, FIN closes, RST
     * aborts; a segment asking for two of those at once, or carrying no flag, is never sent by a real TCP
     * stack (every segment after the first carries ACK, RFC 9293 3.10.7), only by scanners and fuzzers.
     */
    private void invalidFlags(int f) {
        if ((f & 0xFF) == 0) {
            sb.append("no flags at all: a segment no real TCP stack sends (a \"null scan\" probe); receivers drop it"
                    + " or answer with RST");
            return;
        }
        if ((f & 0xFF) == 0xFF) {
            sb.append("every flag set (a \"Christmas tree\" packet): ");
        } else {
            sb.append("flags that contradict each other: ");
        }
        boolean fin = (f & TcpHeader.FIN) != 0, rst = (f & TcpHeader.RST) != 0;
        sb.append("SYN with ").append(fin && rst ? "FIN and RST" : fin ? "FIN" : "RST")
                .append(" asks to open the connection and ").append(fin && rst ? "to close and abort it" : fin ? "to close it" : "to abort it")
                .append(" at once, an invalid combination no real TCP stack sends (a scanner's or fuzzer's probe);"
                        + " receivers drop it (Linux discards a SYN with FIN or RST), so it changes no state");
    }

    private void offers(TcpHeader t) {
        boolean any = false;
        if (t.mss >= 0) {
            sb.append(any ? ", " : "; proposes ").append("MSS ").append(t.mss);
            any = true;
        }
        if (t.windowScale >= 0) {
            sb.append(any ? ", " : "; proposes ").append("window scale ").append(t.windowScale)
                    .append(" (x").append(1L << Math.min(t.windowScale, 14)).append(')');
            any = true;
        }
        if (t.sackPermitted) {
            sb.append(any ? ", " : "; proposes ").append("SACK");
            any = true;
        }
        if (t.hasTimestamp) {
            sb.append(any ? ", " : "; proposes ").append("timestamps");
        }
    }

    private void icmp(IcmpHeader m) {
        String code = m.codeName();
        sb.append(m.version == 6 ? "ICMPv6 " : "ICMP ").append(m.typeName());
        if (code != null) {
            sb.append(" (").append(code).append(')');
        }
        if (m.isError && m.hasInner) {
            sb.append(": reports a problem with an earlier ").append(IpProtocol.valueOf(m.innerProtocol).words()).append(" packet");
            if (m.innerSourcePort >= 0) {
                sb.append(" from port ").append(m.innerSourcePort).append(" to port ").append(m.innerDestinationPort);
            }
            if (m.version == 4 && m.type == 3 && m.code == 3 || m.version == 6 && m.type == 1 && m.code == 4) {
                sb.append("; nobody listens there (a connected UDP socket hears of it as ECONNREFUSED)");
            }
        }
    }
}
