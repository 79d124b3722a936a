package io.wirebook.cli;

import io.wirebook.flow.EvictionPolicy;
import io.wirebook.flow.TcpConnection;
import io.wirebook.pipeline.PacketPipeline;
import io.wirebook.pipeline.PacketResult;
import io.wirebook.render.ConversationWriter;
import io.wirebook.render.SortedRows;
import io.wirebook.render.StreamListWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The TCP stream a command shows ({@code -s N}), or the list of them all ({@code --list}): a picocli mixin
 * shared by {@code timeline} and {@code follow}, with what both say when the stream is not in the capture.
 */
final class StreamSelection {
    /** Streams named, with their endpoints, in the line that says a stream is not in the capture. */
    static final int NAMED = 3;

    @Option(names = {"-s", "--stream"}, paramLabel = "N", defaultValue = "0",
            description = "The connection, numbered as tshark's tcp.stream (default: ${DEFAULT-VALUE}); "
                    + "one that is not in the capture is an error (exit 1) whose line says which streams there are")
    int stream;

    @Option(names = "--list", description = "List the TCP streams instead: number, client, server, packets, and the "
            + "times of the first and last packets (seconds since the capture's first frame)")
    boolean list;

    /** Streams seen so far (they are numbered from 0 in order of first packet), and the first few's endpoints. */
    private int streams;
    private final String[] named = new String[NAMED];

    /** --list: rows by stream number, in bounded memory (past 8 MiB to sorted runs in java.io.tmpdir). */
    private SortedRows rows;
    private IOException rowsFailed;
    private long captureStart = Long.MIN_VALUE;

    /** Throws the usage error of a negative stream number (exit 1). */
    void check(CommandLine commandLine) {
        if (stream < 0 && !list) {
            throw new CommandLine.ParameterException(commandLine, "--stream must be 0 or more, not " + stream);
        }
    }

    /** True when {@code r} is a segment of the chosen stream; counts every stream on the way. */
    boolean chosen(PacketResult r) {
        if (!r.isTcp()) {
            return false;
        }
        TcpConnection c = r.connection();
        if (c.stream >= streams) {
            streams = c.stream + 1;
        }
        if (c.stream < NAMED && named[c.stream] == null) {
            named[c.stream] = c.stream + ": " + endpoint(c, true) + " > " + endpoint(c, false);
        }
        return c.stream == stream;
    }

    /** The client's or the server's address and port, as the tables write them ("[::1]:80"). */
    static String endpoint(TcpConnection c, boolean client) {
        boolean keyA = c.aIsKeyA() == (client == c.clientIsA);
        return ConversationWriter.endpoint(c.key.ipVersion(), c.key.address(keyA), c.key.port(keyA));
    }

    /**
     * The line for a stream that is not in the capture:
     * {@code wirebook: no TCP stream 9 in F: it has streams 0-4 (0: a > b, 1: ..., 2: ..., ...; --list shows them all)}.
     */
    String notFound(String file, String command) {
        StringBuilder sb = new StringBuilder("wirebook: no TCP stream ").append(stream).append(" in ").append(file)
                .append(": ");
        if (streams == 0) {
            return sb.append("it has no TCP stream").toString();
        }
        sb.append(streams == 1 ? "it has stream 0" : "it has streams 0-" + (streams - 1)).append(" (");
        for (int i = 0; i < Math.min(NAMED, streams); i++) {
            sb.append(i > 0 ? ", " : "").append(named[i] != null ? named[i] : i + ": ?");
        }
        if (streams > NAMED) {
            sb.append(", ...; wirebook ").append(command).append(" --list ").append(file).append(" shows them all");
        }
        return sb.append(')').toString();
    }

    /** --list: the pipeline that summarises each connection when it ends. */
    PacketPipeline listPipeline() {
        rows = new SortedRows(8L << 20);
        return PacketPipeline.summarising(EvictionPolicy.defaults(), s -> {
            try {
                rows.add(s.stream, StreamListWriter.row(s, captureStart));
            } catch (IOException e) {
                if (rowsFailed == null) {
                    rowsFailed = e;
                }
            }
        }, null);
    }

    /** --list: one packet read; throws the rows' failure (FileCommand then writes what was read, exit 5). */
    void listed(PacketResult r) throws IOException {
        if (captureStart == Long.MIN_VALUE) {
            captureStart = r.frame().epochNanos();
        }
        throwRowsFailure();
    }

    /** --list: the heading and every row in stream order. */
    void writeList(OutputStream out) throws IOException {
        out.write(StreamListWriter.heading());
        try (SortedRows sorted = rows) {
            sorted.writeTo(out, (o, key) -> {});
        } catch (SortedRows.SpillException e) {
            throw spillFailure(e);
        }
        throwRowsFailure();
    }

    private void throwRowsFailure() throws IOException {
        IOException e = rowsFailed;
        if (e != null) {
            rowsFailed = null;
            throw e instanceof SortedRows.SpillException s ? spillFailure(s) : e;
        }
    }

    private static IOException spillFailure(SortedRows.SpillException e) {
        return new IOException(e.getMessage() + ": " + Output.reason(e.getCause())
                + " (rows past 8 MiB go to java.io.tmpdir; WIREBOOK_JAVA_OPTS=-Djava.io.tmpdir=DIR moves them)", e);
    }

    /** Prints the not-found line when the stream was never seen; @return the exit code */
    int report(boolean seen, String file, String command, PrintStream stderr) {
        if (seen || list) {
            return ExitCodes.OK;
        }
        stderr.println(ErrorLine.of(notFound(file, command)));
        return ExitCodes.USAGE;
    }
}
