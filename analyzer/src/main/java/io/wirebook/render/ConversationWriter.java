package io.wirebook.render;

import static io.wirebook.flow.TcpConnection.nanosWithin;

import io.wirebook.decode.Addresses;
import com.fasterxml.jackson.core.JsonGenerator;
import io.wirebook.analysis.AnalysisFlags;
import io.wirebook.analysis.ConversationSummary;
import io.wirebook.capture.Timestamps;
import io.wirebook.decode.IcmpHeader;
import io.wirebook.flow.EvictionPolicy;
import io.wirebook.flow.UdpFlow;
import io.wirebook.jsonl.JsonLines;
import io.wirebook.text.Utf8Line;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * {@code wirebook conversations}: one row per TCP connection and per UDP flow, as a text table or JSON
 * Lines (schema in the README). Side a is the sender of the first packet, as in tshark's conversation table;
 * packets and bytes count whole frames, so they add up to {@code tshark -q -z conv,tcp}.
 */
public final class ConversationWriter {
    private final boolean jsonl;
    private final PrintStream text;
    private final JsonGenerator g;
    private boolean tcpHeader, udpHeader;
    /** The capture's first frame's time, exactly, for the relative start times. */
    private final long startSeconds;
    private final int startNanos;

    /** @param captureStart the first frame's time in nanoseconds since the epoch (exact only up to the year 2262) */
    public ConversationWriter(OutputStream out, boolean jsonl, long captureStart) throws IOException {
        this(out, jsonl, Math.floorDiv(captureStart, NANOS), (int) Math.floorMod(captureStart, NANOS));
    }

    /** @param startSeconds the capture's first frame's time, as the reader gives it: epoch seconds, and nanoseconds */
    public ConversationWriter(OutputStream out, boolean jsonl, long startSeconds, int startNanos) throws IOException {
        this.jsonl = jsonl;
        this.startSeconds = startSeconds;
        this.startNanos = startNanos;
        if (jsonl) {
            g = JsonLines.generator(out);
            text = null;
        } else {
            g = null;
            text = new PrintStream(out, false, StandardCharsets.UTF_8);
        }
    }

    /** "127.0.0.1:80", "[::1]:80": an address and port as the tables show them. */
    public static String endpoint(int ipVersion, byte[] address, int port) {
        StringBuilder sb = new StringBuilder(48);
        if (ipVersion == 6) {
            sb.append('[');
        }
        sb.append(Addresses.toString(ipVersion, address, 0));
        if (ipVersion == 6) {
            sb.append(']');
        }
        return sb.append(':').append(port).toString();
    }

