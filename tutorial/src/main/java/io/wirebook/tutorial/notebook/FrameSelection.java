package io.wirebook.tutorial.notebook;

import io.wirebook.tutorial.notebook.claims.ClaimSyntaxException;
import io.wirebook.tutorial.notebook.claims.Evidence;
import io.wirebook.tutorial.notebook.claims.FrameExpression;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The frames a figure cell shows, chosen by what they are: a {@code ladder} or {@code packets} cell's body
 * may say {@code from: EXPR} and {@code to: EXPR}, a {@code hex} cell's {@code frame: EXPR}, each EXPR an
 * expression of the claim language that names a packet or a frame number:
 *
 * <pre>
 * ```wirebook ladder scenario=loss
 * from: nth(packet[side=client, len=100], 1).frame - 2
 * to: nth(packet[side=client, len=100], 3)
 * ```
 * </pre>
 *
 * A live capture numbers its frames differently from one run to the next (a retry, a delayed ACK), so a
 * figure that says {@code frames=266-272} shows other packets on a live build; the expression finds the
 * same packets on every capture that has them. The result is the cell with {@code frames=A-B} (or
 * {@code frame=N}) in its arguments, as if the chapter had written the numbers.
 */
final class FrameSelection {
    private FrameSelection() {}

    static CellBlock resolve(CellBlock cell, ScenarioEvidence e) throws CellException {
        boolean hex = cell.kind().equals("hex");
        if (!hex && !cell.kind().equals("ladder") && !cell.kind().equals("packets") || cell.body().isBlank()) {
            return cell;
        }
        String file = cell.where();
        int first = 1;
        int colon = file.lastIndexOf(':');
        if (colon > 0) {
            try {
                first = Integer.parseInt(file.substring(colon + 1)) + 1; // the body starts after the fence
                file = file.substring(0, colon);
            } catch (NumberFormatException ex) {
                first = 1;
            }
        }
        Map<String, FrameExpression> given = new LinkedHashMap<>();
        String[] lines = cell.body().split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            int c = line.indexOf(':');
            String key = c < 0 ? "" : line.substring(0, c).strip();
            boolean known = hex ? key.equals("frame") : key.equals("from") || key.equals("to");
            if (!known || given.containsKey(key)) {
                throw new CellException(cell, (given.containsKey(key) ? "says " + key + ": twice" : "expected "
                        + (hex ? "'frame: EXPR'" : "'from: EXPR' or 'to: EXPR'") + " in its body, found \"" + line.strip() + "\""));
            }
            try {
                given.put(key, FrameExpression.parse(line, c + 1, file + ":" + (first + i)));
            } catch (ClaimSyntaxException ex) {
                throw new CellException(cell, ex.getMessage());
            }
        }
        if (cell.args().containsKey(hex ? "frame" : "frames")) {
            throw new CellException(cell, "gives " + (hex ? "frame=" : "frames=") + " and an expression in its body: one or the other");
        }
        Evidence ev = new Evidence(e.timeline(), Map.of());
        Map<String, String> args = new LinkedHashMap<>(cell.args());
        try {
            if (hex) {
                args.put("frame", Long.toString(given.get("frame").frame(ev)));
            } else {
                long from = given.containsKey("from") ? given.get("from").frame(ev) : 1;
                long to = given.containsKey("to") ? given.get("to").frame(ev) : lastFrame(e);
                if (from < 1 || to < from) {
                    throw new CellException(cell, "selects frames " + from + " to " + to + " on the " + e.name()
                            + " recording: from must be at least 1 and no later than to");
                }
                args.put("frames", from + "-" + to);
            }
        } catch (IllegalArgumentException ex) {
            throw new CellException(cell, ex.getMessage());
        }
        return CellBlock.of(cell.kind(), args, cell.body(), cell.where());
    }

    private static long lastFrame(ScenarioEvidence e) {
        var ps = e.timeline().packets();
        return ps.isEmpty() ? 1 : ps.get(ps.size() - 1).frame().number;
    }
}
