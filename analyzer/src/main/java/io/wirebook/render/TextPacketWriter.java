package io.wirebook.render;

import io.wirebook.decode.Addresses;
import io.wirebook.analysis.AnalysisFlags;
import io.wirebook.analysis.TcpAnalysis;
import io.wirebook.capture.Frame;
import io.wirebook.decode.IcmpHeader;
import io.wirebook.decode.IpProtocol;
import io.wirebook.decode.MptcpSubtype;
import io.wirebook.decode.Packet;
import io.wirebook.decode.TcpHeader;
import io.wirebook.decode.TcpOptionKind;
import io.wirebook.flow.TcpView;
import io.wirebook.pipeline.PacketResult;
import io.wirebook.pipeline.ResultRenderer;
import io.wirebook.annotate.PacketNotes;
import java.io.IOException;
import io.wirebook.text.Utf8Line;
import java.util.Locale;

/**
 * One line per packet in the manner of {@code tcpdump -nn}, with relative sequence numbers, the window
 * after scaling (as Wireshark's Info column shows it), and a short plain-words note after a {@code  ·  }.
 *
 * <pre>
 *     1 10:15:02.123456 IP 127.0.0.1.41234 &gt; 127.0.0.1.8080: Flags [S], seq 0, win 65495, options [mss 65495,...], length 0  ·  SYN: opens a connection...
 * </pre>
 * Time of day is UTC, with as many fractional digits as the capture recorded.
 */
public final class TextPacketWriter {
    private final Utf8Sink out;
    private final Utf8Line line = new Utf8Line(512);
    private final boolean notes;

    /** @param notes whether to write the plain-words note after each line */
    public TextPacketWriter(Utf8Sink out, boolean notes) {
        this.out = out;
        this.notes = notes;
    }

    /** One packet as one line. */
    public void write(PacketResult r) throws IOException {
        Utf8Line b = line;
        b.setLength(0);
        line(r, b, null);
        out.write(b.bytes(), 0, b.length());
    }

    /** Appends {@code r}'s whole line to {@code b}, its note worded by {@code own} (null: the result's own notes). */
    private void line(PacketResult r, Utf8Line b, PacketNotes own) {
        format(b, r);
        if (notes) {
            int mark = b.length();
            b.append(NOTE_SEPARATOR);
            if (!(own != null ? r.appendNote(b, own) : r.appendNote(b))) {
                b.setLength(mark);
            }
        }
        b.ascii('\n');
    }

    /** A renderer of the same lines for another thread (with its own notes), appending each to the line it is given. */
    public ResultRenderer renderer() {
        PacketNotes own = new PacketNotes();
        return (r, out) -> line(r, out, own);
    }

    /** Copies lines a {@link #renderer()} made (on another thread) to the output, in order. */
    public void writeRendered(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
    }

    /** Appends the tcpdump-style part of the line and Wireshark's tags, without the note. */
    public static void format(StringBuilder sb, PacketResult r) {
        Utf8Line b = new Utf8Line(256);
        format(b, r);
        b.appendTo(sb);
    }

    /** As {@link #format(StringBuilder, PacketResult)}, into a line of bytes (the hot path). */
    public static void format(Utf8Line b, PacketResult r) {
        format(b, r.packet(), r.tcp());
        if (r.analysis() != null) {
            tags(b, r.analysis());
        }
    }

    /**
     * Wireshark's Info-column tags for the expert findings, e.g. {@code [TCP Dup ACK 5#1]}, each in
     * brackets; a fast or spurious retransmission shows only its own tag, as Wireshark's does.
     */
    public static void tags(StringBuilder sb, TcpAnalysis a) {
        Utf8Line b = new Utf8Line(64);
        tags(b, a);
        b.appendTo(sb);
    }

    public static void tags(Utf8Line b, TcpAnalysis a) {
        int f = a.hidden ? 0 : a.flags;
        for (int i = 0; f != 0 && i < AnalysisFlags.COUNT; i++) {
            if ((f & (1 << i)) != 0) {
                b.append(" [").append(AnalysisFlags.tag(i));
                if ((1 << i) == AnalysisFlags.DUPLICATE_ACK) {
                    b.ascii(' ').append(a.dupAckFrame).ascii('#').append(a.dupAckNum);
                }
                b.ascii(']');
            }
        }
    }

