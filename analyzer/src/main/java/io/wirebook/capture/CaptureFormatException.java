package io.wirebook.capture;

import java.io.IOException;

/**
 * The capture file is damaged: names the file, the record (1-based frame or block number) and the
 * absolute byte offset where the fault was found, in one line.
 */
public final class CaptureFormatException extends IOException {
    private final String file;
    private final String recordKind;
    private final long record;
    private final long byteOffset;
    private final String reason;

    public CaptureFormatException(String file, long record, long byteOffset, String reason) {
        this(file, "record", record, byteOffset, reason);
    }

    /**
     * As {@link #CaptureFormatException(String, long, long, String)}, but names what {@code record} counts:
     * pcapng readers say {@code "block"} because their faults are found in blocks, and not every block is a
     * frame. Message: {@code "<file>: <recordKind> <record> at byte offset <byteOffset>: <reason>"}.
     */
    public CaptureFormatException(String file, String recordKind, long record, long byteOffset, String reason) {
        super(file + ": " + recordKind + " " + record + " at byte offset " + byteOffset + ": " + reason);
        this.file = file;
        this.recordKind = recordKind;
        this.record = record;
        this.byteOffset = byteOffset;
        this.reason = reason;
    }

    public String file() { return file; }
    /** What {@link #record()} counts: "record" (1-based frame number, 0 for the file header) or "block". */
    public String recordKind() { return recordKind; }
    public long record() { return record; }
    public long byteOffset() { return byteOffset; }
    public String reason() { return reason; }
}
