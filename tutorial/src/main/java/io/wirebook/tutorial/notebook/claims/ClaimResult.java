package io.wirebook.tutorial.notebook.claims;

import io.wirebook.calls.SocketCall;
import io.wirebook.render.TerminalText;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A claim checked against one scenario's evidence: the sentence, and each check with its values and
 * the frames and calls it looked at (for the site to link to them, and for the build to print them).
 *
 * @param where    {@code chapter.md:42}, the claim's first line
 * @param sentence what the reader is asked to believe
 * @param checks   the checks, in order
 */
public record ClaimResult(String where, String sentence, List<CheckResult> checks) {
    public ClaimResult {
        checks = List.copyOf(checks);
    }

    /** True when every check holds. */
    public boolean holds() {
        return checks.stream().allMatch(CheckResult::holds);
    }

    /** Every frame any check looked at, ascending. */
    public List<Long> frames() {
        Set<Long> out = new TreeSet<>();
        checks.forEach(c -> out.addAll(c.frames()));
        return new ArrayList<>(out);
    }

    /** Every call any check looked at. */
    public List<SocketCall> calls() {
        Set<SocketCall> out = new LinkedHashSet<>();
        checks.forEach(c -> out.addAll(c.calls()));
        return new ArrayList<>(out);
    }

    /**
     * The result as the build prints it: one line with the verdict and the sentence, then each check with
     * its verdict, reason, values and evidence. The report's own line ends are its only ones: every piece of
     * text in it (a value can quote a payload, a packet comment, a socket call's arguments) is escaped as an
     * error line is ({@link TerminalText}), so a line end or an escape sequence from a capture shows as
     * {@code \x0a} or {@code \x1b} inside its line and the layout stays as drawn.
     */
    public String report() {
        StringBuilder sb = new StringBuilder();
        sb.append(safe(where)).append(": claim ").append(holds() ? "holds" : "does not hold").append(": ").append(safe(sentence))
                .append('\n');
        for (CheckResult c : checks) {
            sb.append("  ").append(safe(c.where())).append(": ").append(c.holds() ? "holds" : "FAILS").append(": check: ")
                    .append(safe(c.text())).append('\n');
            if (!c.holds()) {
                sb.append("    reason: ").append(safe(c.reason())).append('\n');
            }
            for (String v : c.values()) {
                sb.append("    ").append(safe(v)).append('\n');
            }
            if (!c.frames().isEmpty()) {
                sb.append("    frames:");
                c.frames().forEach(f -> sb.append(" #").append(f));
                sb.append('\n');
            }
            for (SocketCall call : c.calls()) {
                sb.append("    call: ").append(safe(call)).append('\n');
            }
            c.notes().forEach(n -> sb.append("    note: ").append(safe(n)).append('\n'));
        }
        return sb.toString();
    }

    private static String safe(Object s) {
        return TerminalText.escape(String.valueOf(s));
    }
}