    /** The literals of a line's tcpdump-style part, as bytes made once (see {@link Utf8Line#ascii(byte[])}). */
    private static final byte[] FLAGS = Utf8Line.literal("Flags [");
    private static final byte[] SEQ = Utf8Line.literal(", seq ");
    private static final byte[] ACK = Utf8Line.literal(", ack ");
    private static final byte[] WIN = Utf8Line.literal(", win ");
    private static final byte[] OPTIONS = Utf8Line.literal(", options [");
    private static final byte[] LENGTH = Utf8Line.literal(", length ");
    private static final byte[] MSS = Utf8Line.literal("mss ");
    private static final byte[] WSCALE = Utf8Line.literal("wscale ");
    private static final byte[] SACK = Utf8Line.literal("sack ");
    private static final byte[] TS_VAL = Utf8Line.literal("TS val ");
    private static final byte[] ECR = Utf8Line.literal(" ecr ");
    private static final byte[] IP = Utf8Line.literal("IP ");
    private static final byte[] IP6 = Utf8Line.literal("IP6 ");
    private static final byte[] TO = Utf8Line.literal(" > ");
    private static final byte[] COLON = Utf8Line.literal(": ");
    private static final byte[] UDP_LENGTH = Utf8Line.literal("UDP, length ");

    /** Between the tcpdump-style part of a line and its note. */
    public static final String NOTE_SEPARATOR = "  \u00B7  ";

    public void flush() throws IOException {
        out.flush();
    }

    /** Appends the tcpdump-style part of the line (without the note). */
    static void format(Utf8Line sb, Packet p, TcpView v) {
        Frame f = p.frame;
        for (long p10 = 10_000; p10 > 1 && f.number < p10; p10 /= 10) {
            sb.ascii(' '); // right-aligned in 5 columns
        }
        sb.append(f.number).ascii(' ');
        timeOfDay(sb, f);
        sb.ascii(' ');
        byte[] b = p.bytes();
        int base = p.base();
        if (p.network == Packet.NET_NONE) {
            sb.append(p.nonIp != null ? p.nonIp : p.malformed != null ? p.malformed.layer.upperCase() : "unknown");
            if (p.malformed != null) {
                sb.append(" [malformed ").append(p.malformed.layer.label()).ascii(COLON).append(p.malformed.reason).append(']');
            }
            sb.ascii(LENGTH).append(f.originalLength);
            return;
        }
        sb.append(p.network == Packet.NET_IPV4 ? "IP " : "IP6 ");
        Addresses.append(sb, p.network, b, base + p.sourceAddressOffset());
        if (p.sourcePort >= 0) {
            sb.ascii('.').append(p.sourcePort);
        }
        sb.ascii(TO);
        Addresses.append(sb, p.network, b, base + p.destinationAddressOffset());
        if (p.destinationPort >= 0) {
            sb.ascii('.').append(p.destinationPort);
        }
        sb.ascii(COLON);
        if (p.laterFragment) {
            sb.append("IP fragment, offset ").append(p.network == Packet.NET_IPV4 ? p.ipv4.fragmentOffset : p.ipv6.fragmentOffset);
        } else {
            switch (p.transport) {
                case Packet.TRANSPORT_TCP: tcp(sb, p, v); break;
                case Packet.TRANSPORT_UDP:
                    sb.ascii(UDP_LENGTH).append(p.udp.payloadLength());
                    break;
                case Packet.TRANSPORT_ICMP:
                case Packet.TRANSPORT_ICMPV6:
                    icmp(sb, p);
                    break;
                default:
                    sb.append(p.protocolName());
                    break;
            }
        }
        if (p.malformed != null) {
            sb.append(p.malformed.truncatedBySnaplen ? " [|" : " [malformed ").append(p.malformed.layer.label());
            if (!p.malformed.truncatedBySnaplen) {
                sb.ascii(COLON).append(p.malformed.reason);
            }
            sb.ascii(']');
        }
    }

