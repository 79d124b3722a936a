package io.wirebook.pipeline;

import io.wirebook.capture.Frame;
import io.wirebook.capture.FrameSource;
import io.wirebook.decode.Packet;
import io.wirebook.decode.PacketDecoder;
import io.wirebook.text.Utf8Line;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads and decodes a capture on a thread of its own, one batch of frames ahead of the thread that tracks
 * and analyses them: the second core does the reading (system calls, record headers, timestamps), the
 * copy of each frame's bytes into the batch, and the decoding, which are about a third of {@code
 * wirebook conversations}' work on a large file. Given a pipeline ({@link #start(FrameSource,
 * PacketPipeline)}), it tracks and analyses each packet too, and the caller's thread only writes them
 * out: {@code wirebook read}, whose text or JSON is most of its work.
 *
 * <pre>{@code
 * try (DecodingReader in = DecodingReader.start(source)) {
 *     for (Packet p; (p = in.next()) != null; ) {
 *         PacketResult r = pipeline.next(p);
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>Each packet (and its {@link Packet#frame}) is valid until the next call to {@link #next}, as with a
 * plain {@link FrameSource}: the batch it lives in is handed back to the reader thread then. The consumer
 * sees exactly what it would see reading the source itself: the same frames in the same order, then the
 * source's clean end, or its failure (the same exception object: a damaged capture's
 * {@link io.wirebook.capture.CaptureFormatException}, an I/O error, even an {@link OutOfMemoryError})
 * after every frame that came before it.
 *
 * <p>The batches are few and fixed ({@value #BATCHES} of up to {@value #FRAMES} frames and
 * {@value #BYTES} bytes, with their decoded packets: about 2 MB in all), so memory does not grow with the
 * file; a frame larger than a batch's bytes gets an array of its own. Only for regular files: a pipe or
 * standard input would hold its packets back until a batch filled, where a user of {@code tcpdump -w - |
 * wirebook read -} expects each line as its packet comes.
 */
public final class DecodingReader implements Closeable {
    static final int BATCHES = 4;
    static final int FRAMES = 512;
    /** A batch's bytes: a file smaller than this gains nothing from being read ahead. */
    public static final int BYTES = 256 * 1024;

    /** Frames, their bytes and their decoded packets, filled by the reader thread. */
    private static final class Batch {
        final Frame[] frames;
        final Packet[] packets;
        /** With a pipeline: each frame's result, tracked and analysed on the reader thread too. */
        final PacketResult[] results;
        /** For each frame: its place in the whole input (the source's bytesBefore plus the frame's offset). */
        final long[] positions;
        final byte[] bytes;
        int count;
        int used;
        /**
         * Who renders this batch's packets, with a renderer: {@link #UNCLAIMED} until the reader thread or the
         * consumer claims it; the reader's lines are in {@link #lines}, packet i's ending at {@link #ends}[i].
         */
        final java.util.concurrent.atomic.AtomicInteger claim = new java.util.concurrent.atomic.AtomicInteger();
        Utf8Line lines;
        int[] ends;
        /** Counted in {@link #toRender} when handed over (the reader's write, read by the consumer after the queue). */
        boolean counted;
        /** Set on the last batch: the source ended cleanly (null) or failed with this. */
        boolean last;
        Throwable failure;

        Batch(PacketPipeline pipeline) {
            frames = new Frame[FRAMES];
            packets = new Packet[FRAMES];
            results = pipeline == null ? null : new PacketResult[FRAMES];
            positions = new long[FRAMES];
            bytes = new byte[BYTES];
            // The frames, packets and results are made as add() first fills each slot: 2,048 packets made
            // up front were a tenth of a 10-packet file's read.
        }

        /** An empty batch that only carries a failure. */
        Batch(int frames) {
            this.frames = new Frame[frames];
            this.packets = new Packet[frames];
            this.results = new PacketResult[frames];
            this.positions = new long[frames];
            this.bytes = new byte[0];
        }
    }

    /** Batch claims: nobody yet; the reader thread renders it; the reader has rendered it; the consumer renders it. */
    private static final int UNCLAIMED = 0, READER_RENDERING = 1, READER_RENDERED = 2, CONSUMER = 3;

    private final FrameSource source;
    /** Null: decode only; else the pipeline that tracks and analyses each packet on the reader thread too. */
    private final PacketPipeline pipeline;
    /** Null, or the reader thread's own renderer, for the batches it renders when the consumer falls behind. */
    private final ResultRenderer renderer;
    /** Batches handed over for the consumer to render that it has not taken yet (with a renderer). */
    private final java.util.concurrent.atomic.AtomicInteger toRender = new java.util.concurrent.atomic.AtomicInteger();
    /** Render every batch it can claim, not only when the consumer is behind (tests: the same bytes either way). */
    private final boolean everyBatch;
    private final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(BATCHES);
    private final BlockingQueue<Batch> free = new ArrayBlockingQueue<>(BATCHES);
    private final Thread thread;
    private volatile boolean stopping;
    /** What ended the reader thread outside a batch's read, and the batch it was filling then, if any. */
    private volatile Throwable fatal;
    private volatile Batch orphan;
    private Batch current;
    private int index;
    private boolean ended;

    private DecodingReader(FrameSource source, PacketPipeline pipeline, ResultRenderer renderer, boolean everyBatch) {
        this.everyBatch = everyBatch;
        this.source = source;
        this.pipeline = pipeline;
        this.renderer = renderer;
        for (int i = 0; i < BATCHES; i++) {
            free.add(new Batch(pipeline));
        }
        thread = new Thread(this::run, "wirebook-reader");
        thread.setDaemon(true); // a reader blocked in the kernel never keeps the JVM from exiting
        // Never the JVM's stack trace on standard error: whatever ends the thread reaches the consumer.
        thread.setUncaughtExceptionHandler((t, e) -> fatal = e);
    }

    /** Starts reading {@code source} ahead; the caller closes the source after {@link #close()}. */
    public static DecodingReader start(FrameSource source) {
        DecodingReader r = new DecodingReader(source, null, null, false);
        r.thread.start();
        return r;
    }

    /**
     * Starts reading {@code source} ahead and running {@code pipeline} on each packet on the reader thread
     * too, so that the caller's thread only writes the results ({@link #result()}). From now on the pipeline
     * belongs to that thread until {@link #close()} or the end of the input; only a pipeline whose results
     * say all there is (no summaries handed to consumers while it runs) may be given.
     */
    public static DecodingReader start(FrameSource source, PacketPipeline pipeline) {
        return start(source, pipeline, null);
    }

    /**
     * As {@link #start(FrameSource, PacketPipeline)}, and when the consumer falls behind (two batches or more
     * handed over that it has still to render itself), the reader thread renders the batch it hands over with {@code renderer}
     * (its own: used on that thread only) instead of reading on, so that both cores write output when
     * writing is the larger part of the work ({@code read --format jsonl}). The consumer takes each packet's
     * bytes from {@link #rendered()} then, and renders the others itself; a batch is rendered by one thread
     * or the other, never both, and the bytes are the same either way.
     */
    public static DecodingReader start(FrameSource source, PacketPipeline pipeline, ResultRenderer renderer) {
        return start(source, pipeline, renderer, false);
    }

    /**
     * As {@link #start(FrameSource, PacketPipeline, ResultRenderer)}; {@code everyBatch}: the reader thread
     * renders each batch it can claim before the consumer does, behind or not (tests, which compare the bytes).
     */
    public static DecodingReader start(FrameSource source, PacketPipeline pipeline, ResultRenderer renderer,
            boolean everyBatch) {
        DecodingReader r = new DecodingReader(source, java.util.Objects.requireNonNull(pipeline), renderer, everyBatch);
        r.thread.start();
        return r;
    }

    /** The reader thread: fill a free batch, hand it over, until the source ends or fails or we stop. */
    private void run() {
        Batch b = null; // the batch being filled, not yet handed over
        try {
            PacketDecoder decoder = new PacketDecoder();
            Frame read = new Frame();
            boolean carried = false; // read holds a frame that did not fit the last batch's bytes
            while (!stopping) {
                b = free.take();
                b.count = 0;
                b.used = 0;
                b.last = false;
                b.failure = null;
                b.claim.set(UNCLAIMED);
                b.counted = false;
                try {
                    if (carried) {
                        carried = false;
                        add(b, read, decoder); // still valid: the source was not asked for another since
                    }
                    while (b.count < FRAMES) {
                        if (!source.next(read)) {
                            b.last = true;
                            break;
                        }
                        if (read.capturedLength > BYTES - b.used && b.count > 0 && read.capturedLength <= BYTES) {
                            carried = true; // no room left for its bytes: it opens the next batch
                            break;
                        }
                        add(b, read, decoder);
                    }
                } catch (Throwable t) { // handed to the consumer in order, after every frame before it
                    b.last = true;
                    b.failure = t;
                }
                Batch filled = b;
                // Claimed before the consumer can see it, when the consumer has two batches or more of its own
                // to render first (batches this thread rendered take it no time): it will find this one
                // rendered, or wait the little that is left.
                boolean renderIt = renderer != null && (everyBatch || toRender.get() >= 2);
                if (renderIt) {
                    filled.claim.set(READER_RENDERING);
                } else if (renderer != null) {
                    filled.counted = true;
                    toRender.incrementAndGet();
                }
                full.put(filled); // never waits: the queue holds every batch there is
                b = null;
                if (renderIt) {
                    render(filled);
                }
                if (filled.last) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // close() before the end: nobody reads the rest
        } catch (Throwable t) {
            // Anything outside the read itself: an OutOfMemoryError in the queue's lock, say, when the
            // consumer's connections have filled the heap. The consumer finds it when the thread is gone.
            if (b != null) {
                b.last = true;
                b.failure = t;
                orphan = b;
            }
            fatal = t;
        }
    }

    /**
     * Renders a batch the consumer has not reached, then hands it over. A renderer that fails (a bug, or
     * memory running out) leaves the batch to the consumer, whose own rendering meets the same failure and
     * reports it where it belongs; this thread reads on.
     */
    private void render(Batch b) {
        boolean done = false;
        try {
            if (b.lines == null) {
                b.lines = new Utf8Line(64 * 1024);
                b.ends = new int[FRAMES];
            }
            Utf8Line out = b.lines;
            out.setLength(0);
            for (int i = 0; i < b.count; i++) {
                renderer.render(b.results[i], out);
                b.ends[i] = out.length();
            }
            done = true;
        } catch (RuntimeException | Error e) {
            b.lines = null; // whatever it held goes, and the memory with it
        } finally {
            synchronized (b) {
                b.claim.set(done ? READER_RENDERED : CONSUMER);
                b.notifyAll();
            }
        }
    }

    /** The consumer's side of a batch's claim: its own to render, or wait for the reader's lines. */
    private void claim(Batch b) throws InterruptedException {
        if (renderer == null) {
            return;
        }
        if (b.claim.compareAndSet(UNCLAIMED, CONSUMER)) {
            if (b.counted) {
                b.counted = false;
                toRender.decrementAndGet();
            }
            return;
        }
        synchronized (b) {
            while (b.claim.get() == READER_RENDERING) {
                b.wait();
            }
        }
    }

    private void add(Batch b, Frame f, PacketDecoder decoder) {
        int i = b.count;
        Frame slot = b.frames[i];
        if (slot == null) {
            slot = b.frames[i] = new Frame();
            b.packets[i] = new Packet();
            if (pipeline != null) {
                b.results[i] = pipeline.newResult();
            }
        }
        slot.number = f.number;
        slot.epochSeconds = f.epochSeconds;
        slot.nanos = f.nanos;
        slot.hasTimestamp = f.hasTimestamp;
        slot.tsDigits = f.tsDigits;
        slot.capturedLength = f.capturedLength;
        slot.originalLength = f.originalLength;
        slot.linkType = f.linkType;
        slot.interfaceId = f.interfaceId;
        slot.fileOffset = f.fileOffset;
        slot.comments = f.comments == null ? null : List.copyOf(f.comments);
        int n = f.capturedLength;
        if (n <= BYTES - b.used) {
            System.arraycopy(f.data, f.offset, b.bytes, b.used, n);
            slot.data = b.bytes;
            slot.offset = b.used;
            b.used += n;
        } else {
            slot.data = java.util.Arrays.copyOfRange(f.data, f.offset, f.offset + n); // larger than a batch
            slot.offset = 0;
        }
        b.positions[i] = source.bytesBefore() + f.fileOffset;
        decoder.decode(slot, b.packets[i]);
        if (pipeline != null) {
            pipeline.next(b.packets[i], b.results[i]);
        }
        b.count = i + 1; // counted once decoded: a decoder failure is handed over without a half-made packet
    }

    /**
     * The next frame, decoded, or null at the source's clean end.
     *
     * @throws IOException the source's own failure, after every frame before it
     */
    public Packet next() throws IOException {
        if (current != null && index < current.count) {
            return current.packets[index++];
        }
        if (ended) {
            return end();
        }
        if (current != null) {
            free.add(current); // the consumer is done with its last packet: the reader may refill it
            current = null;
        }
        Batch b;
        try {
            b = take();
            claim(b);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for the reader thread");
        }
        current = b;
        index = 0;
        if (b.last) {
            ended = true;
        }
        return next();
    }

    /** The next full batch; if the reader thread died outside a read, the batch it was filling or its failure. */
    private Batch take() throws InterruptedException {
        while (true) {
            Batch b = full.poll(20, TimeUnit.MILLISECONDS);
            if (b != null) {
                return b;
            }
            if (!thread.isAlive()) {
                b = full.poll(); // handed over just before it ended
                if (b != null) {
                    return b;
                }
                b = orphan;
                if (b != null) {
                    orphan = null;
                    return b;
                }
                Batch failed = new Batch(0);
                failed.last = true;
                failed.failure = fatal != null ? fatal : new IllegalStateException("the reader thread ended early");
                return failed;
            }
        }
    }

    private Packet end() throws IOException {
        Throwable t = current.failure;
        if (t == null) {
            return null;
        }
        current.failure = null;
        if (t instanceof IOException e) {
            throw e;
        }
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IOException(t);
    }

    /**
     * The result of the packet {@link #next} gave last, tracked and analysed on the reader thread (only when
     * started with a pipeline); valid as that packet is.
     */
    public PacketResult result() {
        return current.results[index - 1];
    }

    /**
     * The bytes the reader thread rendered for the packet {@link #next} gave last, between
     * {@link #renderedFrom()} and {@link #renderedTo()}, or null when the consumer renders it itself (always
     * without a renderer); valid as that packet is.
     */
    public Utf8Line rendered() {
        return current.claim.get() == READER_RENDERED ? current.lines : null;
    }

    public int renderedFrom() {
        return index > 1 ? current.ends[index - 2] : 0;
    }

    public int renderedTo() {
        return current.ends[index - 1];
    }

    /** The place in the whole input of the frame {@link #next} gave last (the progress line's). */
    public long position() {
        return current.positions[index - 1];
    }

    /**
     * Stops the reader thread and waits for it (it stops at once when waiting for a batch, and after the
     * read it is in otherwise): a second at most when it only reads, for as long as it takes when it runs a
     * pipeline, which the caller uses next ({@link PacketPipeline#finish()}). Then the caller may close the
     * source.
     */
    @Override
    public void close() {
        stopping = true;
        thread.interrupt();
        try {
            if (pipeline != null) {
                thread.join();
            } else {
                thread.join(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