    public void tcp(ConversationSummary s) throws IOException {
        if (jsonl) {
            g.writeStartObject();
            g.writeStringField("proto", "tcp");
            g.writeNumberField("stream", s.stream);
            side("a", s.ipVersion, s.aAddress, s.aPort);
            side("b", s.ipVersion, s.bAddress, s.bPort);
            g.writeStringField("client", s.clientIsA ? "a" : "b");
            times(s.firstSeconds, s.firstTime, s.lastSeconds, s.lastTime, s.firstFrame, s.lastFrame);
            pair("packets", s.aPackets, s.bPackets);
            pair("bytes", s.aBytes, s.bBytes);
            pair("payload_bytes", s.aPayload, s.bPayload);
            g.writeBooleanField("handshake", s.handshakeSeen);
            if (s.handshakeRttNanos != 0) {
                g.writeStringField("handshake_rtt", Durations.seconds(s.handshakeRttNanos, 9));
            } else {
                g.writeNullField("handshake_rtt");
            }
            g.writeStringField("end", s.end.words);
            g.writeObjectFieldStart("states");
            g.writeStringField("client", s.clientState.name());
            g.writeStringField("server", s.serverState.name());
            g.writeEndObject();
            g.writeStringField("conn_state", s.connState);
            g.writeStringField("history", s.history);
            g.writeNumberField("retransmissions", s.retransmissions);
            g.writeObjectFieldStart("findings");
            for (int i = 0; i < AnalysisFlags.COUNT; i++) {
                if (s.findings[i] > 0) {
                    g.writeNumberField(AnalysisFlags.name(i), s.findings[i]);
                }
            }
            g.writeEndObject();
            if (s.reusedPorts) {
                g.writeBooleanField("reused_ports", true);
            }
            g.writeNumberField("icmp_errors", s.icmpErrors);
            g.writeEndObject();
            JsonLines.endLine(g);
            return;
        }
        if (!tcpHeader) {
            tcpHeading();
        }
        // The columns of "%6d  %-28s %-28s %12s %10s %8d %10d %8d %10d  %-3s %-22s %-6s %-14s %6d %12s%n",
        // appended by hand: Formatter's parsing of that pattern took half of a conversations run; straight into
        // UTF-8 bytes, not a StringBuilder whose chars were then copied out one by one (a tenth of the thread that
        // writes the rows, in C1's code).
        Utf8Line b = rowBytes;
        b.setLength(0);
        right(b, s.stream, 6).ascii(' ').ascii(' ');
        endpointCell(b, s.ipVersion, s.clientIsA ? s.aAddress : s.bAddress, s.clientIsA ? s.aPort : s.bPort, 28);
        b.ascii(' ');
        endpointCell(b, s.ipVersion, s.clientIsA ? s.bAddress : s.aAddress, s.clientIsA ? s.bPort : s.aPort, 28);
        b.ascii(' ');
        secondsCell(b, startSeconds, startNanos, s.firstSeconds, s.firstTime, 12);
        b.ascii(' ');
        secondsCell(b, s.firstSeconds, nanosWithin(s.firstTime, s.firstSeconds), s.lastSeconds, s.lastTime, 10);
        b.ascii(' ');
        right(b, s.clientIsA ? s.aPackets : s.bPackets, 8).ascii(' ');
        right(b, s.clientIsA ? s.aBytes : s.bBytes, 10).ascii(' ');
        right(b, s.clientIsA ? s.bPackets : s.aPackets, 8).ascii(' ');
        right(b, s.clientIsA ? s.bBytes : s.aBytes, 10).ascii(' ').ascii(' ');
        left(b, s.handshakeSeen ? "yes" : "no", 3).ascii(' ');
        left(b, s.end.words, 22).ascii(' ');
        left(b, s.connState, 6).ascii(' ');
        left(b, s.history.isEmpty() ? "-" : s.history, 14).ascii(' ');
        right(b, s.retransmissions, 6).ascii(' ');
        if (s.handshakeRttNanos != 0) {
            int at = b.length();
            Durations.appendSeconds(b, s.handshakeRttNanos, 6);
            b.alignRight(at, 12);
        } else {
            b.spaces(11).ascii('-');
        }
        b.ascii('\n');
        text.write(b.bytes(), 0, b.length());
    }

    /** One row's bytes, reused: see {@link #tcp}. */
    private final Utf8Line rowBytes = new Utf8Line(256);

    /** {@code %Nd}: spaces, then {@code v}, {@code width} chars at least. */
    private static Utf8Line right(Utf8Line b, long v, int width) {
        int at = b.length();
        return b.append(v).alignRight(at, width);
    }

    /** {@code %-Ns} of ASCII text: {@code v}, then spaces up to {@code width}. */
    private static Utf8Line left(Utf8Line b, String v, int width) {
        return b.append(v).spaces(width - v.length());
    }

    /** {@code %-Ns} of {@link #endpoint}. */
    private static void endpointCell(Utf8Line b, int ipVersion, byte[] address, int port, int width) {
        int at = b.length();
        if (ipVersion == 6) {
            b.ascii('[');
        }
        Addresses.append(b, ipVersion, address, 0);
        if (ipVersion == 6) {
            b.ascii(']');
        }
        b.ascii(':').append(port);
        b.spaces(width - (b.length() - at));
    }

