package io.wirebook.capture;

import java.io.IOException;

/**
 * The capture file is damaged: names the file, the record (1-based frame or block number) and the
 * absolute byte offset where the fault was found, in one line.
 */
public final class CaptureFormatException extends IOException {
    private final String file;
    private final long record;
    private final long byteOffset;
    private final String reason;

    public CaptureFormatException(String file, long record, long byteOffset, String reason) {
        super(file + ": record " + record + " at byte offset " + byteOffset + ": " + reason);
        this.file = file;
        this.record = record;
        this.byteOffset = byteOffset;
        this.reason = reason;
    }

    public String file() { return file; }
    public long record() { return record; }
    public long byteOffset() { return byteOffset; }
    public String reason() { return reason; }
}
