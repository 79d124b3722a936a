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
        // appended by hand: Formatter's parsing of that pattern took half of a conversations run.
        StringBuilder b = row;
        b.setLength(0);
        right(b, s.stream, 6);
        b.append("  ");
        endpointCell(b, s.ipVersion, s.clientIsA ? s.aAddress : s.bAddress, s.clientIsA ? s.aPort : s.bPort, 28);
        b.append(' ');
        endpointCell(b, s.ipVersion, s.clientIsA ? s.bAddress : s.aAddress, s.clientIsA ? s.bPort : s.aPort, 28);
        b.append(' ');
        secondsCell(b, startSeconds, startNanos, s.firstSeconds, s.firstTime, 12);
        b.append(' ');
        secondsCell(b, s.firstSeconds, nanosWithin(s.firstTime, s.firstSeconds), s.lastSeconds, s.lastTime, 10);
        b.append(' ');
        right(b, s.clientIsA ? s.aPackets : s.bPackets, 8);
        b.append(' ');
        right(b, s.clientIsA ? s.aBytes : s.bBytes, 10);
        b.append(' ');
        right(b, s.clientIsA ? s.bPackets : s.aPackets, 8);
        b.append(' ');
        right(b, s.clientIsA ? s.bBytes : s.aBytes, 10);
        b.append("  ");
        left(b, s.handshakeSeen ? "yes" : "no", 3).append(' ');
        left(b, s.end.words, 22).append(' ');
        left(b, s.connState, 6).append(' ');
        left(b, s.history.isEmpty() ? "-" : s.history, 14).append(' ');
        right(b, s.retransmissions, 6);
        b.append(' ');
        if (s.handshakeRttNanos != 0) {
            secondsCell(b, s.handshakeRttNanos, 12);
        } else {
            left(b, "", 11).append('-');
        }
        b.append('\n');
        rowOut(b);
    }

    /** One row's text, reused: see {@link #tcp}. */
    private final StringBuilder row = new StringBuilder(256);
    private final Utf8Line rowBytes = new Utf8Line(256);

    /**
     * Writes a row's text as UTF-8 bytes: PrintStream.print would wrap it in a CharBuffer and run its encoder
     * for every row (a conversations run writes one per connection and flow). The bytes go to the same
     * stream as the headings' printf, after them.
     */
    private void rowOut(StringBuilder b) {
        rowBytes.setLength(0);
        rowBytes.append(b);
        text.write(rowBytes.bytes(), 0, rowBytes.length());
    }
    private final StringBuilder cell = new StringBuilder(64);

    /** {@code %Nd}: spaces, then {@code v}, {@code width} chars at least. */
    private static StringBuilder right(StringBuilder b, long v, int width) {
        int at = b.length();
        b.append(v);
        int len = b.length() - at;
        if (len < width) {
            b.insert(at, SPACES, 0, width - len);
        }
        return b;
    }

    private static final char[] SPACES = " ".repeat(32).toCharArray();

    /** {@code %-Ns}: {@code v}, then spaces up to {@code width}. */
    private static StringBuilder left(StringBuilder b, String v, int width) {
        b.append(v);
        pad(b, width - v.length());
        return b;
    }

    private static void pad(StringBuilder b, int count) {
        for (int i = 0; i < count; i++) {
            b.append(' ');
        }
    }

    /** {@code %-Ns} of {@link #endpoint}. */
    private static void endpointCell(StringBuilder b, int ipVersion, byte[] address, int port, int width) {
        int at = b.length();
        if (ipVersion == 6) {
            b.append('[');
        }
        Addresses.append(b, ipVersion, address, 0);
        if (ipVersion == 6) {
            b.append(']');
        }
        b.append(':').append(port);
        pad(b, width - (b.length() - at));
    }

    /** {@code %Ns} of {@link Durations#seconds}(nanos, 6). */
    private void secondsCell(StringBuilder b, long nanos, int width) {
        cell.setLength(0);
        Durations.appendSeconds(cell, nanos, 6);
        pad(b, width - cell.length());
        b.append(cell);
    }

    /** The time from {@code (fromSeconds, fromNanos)} to a time the tracker kept, in seconds with 6 digits. */
    private void secondsCell(StringBuilder b, long fromSeconds, int fromNanos, long toSeconds, long toTime, int width) {
        cell.setLength(0);
        Durations.appendSeconds(cell, fromSeconds, fromNanos, toSeconds, nanosWithin(toTime, toSeconds), 6);
        pad(b, width - cell.length());
        b.append(cell);
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
        StringBuilder b = row;
        b.setLength(0);
        right(b, f.index, 6);
        b.append("  ");
        endpointCell(b, v, aAddr, aPort, 28);
        b.append(' ');
        endpointCell(b, v, bAddr, bPort, 28);
        b.append(' ');
        secondsCell(b, startSeconds, startNanos, f.firstSeconds, f.firstTime, 12);
        b.append(' ');
        secondsCell(b, f.firstSeconds, nanosWithin(f.firstTime, f.firstSeconds), f.lastSeconds, f.lastTime, 10);
        b.append(' ');
        right(b, f.aPackets, 8);
        b.append(' ');
        right(b, f.aBytes, 10);
        b.append(' ');
        right(b, f.bPackets, 8);
        b.append(' ');
        right(b, f.bBytes, 10);
        b.append("  ");
        for (int i = 0; i < Math.min(f.icmpErrors, UdpFlow.MAX_ERRORS_KEPT); i++) {
            b.append(i > 0 ? ", " : "").append("frame ").append(f.errorFrames[i]).append(' ')
                    .append(icmpErrorName(f.errorKinds[i]));
        }
        if (f.icmpErrors > UdpFlow.MAX_ERRORS_KEPT) {
            b.append(", ... (").append(f.icmpErrors).append(" in all)");
        }
        if (f.icmpErrors == 0) {
            b.append('-');
        }
        b.append('\n');
        rowOut(b);
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
