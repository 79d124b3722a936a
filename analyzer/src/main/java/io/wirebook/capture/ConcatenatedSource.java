package io.wirebook.capture;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Several capture files read one after the other as one stream of frames, numbered on from one file to
 * the next: what {@code mergecap -a} would write and then be read. Every file is opened first, so a
 * missing or unreadable one is reported before any output; each is read to its end before the next. A
 * damaged file stops the whole stream at its fault, which names that file, as when it is read alone.
 */
public final class ConcatenatedSource implements FrameSource {
    private final List<FrameSource> sources;
    private int current;
    private long before;
    private long last;
    /** Each file's size (0 when not a regular file), and the sum of those already read. */
    private final long[] sizes;
    private long bytesBefore;

    private ConcatenatedSource(List<FrameSource> sources, long[] sizes) {
        this.sources = sources;
        this.sizes = sizes;
    }

    /**
     * Opens every file ({@link CaptureFiles#open}); standard input ({@code -}) only as the one input.
     *
     * @throws IOException as {@link CaptureFiles#open} for the first that cannot be opened (those already
     *     opened are closed); {@code IllegalArgumentException} for {@code -} among several
     */
    public static FrameSource open(List<String> paths) throws IOException {
        if (paths.size() == 1) {
            return CaptureFiles.open(paths.get(0));
        }
        if (paths.contains("-")) {
            throw new IllegalArgumentException("standard input (-) can only be read alone, not with other files");
        }
        List<FrameSource> opened = new ArrayList<>(paths.size());
        try {
            for (String p : paths) {
                opened.add(CaptureFiles.open(p));
            }
        } catch (IOException | RuntimeException e) {
            for (FrameSource s : opened) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // the open failure is the one to report
                }
            }
            throw e;
        }
        long[] sizes = new long[paths.size()];
        for (int i = 0; i < sizes.length; i++) {
            try {
                java.nio.file.Path p = java.nio.file.Path.of(paths.get(i));
                sizes[i] = java.nio.file.Files.isRegularFile(p) ? java.nio.file.Files.size(p) : 0;
            } catch (IOException | RuntimeException e) {
                sizes[i] = 0; // only the progress line uses it
            }
        }
        return new ConcatenatedSource(opened, sizes);
    }

    @Override
    public boolean next(Frame frame) throws IOException {
        while (current < sources.size()) {
            if (sources.get(current).next(frame)) {
                last = frame.number;
                frame.number += before;
                return true;
            }
            before += last; // the file's frame count (its numbers may have gaps only within it, as tshark's)
            last = 0;
            sources.get(current).close();
            bytesBefore += sizes[current];
            current++;
        }
        return false;
    }

    @Override
    public String name() {
        return sources.get(Math.min(current, sources.size() - 1)).name();
    }

    @Override
    public long bytesBefore() {
        return bytesBefore;
    }

    @Override
    public String format() {
        return sources.get(Math.min(current, sources.size() - 1)).format();
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (int i = current; i < sources.size(); i++) {
            try {
                sources.get(i).close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        current = sources.size();
        if (first != null) {
            throw first;
        }
    }
}
