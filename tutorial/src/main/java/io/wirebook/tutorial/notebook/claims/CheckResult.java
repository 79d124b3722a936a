package io.wirebook.tutorial.notebook.claims;

import io.wirebook.calls.Note;
import io.wirebook.calls.SocketCall;
import java.util.List;

/**
 * One {@code check:} line run against the evidence.
 *
 * @param where  {@code chapter.md:43}, the check's line
 * @param text   the expression as written
 * @param holds  whether it is true on the evidence
 * @param values what it compared, one line per comparison: {@code first(packet[flags=S.]).ts < ...: left
 *               1795595470.287871000 s, right 1795595470.286276000 s}
 * @param reason null when it holds; {@code "it is false"}, or why it could not be judged ({@code no call
 *               matches call[name=accept]})
 * @param frames the frame numbers of the packets (and of the state changes) it looked at, ascending
 * @param calls  the calls it looked at, in the order it looked
 * @param notes  the notes it looked at
 */
public record CheckResult(String where, String text, boolean holds, List<String> values, String reason,
        List<Long> frames, List<SocketCall> calls, List<Note> notes) {
    public CheckResult {
        values = List.copyOf(values);
        frames = List.copyOf(frames);
        calls = List.copyOf(calls);
        notes = List.copyOf(notes);
    }
}
