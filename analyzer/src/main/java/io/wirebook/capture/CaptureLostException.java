package io.wirebook.capture;

import java.io.IOException;

/**
 * A live capture that was running could not go on: the interface disappeared (its link was deleted, a USB
 * adapter pulled out), went down, or libpcap reported another error while reading. Everything handed over
 * before it is good; the message is libpcap's words after the interface's name, e.g.
 * {@code veth0: the interface disappeared}.
 */
public final class CaptureLostException extends IOException {
    private final boolean interfaceGone;

    CaptureLostException(String message, boolean interfaceGone, Throwable cause) {
        super(message, cause);
        this.interfaceGone = interfaceGone;
    }

    /** True when the interface itself went away or down (not another libpcap error). */
    public boolean interfaceGone() {
        return interfaceGone;
    }
}
