package io.wirebook.capture;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.pcap4j.core.BpfProgram.BpfCompileMode;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapHandle.BlockingMode;
import org.pcap4j.core.PcapHandle.TimestampPrecision;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapStat;
import org.pcap4j.core.PcapNetworkInterface.PromiscuousMode;

/**
 * Frames from a live network interface, through pcap4j and the system's libpcap.
 *
 * <pre>{@code
 * try (LiveCapture capture = LiveCapture.on("lo").filter("tcp port 8080").open()) {
 *     Frame frame = new Frame();
 *     while (capture.next(frame)) { ... }      // until capture.stop() from any thread
 * }
 * }</pre>
 *
 * <p>Frames are filled like the file readers fill them: {@code number} counts from 1, the timestamp is
 * split into epoch seconds and nanoseconds, {@code tsDigits} is 9 when the kernel and libpcap deliver
 * nanosecond timestamps and 6 otherwise, {@code linkType} is the interface's LINKTYPE_* value (EN10MB for
 * Linux {@code lo}), {@code interfaceId} is 0 and {@code fileOffset} is -1 (there is no file).
 *
 * <p>Capturing needs CAP_NET_RAW and CAP_NET_ADMIN; without them {@link Builder#open()} throws a
 * {@link CaptureUnavailableException} that says how to get them.
 *
 * <p>libpcap is found by JNA: pcap4j asks for the library {@code pcap}; there is no {@code libpcap.so}
 * on Debian without libpcap0.8-dev, so JNA falls back to the versioned file it finds in the system
 * library directories ({@code /usr/lib/x86_64-linux-gnu/libpcap.so.1.10.3}, which libpcap0.8's
 * {@code libpcap.so.0.8} also points at). Nothing needs setting; the system property
 * {@value #PCAP_LIB_NAME_PROPERTY} overrides the name or path when a machine keeps libpcap elsewhere.
 *
 * <p>pcap4j opens the handle, installs the filter, and gives the statistics; the packets are read by
 * {@link PcapNextEx}, libpcap's {@code pcap_next_ex} called directly, into one array reused for every frame
 * (as the file readers reuse theirs: a frame's bytes are valid until the next call). pcap4j's own read
 * allocated several objects and a new array per packet, which at full loopback speed (64 KiB segments, a
 * gigabyte a second) kept this capture behind tcpdump's (README, "Under load"). A capture that only writes a
 * file reads with {@link #dispatch} instead ({@link PcapDispatch}: no copy at all).
 */
public final class LiveCapture implements FrameSource {
    /** Big enough for any loopback segment (the lo MTU is 65536) and for GSO super-segments. */
    public static final int DEFAULT_SNAPLEN = 262_144;
    /**
     * Kernel capture buffer in bytes (libpcap's default is 2 MiB). Loopback carries 64 KiB segments in
     * bursts: with 2 MiB a 1 MiB transfer lost half its segments (measured on the bulk scenario), so this
     * is 32 MiB, as a busy tcpdump would use with -B.
     */
    public static final int DEFAULT_BUFFER_SIZE = 32 << 20;
    /**
     * How long one read waits for a packet before {@link #next(Frame)} looks at the stop flag again:
     * {@link #stop()} takes effect within it.
     */
    private static final int READ_TIMEOUT_MILLIS = 100;
    private static final Duration READ_TIMEOUT = Duration.ofMillis(READ_TIMEOUT_MILLIS);
    /** pcap4j's system property naming the libpcap it loads (default {@code pcap}). */
    public static final String PCAP_LIB_NAME_PROPERTY = "org.pcap4j.core.pcapLibName";

    // pcap.h return codes of pcap_activate().
    private static final int PCAP_ERROR_NO_SUCH_DEVICE = -5;
    private static final int PCAP_ERROR_PERM_DENIED = -8;
    private static final int PCAP_ERROR_PROMISC_PERM_DENIED = -11;

