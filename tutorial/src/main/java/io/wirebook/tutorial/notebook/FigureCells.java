package io.wirebook.tutorial.notebook;

import io.wirebook.pipeline.PacketResult;
import io.wirebook.render.HexDumpHtml;
import io.wirebook.render.HexDumpText;
import io.wirebook.render.LadderSvgWriter;
import io.wirebook.timeline.TimelineEvent;
import java.util.Map;

/** The figure kinds: the SVG ladder of a scenario and a frame's hex dump beside its field tree. */
final class FigureCells {
    CellOutput ladder(CellBlock cell, ScenarioEvidence e, String id, Page page) throws CellException {
        LadderSvgWriter.Options o = LadderSvgWriter.Options.DEFAULT;
        try {
            if (cell.args().containsKey("stream")) {
                o = o.stream(Integer.parseInt(cell.args().get("stream")));
            }
            if (cell.args().containsKey("frames")) {
                o = o.frames(cell.args().get("frames"));
            }
            if ("off".equals(cell.args().get("calls"))) {
                o = o.calls(false);
            }
        } catch (IllegalArgumentException ex) {
            throw new CellException(cell, ex.getMessage());
        }
        CellRenderer.selected(cell, e.timeline()); // fails with the cell's line when nothing is selected
        String svg = LadderSvgWriter.render(e.timeline(), o);
        page.shows(e.name(), id);
        String file = page.slug() + "-" + id.substring(id.lastIndexOf('-') + 1) + "-" + e.name() + ".svg";
        String caption = e.name() + ": the packets between client (left) and server (right), time flowing down,"
                + " with the socket calls on each lane";
        String html = "<figure class=\"wb-cell wb-ladder\" id=\"" + id + "\">" + svg + "<figcaption>" + Escape.html(caption)
                + "</figcaption></figure>";
        String md = "![" + Escape.markdownCell(caption) + "](" + file + ")\n";
        return new CellOutput(html, md, caption, svg, Map.of(file, svg));
    }

    /**
     * Bytes a hex cell shows unless it says {@code bytes=N} or {@code bytes=all}: the headers and the start
     * of the payload; a 64 KB loopback segment shown whole would be a figure of 4,000 lines (5 MB of HTML).
     */
    static final int HEX_BYTES = 512;

    CellOutput hex(CellBlock cell, ScenarioEvidence e, String id) throws CellException {
        long frame;
        try {
            frame = Long.parseLong(cell.arg("frame", ""));
        } catch (NumberFormatException ex) {
            throw new CellException(cell, "needs frame=N, a frame number of the scenario");
        }
        String bytes = cell.arg("bytes", Integer.toString(HEX_BYTES));
        int max;
        try {
            max = bytes.equals("all") ? Integer.MAX_VALUE : Integer.parseInt(bytes);
        } catch (NumberFormatException ex) {
            throw new CellException(cell, "bytes= takes a number or all, got " + bytes);
        }
        for (TimelineEvent.PacketSeen ps : e.timeline().packets()) {
            if (ps.frame().number == frame) {
                PacketResult r = ps.result();
                String text = HexDumpText.render(r, max);
                return CellOutput.of("<div class=\"wb-cell\" id=\"" + id + "\">" + HexDumpHtml.render(r, max) + "</div>",
                        Escape.markdownCode(text, "text"), Escape.plain(text));
            }
        }
        throw new CellException(cell, "the " + e.name() + " recording has no frame " + frame);
    }
}
