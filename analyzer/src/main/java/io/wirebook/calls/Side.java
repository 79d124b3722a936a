package io.wirebook.calls;

import java.util.Locale;

/** Which end of a scenario made a socket call: the one that connects, or the one that listens. */
public enum Side {
    CLIENT,
    SERVER;

    /** The lowercase name used in JSON Lines ({@code "client"}, {@code "server"}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #wireName()}; throws {@link IllegalArgumentException} for anything else. */
    public static Side fromWireName(String s) {
        return switch (s) {
            case "client" -> CLIENT;
            case "server" -> SERVER;
            default -> throw new IllegalArgumentException("side must be \"client\" or \"server\", got \"" + s + "\"");
        };
    }
}