    private final PcapHandle handle;
    /** Reads the packets of {@link #handle} (see {@link PcapNextEx} for why not through pcap4j). */
    private final PcapNextEx reader;
    /** Reads the packets of {@link #handle} for {@link #dispatch}, in the kernel's ring. */
    private final PcapDispatch dispatcher;
    private final String interfaceName;
    private final int linkType;
    private final int tsDigits;
    private final int snaplen;
    private final boolean immediate;
    private volatile boolean stopped;
    /** System.nanoTime() of the first {@link #stop()}: how long a drain has waited for the kernel's last block. */
    private volatile long stoppedAtTicks;
    /** CLOCK_REALTIME of the first {@link #stop()}, in epoch nanoseconds, as the packets' timestamps. */
    private volatile long stoppedAtNanos = Long.MAX_VALUE;
    /** Set by {@link #close()}: the handle is gone. */
    private volatile boolean closed;
    /** Only on the reading thread: after a stop, reading without waiting what came before it. */
    private boolean draining;
    private long frameCount;

    private LiveCapture(PcapHandle handle, String interfaceName, int snaplen, int bufferSize, boolean immediate) {
        this.handle = handle;
        this.immediate = immediate;
        this.interfaceName = interfaceName;
        this.snaplen = snaplen;
        this.linkType = linkTypeOf(handle.getDlt().value());
        this.tsDigits = handle.getTimestampPrecision() == TimestampPrecision.NANO ? 9 : 6;
        this.reader = new PcapNextEx(handle, snaplen);
        this.dispatcher = PcapDispatch.available() ? new PcapDispatch(handle, bufferSize, snaplen) : null;
    }

    /** Starts describing a capture on the named interface, e.g. {@code lo}. */
    public static Builder on(String interfaceName) {
        return new Builder(interfaceName);
    }

    /** Options of a live capture; {@link #open()} starts it. */
    public static final class Builder {
        private final String interfaceName;
        private String filter;
        private int snaplen = DEFAULT_SNAPLEN;
        private int bufferSize = DEFAULT_BUFFER_SIZE;
        private boolean immediate = true;

        private Builder(String interfaceName) {
            this.interfaceName = Objects.requireNonNull(interfaceName, "interfaceName");
        }

        /** A BPF filter in tcpdump's syntax, e.g. {@code tcp port 8080}; null or blank keeps everything. */
        public Builder filter(String bpf) {
            this.filter = bpf;
            return this;
        }

        /** Bytes kept of each packet (default {@value LiveCapture#DEFAULT_SNAPLEN}). */
        public Builder snaplen(int bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("snaplen must be positive: " + bytes);
            }
            this.snaplen = bytes;
            return this;
        }

