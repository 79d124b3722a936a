package io.wirebook.tutorial.notebook.claims;

/** What a selector picks from the evidence: {@code packet[...]}, {@code call[...]}, and so on. */
enum ItemKind {
    PACKET("packet", "packet", "packets"),
    CALL("call", "call", "calls"),
    STATE("state", "state change", "state changes"),
    NOTE("note", "note", "notes"),
    KERNEL("kernel", "kernel value", "kernel values");

    /** The selector's name in the language. */
    final String word;
    final String noun;
    final String plural;

    ItemKind(String word, String noun, String plural) {
        this.word = word;
        this.noun = noun;
        this.plural = plural;
    }

    /** "1 packet", "3 packets". */
    String count(int n) {
        return n + " " + (n == 1 ? noun : plural);
    }

    static ItemKind byWord(String w) {
        for (ItemKind k : values()) {
            if (k.word.equals(w)) {
                return k;
            }
        }
        return null;
    }
}
