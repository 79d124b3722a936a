package io.wirebook.tutorial.notebook.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A claim cell of a chapter: the sentence a reader should believe, and the checks that must be true on
 * the scenario's recording for the book to say it.
 *
 * <pre>
 * The SYN/ACK leaves before accept() returns, and the kernel sends it.
 * check: first(packet[flags=S.]).ts &lt; first(call[name=accept]).end
 * check: first(packet[flags=S.]).cause == "kernel"
 * </pre>
 *
 * <p>The body is the sentence (one or more lines) followed by one or more lines that start with
 * {@code check:}, each one expression that must be true; blank lines are ignored. {@code tutorial/claims.md}
 * describes the language. A claim is parsed once ({@link #parse}) and checked against a scenario's
 * {@link Evidence} ({@link #check}). Parsing throws only {@link ClaimSyntaxException}, whatever the input;
 * checking never throws: a check that refers to something absent fails with the reason.
 */
public final class Claim {
    private static final Pattern WHERE = Pattern.compile("(.*):(\\d{1,9})");
    private static final String CHECK = "check:";

    private record Check(String where, String line, Expr expr) {
        String text() {
            return line.substring(expr.start(), expr.end()).strip();
        }
    }

    private final String where;
    private final String sentence;
    private final List<Check> checks;

    private Claim(String where, String sentence, List<Check> checks) {
        this.where = where;
        this.sentence = sentence;
        this.checks = checks;
    }

    /**
     * Parses a claim cell.
     *
     * @param body  the cell: the sentence, then {@code check:} lines
     * @param where the cell's first line, {@code chapter.md:42}, for messages; without a line number the
     *              body's own lines are counted from 1
     * @throws ClaimSyntaxException naming the line and column and what was expected there
     */
    public static Claim parse(String body, String where) throws ClaimSyntaxException {
        String file = where == null || where.isBlank() ? "claim" : where;
        int first = 1;
        Matcher m = WHERE.matcher(file);
        if (m.matches()) {
            file = m.group(1);
            first = Integer.parseInt(m.group(2));
        }
        String[] lines = (body == null ? "" : body).split("\\R", -1);
        StringBuilder sentence = new StringBuilder();
        List<Check> checks = new ArrayList<>();
        int lastLine = first;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int n = first + i;
            int indent = indent(line);
            if (indent == line.length()) {
                continue;
            }
            lastLine = n;
            if (line.startsWith(CHECK, indent)) {
                if (sentence.length() == 0) {
                    throw new ClaimSyntaxException(file, n, indent + 1,
                            "expected the sentence a reader should believe before the first 'check:'");
                }
                try {
                    checks.add(new Check(file + ":" + n, line, Parser.parseCheck(line, indent + CHECK.length())));
                } catch (ParseError e) {
                    throw new ClaimSyntaxException(file, n, e.offset + 1, e.getMessage());
                }
            } else if (!checks.isEmpty()) {
                throw new ClaimSyntaxException(file, n, indent + 1,
                        "expected 'check:' at the start of the line: the sentence comes before the checks");
            } else {
                sentence.append(sentence.length() == 0 ? "" : " ").append(line.strip());
            }
        }
        if (sentence.length() == 0) {
            throw new ClaimSyntaxException(file, first, 1, "expected the sentence a reader should believe, then 'check:' lines");
        }
        if (checks.isEmpty()) {
            throw new ClaimSyntaxException(file, lastLine, 1, "expected at least one 'check:' line after the sentence");
        }
        return new Claim(file + ":" + first, sentence.toString(), List.copyOf(checks));
    }

    private static int indent(String line) {
        int i = 0;
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Where the claim starts, {@code chapter.md:42}. */
    public String where() {
        return where;
    }

    /** The sentence, its lines joined by single spaces. */
    public String sentence() {
        return sentence;
    }

    /** The text of each check, as written after {@code check:}. */
    public List<String> checks() {
        return checks.stream().map(Check::text).toList();
    }

    /**
     * The kernel values the checks name exactly ({@code kernel[key=net.ipv4.tcp_fin_timeout]}), for the
     * builder to read on its machine ({@link Evidence#thisMachine}).
     */
    public Set<String> kernelKeys() {
        Set<String> keys = new TreeSet<>();
        checks.forEach(c -> kernelKeys(c.expr(), keys));
        return keys;
    }

    private static void kernelKeys(Expr e, Set<String> out) {
        if (e instanceof Expr.Select s && s.kind() == ItemKind.KERNEL) {
            for (Filter f : s.filters()) {
                if (f.how() == Filter.How.FIELD && f.field().name().equals("key") && f.op() == Token.Sym.EQ) {
                    f.values().stream().filter(v -> v instanceof Value.Str t && t.text().indexOf('*') < 0)
                            .forEach(v -> out.add(((Value.Str) v).text()));
                }
            }
        } else if (e instanceof Expr.Field f) {
            kernelKeys(f.target(), out);
        } else if (e instanceof Expr.Func f) {
            f.args().forEach(a -> kernelKeys(a, out));
        } else if (e instanceof Expr.Neg n) {
            kernelKeys(n.operand(), out);
        } else if (e instanceof Expr.Not n) {
            kernelKeys(n.operand(), out);
        } else if (e instanceof Expr.Arith a) {
            kernelKeys(a.left(), out);
            kernelKeys(a.right(), out);
        } else if (e instanceof Expr.Logic l) {
            kernelKeys(l.left(), out);
            kernelKeys(l.right(), out);
        } else if (e instanceof Expr.Compare c) {
            kernelKeys(c.left(), out);
            kernelKeys(c.right(), out);
            if (c.tolerance() != null) {
                kernelKeys(c.tolerance(), out);
            }
        }
    }

    /** Runs every check against the evidence; never throws. */
    public ClaimResult check(Evidence evidence) {
        Index index = new Index(evidence == null ? new Evidence(null, null) : evidence);
        List<CheckResult> results = new ArrayList<>();
        for (Check c : checks) {
            Evaluator ev = new Evaluator(index, c.line());
            boolean holds = false;
            String reason;
            try {
                holds = ev.holds(c.expr());
                reason = holds ? null : "it is false";
            } catch (EvalFailure f) {
                reason = f.getMessage();
            } catch (RuntimeException | StackOverflowError e) {
                // A bug of the checker must fail the claim with a message, not the whole site build.
                reason = "internal error of the claim checker: " + e;
            }
            results.add(new CheckResult(c.where(), c.text(), holds, ev.values, reason, new ArrayList<>(ev.frames),
                    new ArrayList<>(ev.calls), new ArrayList<>(ev.notes)));
        }
        return new ClaimResult(where, sentence, results);
    }

    @Override
    public String toString() {
        return where + ": " + sentence;
    }
}