        /**
         * Bytes of the kernel's capture buffer (default {@value LiveCapture#DEFAULT_BUFFER_SIZE}), as tcpdump's
         * -B sets it: what the kernel holds for this capture while it is not reading. libpcap rounds it to its
         * ring's blocks.
         */
        public Builder bufferSize(int bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("buffer size must be positive: " + bytes);
            }
            this.bufferSize = bytes;
            return this;
        }

        /**
         * Whether each packet is handed over the moment it arrives (the default: a tutorial shows a handshake
         * as it happens) or the kernel's buffer is handed over a block at a time, as tcpdump does when it
         * writes a file. Not immediate is what keeps up with a busy interface: in immediate mode libpcap uses
         * TPACKET_V2, whose ring has one slot of snaplen bytes per packet (the 32 MiB buffer then holds
         * about 127 packets at the default snaplen, whatever their size: 32 MiB over a slot of 256 KiB and
         * its header), while TPACKET_V3 packs packets into its blocks by their real size (some 22,000 of
         * 1,500 bytes). Measured: 3,000 datagrams of 1,400 bytes at 3,000 a second lost dozens in immediate
         * mode (and tcpdump --immediate-mode more), none without it. The cost: a packet waits up to
         * {@value #READ_TIMEOUT_MILLIS} ms for its block, and a stop waits that long for the last one.
         */
        public Builder immediate(boolean on) {
            this.immediate = on;
            return this;
        }

        /** Opens the interface and installs the filter. */
        public LiveCapture open() throws CaptureUnavailableException {
            PcapHandle handle = activate();
            try {
                if (filter != null && !filter.isBlank()) {
                    handle.setFilter(filter, BpfCompileMode.OPTIMIZE);
                }
            } catch (PcapNativeException | NotOpenException e) {
                handle.close();
                throw new CaptureUnavailableException(CaptureUnavailableException.Reason.BAD_FILTER,
                        "bad capture filter '" + filter + "' on " + interfaceName + ": " + e.getMessage(), e);
            }
            return new LiveCapture(handle, interfaceName, snaplen, bufferSize, immediate);
        }

        private PcapHandle activate() throws CaptureUnavailableException {
            try {
                try {
                    return build(true);
                } catch (PcapNativeException e) {
                    // pcap4j refuses by itself (no libpcap return code) when the library has no
                    // pcap_set_tstamp_precision; when libpcap has it but the interface lacks nanoseconds,
                    // pcap4j already falls back to microseconds. Either way, try once more with micro.
                    if (e.getReturnCode() == null) {
                        return build(false);
                    }
                    throw e;
                }
            } catch (PcapNativeException e) {
                throw explain(e);
            } catch (LinkageError e) {
                // UnsatisfiedLinkError the first time NativeMappings loads, NoClassDefFoundError after.
                String lib = System.getProperty(PCAP_LIB_NAME_PROPERTY, "pcap");
                throw new CaptureUnavailableException(CaptureUnavailableException.Reason.NO_LIBPCAP,
                        CaptureUnavailableException.noLibpcapMessage(lib, e), e);
            }
        }

        /**
         * A handle in immediate mode, each packet handed over as it arrives instead of when the kernel
         * buffer block fills, so a tutorial shows a handshake the moment it happens; not promiscuous (it
         * makes no difference on loopback); asking for nanosecond timestamps when {@code nano}.
         */
        private PcapHandle build(boolean nano) throws PcapNativeException {
            PcapHandle.Builder b = new PcapHandle.Builder(interfaceName)
                    .snaplen(snaplen)
                    .timeoutMillis((int) READ_TIMEOUT.toMillis())
                    .promiscuousMode(PromiscuousMode.NONPROMISCUOUS)
                    .immediateMode(immediate)
                    .bufferSize(bufferSize);
            if (nano) {
                b.timestampPrecision(TimestampPrecision.NANO);
            }
            return b.build();
        }

        /** Turns libpcap's activation errors (pcap.h PCAP_ERROR_*) into messages that say what to do. */
        private CaptureUnavailableException explain(PcapNativeException e) {
            Integer rc = e.getReturnCode();
            CaptureUnavailableException.Reason reason;
            String message;
            if (rc != null && (rc == PCAP_ERROR_PERM_DENIED || rc == PCAP_ERROR_PROMISC_PERM_DENIED)) {
                reason = CaptureUnavailableException.Reason.NO_PRIVILEGE;
                message = CaptureUnavailableException.noPrivilegeMessage(interfaceName, e.getMessage());
            } else if (rc != null && rc == PCAP_ERROR_NO_SUCH_DEVICE) {
                reason = CaptureUnavailableException.Reason.NO_SUCH_INTERFACE;
                message = "cannot capture on " + interfaceName + ": no such interface (`ip link` lists them)";
            } else {
                reason = CaptureUnavailableException.Reason.OTHER;
                message = "cannot capture on " + interfaceName + ": " + e.getMessage()
                        + (rc == null ? "" : " (libpcap error " + rc + ")");
            }
            return new CaptureUnavailableException(reason, message, e);
        }
    }

    /**
     * libpcap's DLT_* values are the LINKTYPE_* values except for a few that differ between platforms; of
     * those, Linux hands out only DLT_RAW (12), which capture files record as LINKTYPE_RAW (101).
     */
    static int linkTypeOf(int dlt) {
        return dlt == LinkType.DLT_RAW_12 || dlt == LinkType.DLT_RAW_14 ? LinkType.RAW : dlt;
    }

    /**
     * Waits for the next packet that passes the filter and fills {@code frame} with it.
     *
     * <p>After {@link #stop()} it first hands over, without waiting, the packets the kernel had already
     * captured by then and this capture had not yet read (a burst just before Ctrl-C: measured, a SIGINT
     * right after 100 datagrams left 1 of them in the file in 4 runs of 8, and tcpdump 0 or 1 in 3 of 5),
     * then returns false. Packets stamped after the stop are not handed over, so a busy interface cannot
     * keep it going.
     *
     * @return false once {@link #stop()} has been called and the packets before it are read (or the handle
     *     was closed)
     */
    @Override
    public boolean next(Frame frame) throws IOException {
        while (true) {
            if (stopped && !draining && !startDrain()) {
                return false;
            }
            int rc = reader.next();
            if (rc == PcapNextEx.TIMEOUT) {
                if (draining) {
                    return false; // nothing left of what came before the stop
                }
                continue; // the read timeout passed with no packet: look at the stop flag again
            } else if (rc == PcapNextEx.BREAK) {
                continue; // pcap_breakloop from stop(): read what is left before it
            } else if (rc == PcapNextEx.CLOSED) {
                return false; // closed under us
            } else if (rc != PcapNextEx.PACKET) {
                if (stopped) {
                    return false;
                }
                throw lost(error());
            }
            return fill(frame, reader.seconds, reader.fraction, reader.capturedLength, reader.originalLength,
                    reader.bytes, null);
        }
    }

    /** Receives the frames of {@link #dispatch}. */
    @FunctionalInterface
    public interface FrameSink {
        /**
         * Takes one frame, whose bytes ({@link Frame#direct}) are valid only during this call.
         *
         * @return false to end the capture after this frame
         */
        boolean accept(Frame frame) throws IOException;
    }

    /**
     * What {@link #next(Frame)} reads, handed to {@code sink} instead, each frame while its bytes are still in
     * the kernel's ring ({@link Frame#direct}, {@link Frame#data} null): libpcap's {@code pcap_dispatch}, as
     * tcpdump reads, with no copy of the packet at all (see {@link PcapDispatch}). For a capture that only
     * writes a file. Returns when {@link #next(Frame)} would return false (after {@link #stop()}, with the
     * packets before it handed over first, or when the handle is closed) or when {@code sink} says so.
     *
     * @throws IOException what {@code sink} threw (nothing after that frame is handed over), or a
     *     {@link CaptureLostException} when libpcap fails (the interface went away)
     */
    public void dispatch(FrameSink sink) throws IOException {
        Frame frame = new Frame();
        if (dispatcher == null) { // 32-bit pointers: read with copies
            while (next(frame) && sink.accept(frame)) {
                // on
            }
            return;
        }
        // A packet stamped after the stop ends the drain as the sink's false does.
        PcapDispatch.Packets packets = (seconds, fraction, captured, original, data) ->
                fill(frame, seconds, fraction, captured, original, null, data) && sink.accept(frame);
        while (true) {
            if (stopped && !draining && !startDrain()) {
                return;
            }
            int rc;
            try {
                rc = dispatcher.dispatch(packets);
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
            if (dispatcher.ended() || rc == PcapDispatch.CLOSED) {
                return; // the sink's end, a packet after the stop, or closed under us
            } else if (rc == 0) {
                if (draining) {
                    return; // nothing left of what came before the stop
                }
            } else if (rc == PcapNextEx.ERROR) {
                if (stopped) {
                    return;
                }
                throw lost(error());
            }
            // packets, a timeout with none, or pcap_breakloop from stop(): on with the stop flag looked at again
        }
    }

    /**
     * After a stop: hands over, without waiting, what the kernel had captured by then. False when there is
     * nothing more to read (closed, or the handle cannot be made non-blocking).
     */
    private boolean startDrain() {
        if (closed) {
            return false;
        }
        if (!immediate) {
            awaitLastBlock();
        }
        try {
            handle.setBlockingMode(BlockingMode.NONBLOCKING); // no packet waiting: a read returns 0
        } catch (PcapNativeException | NotOpenException e) {
            return false;
        }
        draining = true;
        return true;
    }

    /** Fills {@code frame} with a packet libpcap gave; false, filling nothing, for one stamped after a drain's stop. */
    private boolean fill(Frame frame, long seconds, long fraction, int capturedLength, int originalLength,
            byte[] bytes, java.nio.ByteBuffer view) {
        int nanos = (int) (tsDigits == 9 ? fraction : fraction * 1000);
        if (draining && seconds * 1_000_000_000L + nanos > stoppedAtNanos) {
            return false; // it came after the stop
        }
        frame.number = ++frameCount;
        frame.epochSeconds = seconds;
        frame.nanos = nanos;
        frame.tsDigits = tsDigits;
        frame.capturedLength = capturedLength;
        frame.originalLength = originalLength;
        frame.linkType = linkType;
        frame.interfaceId = 0;
        frame.fileOffset = -1;
        frame.data = bytes;
        frame.direct = view;
        frame.offset = 0;
        frame.comments = null;
        return true;
    }

    /**
     * Not in immediate mode, the kernel hands a block of its buffer over when it is full or a read timeout
     * after it was opened: waits until a block open at the stop has been handed over, so that a drain that
     * does not wait (non-blocking) finds its packets. (A blocking read cannot be used for this: with
     * TPACKET_V3 and a timeout, libpcap polls without a timeout of its own and would wait for the next
     * packet, for ever on a quiet interface.)
     */
    private void awaitLastBlock() {
        long left = 2 * READ_TIMEOUT.toNanos() - (System.nanoTime() - stoppedAtTicks);
        if (left > 0) {
            try {
                Thread.sleep(left / 1_000_000 + 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * libpcap's error while reading as a {@link CaptureLostException}. Its words for an interface that went
     * away are "The interface disappeared" (the link was deleted: ENODEV on the packet socket) and "The
     * interface went down" (ENETDOWN), after pcap4j's "Error occurred in pcap_next_ex(): ".
     */
    private CaptureLostException lost(String error) {
        String words = error == null ? "" : error;
        boolean gone = words.startsWith("The interface disappeared") || words.startsWith("The interface went down");
        String lower = words.isEmpty() ? "libpcap gave no reason" : Character.toLowerCase(words.charAt(0)) + words.substring(1);
        return new CaptureLostException(interfaceName + ": " + (gone ? "" : "capture failed: ") + lower, gone, null);
    }

    /** libpcap's words for the error of the last read ({@code pcap_geterr}), or null when it cannot say. */
    private String error() {
        try {
            return handle.getError();
        } catch (NotOpenException e) {
            return null;
        }
    }

    /**
     * Makes {@link #next(Frame)} hand over what the kernel captured before now and then return false: it
     * wakes at once if it is waiting in libpcap (pcap_breakloop), and otherwise within one read timeout.
     * Safe to call from any thread (a signal handler's), more than once; the first call's time counts.
     */
    public void stop() {
        if (!stopped) {
            Instant now = Instant.now();
            stoppedAtNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
            stoppedAtTicks = System.nanoTime();
            stopped = true;
        }
        try {
            handle.breakLoop();
        } catch (NotOpenException e) {
            // already closed: next() returns false anyway
        }
    }

    /**
     * libpcap's counters of this capture ({@code pcap_stats}), as tcpdump prints them when it stops.
     *
     * @param received packets that passed the filter, including those the kernel then dropped ({@code ps_recv}).
     *     On Linux {@code lo} it is twice the packets captured: the socket's filter sees each packet going
     *     out and coming in, and libpcap keeps one of the two (measured with tcpdump 4.99.3 and libpcap
     *     1.10.3: 3 datagrams, "3 packets captured", "6 packets received by filter"); it also counts
     *     packets of any kind that came while the filter was being installed (measured: 8 for 3 datagrams
     *     while other tests ran on lo, and tcpdump's count was off the same way), so it can be a little more
     * @param dropped packets the kernel dropped because the capture's buffer was full ({@code ps_drop})
     * @param droppedByInterface packets the interface or its driver dropped ({@code ps_ifdrop}), 0 on most
     */
    public record Stats(long received, long dropped, long droppedByInterface) {}

    /** libpcap's counters so far, or null when it cannot say (the line tcpdump prints then is its error). */
    public Stats stats() {
        try {
            PcapStat s = handle.getStats();
            return new Stats(s.getNumPacketsReceived(), s.getNumPacketsDropped(), s.getNumPacketsDroppedByIf());
        } catch (PcapNativeException | NotOpenException | UnsupportedOperationException e) {
            return null;
        }
    }

    /**
     * Packets the kernel dropped before this capture could read them (libpcap's ps_drop: its ring was full),
     * or -1 when libpcap cannot say. A capture that dropped packets does not show all that happened.
     */
    public long dropped() {
        Stats s = stats();
        return s == null ? -1 : s.dropped();
    }

    /** LINKTYPE_* of the interface (EN10MB for Linux loopback). */
    public int linkType() { return linkType; }

    /** 9 when timestamps are in nanoseconds, 6 when in microseconds. */
    public int timestampDigits() { return tsDigits; }

    /** Bytes kept of each packet at most. */
    public int snaplen() { return snaplen; }

    @Override
    public String name() { return interfaceName; }

    @Override
    public String format() { return "live"; }

    @Override
    public void close() {
        closed = true;
        stopped = true;
        handle.close();
    }
}
