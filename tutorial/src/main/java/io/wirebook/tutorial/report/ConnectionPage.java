package io.wirebook.tutorial.report;

import io.wirebook.analysis.ConversationSummary;
import io.wirebook.capture.Frame;
import io.wirebook.pipeline.PacketResult;
import io.wirebook.render.LadderSvgWriter;
import io.wirebook.timeline.TimelineBuilder;
import io.wirebook.tutorial.notebook.PacketRows;
import java.util.ArrayList;
import java.util.List;

/**
 * What the second pass keeps of one chosen connection: copies of its first frames for the ladder (cut to
 * their headers: the ladder shows no payload, and a 64 KB loopback segment should not cost 64 KB here), its
 * first packet-table rows, and its findings, each up to a limit, so a page's memory does not grow with the
 * connection.
 */
final class ConnectionPage {
    /** Payload bytes a ladder frame keeps past its headers. */
    private static final int LADDER_PAYLOAD_BYTES = 16;

    final ConversationSummary summary;
    private final int ladderLimit, rowLimit, findingLimit;
    private final List<Frame> ladderFrames = new ArrayList<>();
    final List<List<String>> rows = new ArrayList<>();
    final List<List<String>> findings = new ArrayList<>();
    long packets;
    long findingFrames;
    private long zero = Long.MIN_VALUE;

    ConnectionPage(ConversationSummary summary, int ladderLimit, int rowLimit, int findingLimit) {
        this.summary = summary;
        this.ladderLimit = ladderLimit;
        this.rowLimit = rowLimit;
        this.findingLimit = findingLimit;
    }

    void add(PacketResult r) {
        packets++;
        Frame f = r.frame();
        if (zero == Long.MIN_VALUE) {
            zero = f.epochNanos();
        }
        if (ladderFrames.size() < ladderLimit) {
            ladderFrames.add(headersOnly(r));
        }
        String found = PacketRows.findings(r);
        if (rows.size() < rowLimit || !found.isEmpty() && findings.size() < findingLimit) {
            List<String> row = PacketRows.cells(r, PacketRows.direction(r), f.epochNanos(), zero);
            if (rows.size() < rowLimit) {
                rows.add(row);
            }
            if (!found.isEmpty() && findings.size() < findingLimit) {
                findings.add(row);
            }
        }
        if (!found.isEmpty()) {
            findingFrames++;
        }
    }

    /** A copy of the frame that keeps its headers and a few payload bytes; the lengths stay as captured. */
    private static Frame headersOnly(PacketResult r) {
        Frame f = r.frame();
        int keep = f.capturedLength;
        if (r.tcp() != null) {
            keep = Math.min(keep, r.packet().tcp.payloadOffset + LADDER_PAYLOAD_BYTES); // from the frame's start
        }
        int whole = f.capturedLength;
        f.capturedLength = Math.max(0, keep);
        try {
            return f.copy();
        } finally {
            f.capturedLength = whole;
        }
    }

    /** The ladder of the frames kept: the connection alone, through the same pipeline, no socket calls. */
    String ladderSvg() {
        return LadderSvgWriter.render(TimelineBuilder.build(ladderFrames, List.of()),
                LadderSvgWriter.Options.DEFAULT.calls(false));
    }

    int ladderPackets() {
        return ladderFrames.size();
    }
}
