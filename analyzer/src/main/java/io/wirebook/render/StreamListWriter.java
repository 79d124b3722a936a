package io.wirebook.render;

import io.wirebook.analysis.ConversationSummary;
import java.nio.charset.StandardCharsets;

/**
 * {@code timeline --list} and {@code follow --list}: one line per TCP stream, to choose the {@code --stream}
 * to show.
 *
 * <pre>
 * stream  client                        server                         packets        first         last
 *      0  10.0.2.15:44188               192.0.47.59:43                      11     0.000000     0.303065
 * </pre>
 *
 * First and last are the stream's first and last packets, in seconds since the capture's first frame.
 */
public final class StreamListWriter {
    private StreamListWriter() {}

    public static byte[] heading() {
        return String.format("%6s  %-29s %-29s %8s %12s %12s%n", "stream", "client", "server", "packets", "first", "last")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** The row of one connection; times relative to {@code captureStart} (epoch nanoseconds). */
    public static byte[] row(ConversationSummary s, long captureStart) {
        String client = ConversationWriter.endpoint(s.ipVersion, s.clientIsA ? s.aAddress : s.bAddress,
                s.clientIsA ? s.aPort : s.bPort);
        String server = ConversationWriter.endpoint(s.ipVersion, s.clientIsA ? s.bAddress : s.aAddress,
                s.clientIsA ? s.bPort : s.aPort);
        return String.format("%6d  %-29s %-29s %8d %12s %12s%n", s.stream, client, server, s.aPackets + s.bPackets,
                Durations.seconds(s.firstTime - captureStart, 6), Durations.seconds(s.lastTime - captureStart, 6))
                .getBytes(StandardCharsets.US_ASCII);
    }
}