    /** The time from {@code (fromSeconds, fromNanos)} to a time the tracker kept, in seconds with 6 digits, {@code %Ns}. */
    private static void secondsCell(Utf8Line b, long fromSeconds, int fromNanos, long toSeconds, long toTime, int width) {
        int at = b.length();
        Durations.appendSeconds(b, fromSeconds, fromNanos, toSeconds, nanosWithin(toTime, toSeconds), 6);
        b.alignRight(at, width);
    }

    public void udp(UdpFlow f) throws IOException {
        int v = f.key.ipVersion();
        byte[] aAddr = f.key.address(f.aIsKeyA()), bAddr = f.key.address(!f.aIsKeyA());
        int aPort = f.key.port(f.aIsKeyA()), bPort = f.key.port(!f.aIsKeyA());
        if (jsonl) {
            g.writeStartObject();
            g.writeStringField("proto", "udp");
            g.writeNumberField("stream", f.index);
            side("a", v, aAddr, aPort);
            side("b", v, bAddr, bPort);
            times(f.firstSeconds, f.firstTime, f.lastSeconds, f.lastTime, f.firstFrame, f.lastFrame);
            pair("packets", f.aPackets, f.bPackets);
            pair("bytes", f.aBytes, f.bBytes);
            g.writeNumberField("icmp_error_count", f.icmpErrors);
            g.writeArrayFieldStart("icmp_errors");
            for (int i = 0; i < Math.min(f.icmpErrors, UdpFlow.MAX_ERRORS_KEPT); i++) {
                int k = f.errorKinds[i];
                g.writeStartObject();
                g.writeNumberField("frame", f.errorFrames[i]);
                g.writeNumberField("type", UdpFlow.errorType(k));
                g.writeNumberField("code", UdpFlow.errorCode(k));
                g.writeStringField("what", icmpErrorName(k));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            JsonLines.endLine(g);
            return;
        }
        if (!udpHeader) {
            udpHeading();
        }
        // "%6d  %-28s %-28s %12s %10s %8d %10d %8d %10d  %s%n", by hand as in tcp().
        Utf8Line b = rowBytes;
        b.setLength(0);
        right(b, f.index, 6).ascii(' ').ascii(' ');
        endpointCell(b, v, aAddr, aPort, 28);
        b.ascii(' ');
        endpointCell(b, v, bAddr, bPort, 28);
        b.ascii(' ');
        secondsCell(b, startSeconds, startNanos, f.firstSeconds, f.firstTime, 12);
        b.ascii(' ');
        secondsCell(b, f.firstSeconds, nanosWithin(f.firstTime, f.firstSeconds), f.lastSeconds, f.lastTime, 10);
        b.ascii(' ');
        right(b, f.aPackets, 8).ascii(' ');
        right(b, f.aBytes, 10).ascii(' ');
        right(b, f.bPackets, 8).ascii(' ');
        right(b, f.bBytes, 10).ascii(' ').ascii(' ');
        for (int i = 0; i < Math.min(f.icmpErrors, UdpFlow.MAX_ERRORS_KEPT); i++) {
            b.append(i > 0 ? ", " : "").append("frame ").append(f.errorFrames[i]).ascii(' ')
                    .append(icmpErrorName(f.errorKinds[i]));
        }
        if (f.icmpErrors > UdpFlow.MAX_ERRORS_KEPT) {
            b.append(", ... (").append(f.icmpErrors).append(" in all)");
        }
        if (f.icmpErrors == 0) {
            b.ascii('-');
        }
        b.ascii('\n');
        text.write(b.bytes(), 0, b.length());
    }

    /** An ICMP error kind as {@link UdpFlow} keeps it, named: "destination unreachable (port unreachable)". */
    public static String icmpErrorName(int kind) {
        int version = UdpFlow.errorVersion(kind), type = UdpFlow.errorType(kind), code = UdpFlow.errorCode(kind);
        String t = IcmpHeader.typeName(version, type);
        String c = IcmpHeader.codeName(version, type, code);
        return c != null ? t + " (" + c + ")" : t;
    }

    private void side(String name, int ipVersion, byte[] address, int port) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeStringField("addr", Addresses.toString(ipVersion, address, 0));
        g.writeNumberField("port", port);
        g.writeEndObject();
    }