    private static void tcp(Utf8Line sb, Packet p, TcpView v) {
        TcpHeader t = p.tcp;
        sb.ascii(FLAGS);
        int f = t.flags;
        sb.append(TcpHeader.tcpdumpFlags(f));
        sb.ascii(']');
        long seq = v != null ? v.relSeq : t.seq;
        if (t.payloadLength > 0 || (f & (TcpHeader.SYN | TcpHeader.FIN | TcpHeader.RST)) != 0) {
            sb.ascii(SEQ).append(seq);
            if (t.payloadLength > 0) {
                sb.ascii(':').append((seq + t.payloadLength) & 0xFFFFFFFFL);
            }
        }
        if ((f & TcpHeader.ACK) != 0) {
            sb.ascii(ACK).append(v != null ? v.relAck : t.ack);
        }
        sb.ascii(WIN).append(v != null ? v.scaledWindow : t.window);
        if (t.optionCount > 0) {
            sb.ascii(OPTIONS);
            for (int i = 0; i < t.optionCount; i++) {
                if (i > 0) sb.ascii(',');
                option(sb, p, t, v, i);
            }
            sb.ascii(']');
        }
        sb.ascii(LENGTH).append(t.payloadLength);
    }

    private static void option(Utf8Line sb, Packet p, TcpHeader t, TcpView v, int i) {
        int kind = t.optionKinds[i];
        switch (kind) {
            case TcpHeader.OPT_MSS: sb.ascii(MSS).append(t.mss); break;
            case TcpHeader.OPT_WS: sb.ascii(WSCALE).append(t.windowScale); break;
            case TcpHeader.OPT_SACK:
                sb.ascii(SACK).append(t.sackCount);
                for (int s = 0; s < t.sackCount; s++) {
                    long le = v != null ? v.sackRelative(t.sackLeft[s]) : t.sackLeft[s];
                    long re = v != null ? v.sackRelative(t.sackRight[s]) : t.sackRight[s];
                    sb.append(" {").append(le).append(':').append(re).append('}');
                }
                break;
            case TcpHeader.OPT_TIMESTAMP: sb.ascii(TS_VAL).append(t.tsVal).ascii(ECR).append(t.tsEcr); break;
            case TcpHeader.OPT_MPTCP:
                sb.append("mptcp");
                if (t.optionLengths[i] >= 3) {
                    sb.ascii(' ').append(MptcpSubtype.of(p.bytes(), p.base() + t.optionOffsets[i]).name().toLowerCase(Locale.ROOT));
                }
                break;
            default:
                if (i == t.tfoOption) {
                    sb.append(t.tfoLength == 0 ? "tfo cookiereq" : "tfo cookie"); // kind 34 or experimental
                } else {
                    sb.append(TcpOptionKind.valueOf(kind).name());
                }
                break;
        }
    }

    private static void icmp(Utf8Line sb, Packet p) {
        IcmpHeader m = p.icmp;
        sb.append(m.version == 6 ? "ICMP6, " : "ICMP ").append(m.typeName());
        String code = m.codeName();
        if (code != null) {
            sb.append(", ").append(code);
        }
        if (m.echoId >= 0) {
            sb.append(", id ").append(m.echoId).append(", seq ").append(m.echoSeq);
        }
        if (m.hasInner) {
            sb.append(" (quoting ");
            Addresses.append(sb, m.innerIpVersion, p.bytes(), p.base() + m.innerSourceOffset);
            if (m.innerSourcePort >= 0) sb.append('.').append(m.innerSourcePort);
            sb.append(" > ");
            Addresses.append(sb, m.innerIpVersion, p.bytes(), p.base() + m.innerDestinationOffset);
            if (m.innerDestinationPort >= 0) sb.append('.').append(m.innerDestinationPort);
            sb.append(' ').append(IpProtocol.valueOf(m.innerProtocol).name()).append(')');
        }
        int len = p.network == Packet.NET_IPV4 ? p.ipv4.payloadEnd - m.offset : p.ipv6.payloadEnd - m.offset;
        sb.append(", length ").append(Math.max(0, len));
    }

    /** HH:MM:SS.fraction in UTC, computed without java.time objects (this runs once per printed line). */
    static void timeOfDay(Utf8Line sb, Frame f) {
        long secs = Math.floorMod(f.epochSeconds, 86400L);
        two(sb, (int) (secs / 3600));
        sb.ascii(':');
        two(sb, (int) (secs / 60 % 60));
        sb.ascii(':');
        two(sb, (int) (secs % 60));
        if (f.tsDigits > 0) {
            sb.ascii('.'); // whole seconds (if_tsresol 10^0) show none, as tshark shows them
            sb.fraction(f.nanos, f.tsDigits);
        }
    }

    private static void two(Utf8Line sb, int v) {
        sb.ascii('0' + v / 10).ascii('0' + v % 10);
    }

}
