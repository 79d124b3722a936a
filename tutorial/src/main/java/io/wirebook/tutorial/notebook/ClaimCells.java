package io.wirebook.tutorial.notebook;

import io.wirebook.tutorial.notebook.claims.CheckResult;
import io.wirebook.tutorial.notebook.claims.Claim;
import io.wirebook.tutorial.notebook.claims.ClaimResult;
import io.wirebook.tutorial.notebook.claims.ClaimSyntaxException;
import io.wirebook.tutorial.notebook.claims.Evidence;
import java.util.HashMap;
import java.util.Map;

/**
 * Claim cells: one sentence and the checks that prove it on the scenario's evidence. A line
 * {@code seed: ...} before the sentence says what the seed text claims instead; such a claim is listed on
 * the page of the seed's contradictions. The outcome goes to the {@link ClaimLedger}, which fails the
 * build when a claim does not hold.
 */
final class ClaimCells {
    private static final String SEED = "seed:";
    private final KernelValues kernel;
    private final ClaimLedger ledger;

    ClaimCells(KernelValues kernel, ClaimLedger ledger) {
        this.kernel = kernel;
        this.ledger = ledger;
    }

    CellOutput claim(CellBlock cell, ScenarioEvidence e, String id, Page page) throws CellException {
        String seedSays = null;
        StringBuilder body = new StringBuilder();
        for (String line : cell.body().split("\\R", -1)) {
            if (line.strip().startsWith(SEED)) {
                seedSays = line.strip().substring(SEED.length()).strip();
                body.append('\n'); // keeps the line numbers of what follows
            } else {
                body.append(line).append('\n');
            }
        }
        Claim claim;
        try {
            claim = Claim.parse(body.toString(), nextLine(cell.where()));
        } catch (ClaimSyntaxException ex) {
            throw new CellException(cell, ex.getMessage());
        }
        Map<String, String> values = new HashMap<>();
        for (String k : claim.kernelKeys()) {
            kernel.get(k).ifPresent(v -> values.put(k, v));
        }
        ClaimResult r = claim.check(new Evidence(e.timeline(), values));
        ledger.add(new ClaimLedger.Entry(cell.where(), page.slug(), id, claim.sentence(), seedSays, r.holds(), r.report()));
        String figure = page.figureOf(e.name());
        StringBuilder html = new StringBuilder("<aside class=\"wb-claim").append(r.holds() ? "" : " wb-failed")
                .append("\" id=\"").append(id).append("\"><p><span class=\"wb-mark\" aria-label=\"")
                .append(r.holds() ? "checked, holds" : "does not hold").append("\">").append(r.holds() ? "\u2713" : "\u2717")
                .append("</span> ").append(Escape.html(claim.sentence())).append("</p>");
        if (seedSays != null) {
            html.append("<p class=\"wb-seed\">The seed text says instead: <q>").append(Escape.html(seedSays)).append("</q></p>");
        }
        html.append("<details><summary>How this was checked on the ").append(Escape.html(e.name()))
                .append(" recording</summary><pre>");
        StringBuilder text = new StringBuilder();
        for (CheckResult c : r.checks()) {
            text.append(c.holds() ? "\u2713 " : "\u2717 ").append(c.text().strip()).append('\n');
            for (String v : c.values()) {
                text.append("    ").append(v).append('\n');
            }
        }
        html.append(Escape.html(text.toString())).append("</pre>");
        if (!r.frames().isEmpty()) {
            html.append("<p>Evidence: frames");
            for (long f : r.frames()) {
                html.append(' ').append(figure == null ? "#" + f : "<a href=\"#" + figure + "\">#" + f + "</a>");
            }
            html.append(" of the ").append(figure == null ? Escape.html(e.name()) + " capture"
                    : "<a href=\"#" + figure + "\">" + Escape.html(e.name()) + " figure</a>").append(".</p>");
        }
        html.append("</details></aside>");
        String mark = r.holds() ? "\u2713" : "\u2717";
        StringBuilder md = new StringBuilder("> ").append(mark).append(" **").append(Escape.markdownCell(claim.sentence())).append("**\n");
        if (seedSays != null) {
            md.append(">\n> The seed text says instead: ").append(Escape.markdownCell(seedSays)).append('\n');
        }
        md.append(">\n> Checked on the `").append(e.name()).append("` recording:\n");
        for (String l : text.toString().split("\n")) {
            md.append(">     ").append(Escape.plain(l)).append('\n');
        }
        return CellOutput.of(html.toString(), md.toString(), mark + " " + claim.sentence() + "\n" + text);
    }

    /** The claim's body starts on the line after its fence. */
    private static String nextLine(String where) {
        int colon = where.lastIndexOf(':');
        try {
            return where.substring(0, colon + 1) + (Integer.parseInt(where.substring(colon + 1)) + 1);
        } catch (NumberFormatException | StringIndexOutOfBoundsException ex) {
            return where;
        }
    }
}