    private static final long NANOS = 1_000_000_000L;

    /**
     * A time the tracker kept (its frame's exact epoch seconds, and nanoseconds since the epoch modulo 2^64)
     * as epoch seconds with 9 digits, exactly as {@code read} and tshark's {@code frame.time_epoch} print
     * that frame's time, however far from 1970: the seconds are floored with the nanoseconds counted up
     * from them, so -0.5 s prints {@code -1.500000000} as tshark prints it.
     */
    private static String epoch(long seconds, long time) {
        return Timestamps.format(seconds, nanosWithin(time, seconds), 9);
    }

    private void times(long firstSeconds, long first, long lastSeconds, long last, long firstFrame, long lastFrame)
            throws IOException {
        g.writeStringField("first", epoch(firstSeconds, first));
        g.writeStringField("last", epoch(lastSeconds, last));
        g.writeStringField("duration",
                Durations.seconds(firstSeconds, nanosWithin(first, firstSeconds), lastSeconds, nanosWithin(last, lastSeconds), 9));
        g.writeNumberField("first_frame", firstFrame);
        g.writeNumberField("last_frame", lastFrame);
    }

    private void pair(String name, long aToB, long bToA) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeNumberField("a_to_b", aToB);
        g.writeNumberField("b_to_a", bToA);
        g.writeEndObject();
    }

    /** Leaves the table headings to the caller ({@link #tcpHeading()}, {@link #udpHeading()}): rows alone. */
    public void rowsOnly() {
        tcpHeader = true;
        udpHeader = true;
    }

    /** The TCP table's heading (text only). */
    public void tcpHeading() {
        tcpHeader = true;
        if (text != null) {
            text.printf("TCP connections (a = first sender; packets and bytes are whole frames, as tshark -z conv,tcp counts)%n");
            text.printf("%6s  %-28s %-28s %12s %10s %8s %10s %8s %10s  %-3s %-22s %-6s %-14s %6s %12s%n",
                    "stream", "client", "server", "start", "duration", "c>s pkts", "c>s bytes", "s>c pkts", "s>c bytes",
                    "hs", "end", "state", "history", "rexmit", "handshake");
        }
    }

    /** The UDP table's heading (text only). */
    public void udpHeading() {
        udpHeader = true;
        if (text != null) {
            text.printf("%nUDP flows (a = first sender)%n");
            text.printf("%6s  %-28s %-28s %12s %10s %8s %10s %8s %10s  %s%n", "stream", "a", "b", "start", "duration",
                    "a>b pkts", "a>b bytes", "b>a pkts", "b>a bytes", "ICMP errors");
        }
    }

    /**
     * The text table's last line when the memory bound let connections or flows go before they ended (none
     * in JSON Lines, whose every line is a connection or flow): how many, and what that does to the rows.
     *
     * @param tcpOpen TCP connections evicted before they finished
     * @param udp     UDP flows evicted
     */
    public void evictionFooter(long tcpOpen, long udp, EvictionPolicy policy) {
        if (text == null || tcpOpen + udp == 0) {
            return;
        }
        String what = tcpOpen > 0 && udp > 0 ? count(tcpOpen, "TCP connection") + " still open and " + count(udp, "UDP flow")
                : tcpOpen > 0 ? count(tcpOpen, "TCP connection") + " still open" : count(udp, "UDP flow");
        text.printf(Locale.ROOT, "%nMemory bound: at most %,d TCP connections and %,d UDP flows are held at once; %s %s "
                        + "summarised before the end of the capture (idle for %s s, or the longest idle past that "
                        + "limit). A later packet of one is summarised again, in a row of its own with the same "
                        + "stream number.%n", policy.hardLimit, policy.udpHardLimit, what,
                tcpOpen + udp == 1 ? "was" : "were", Durations.seconds(policy.idleTimeoutNanos, 0));
    }

    private static String count(long n, String noun) {
        return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
    }

    public void flush() throws IOException {
        if (g != null) {
            g.flush();
        } else {
            text.flush();
        }
    }
}
