package io.wirebook.capture;

import com.sun.jna.Callback;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.pcap4j.core.PcapHandle;

/**
 * libpcap's {@code pcap_dispatch} on the {@code pcap_t} of a handle pcap4j opened: each packet is handed to a
 * {@link Packets} while its bytes are still in the kernel's ring, as tcpdump's packets are. This is the
 * zero-copy read that {@link PcapNextEx} cannot be: on Linux pcap_next_ex copies every packet out of the
 * ring first ({@code pcap_oneshot_linux}), because with TPACKET_V3 libpcap hands a ring block back to the
 * kernel right after the callback of the block's last packet, so no packet may be kept past its callback.
 * A capture that only writes a file ({@code capture -w}) needs nothing more: its writer runs inside the
 * callback. Hand-written (pcap4j's {@code dispatch} copies each packet into a new array and wraps it in
 * objects) because at full loopback speed the 64 KiB copy was the largest share of the capture's time
 * (README, "Under load").
 *
 * <p>The callback is a JNA callback on the thread that called {@link #dispatch}; JNA would swallow an
 * exception thrown from it, so whatever {@link Packets#packet} throws is kept, the loop is broken
 * ({@code pcap_breakloop}), and {@link #dispatch} throws it after libpcap returns. A break leaves the
 * packets after the one that broke it where they are: libpcap's next read starts with them.
 *
 * <p>Each call holds the handle's read lock (taken with {@code tryLock}, as pcap4j does), so that
 * {@link PcapHandle#close()} from another thread waits instead of freeing the ring under a callback.
 */
final class PcapDispatch {
    /** Answer of {@link #dispatch} when the handle is closed or being closed (libpcap's are 0 and up, -1, -2). */
    static final int CLOSED = PcapNextEx.CLOSED;

    /** What each packet is handed to, with its bytes in libpcap's ring (valid only during the call). */
    interface Packets {
        /**
         * @param seconds the timestamp's seconds
         * @param fraction its fraction, in the handle's precision (micro- or nanoseconds)
         * @param data the captured bytes, {@code capturedLength} of them, valid only during this call
         * @return false to end the dispatch after this packet (pcap_breakloop)
         */
        boolean packet(long seconds, long fraction, int capturedLength, int originalLength, ByteBuffer data)
                throws Exception;
    }

    /**
     * {@code void (*pcap_handler)(u_char *user, const struct pcap_pkthdr *h, const u_char *bytes)}, its pointers
     * taken as the 64-bit numbers they are: with Pointer parameters JNA makes three Pointer objects through JNI
     * for each packet (measured, with a new direct buffer over each packet: the capture's main thread took
     * 720 to 760 ms for 120,000 packets, 670 to 700 ms without them).
     * Only where pointers are 64 bits ({@link #available()}).
     */
    public interface Handler extends Callback {
        void callback(long user, long header, long bytes);
    }

    /** Whether this read works here: pointers of 64 bits (every platform Wirebook is built for). */
    static boolean available() {
        return Native.POINTER_SIZE == 8;
    }

    static {
        // The library pcap4j loaded (NativeLibrary caches it by name), so both bind the same libpcap.
        Native.register(PcapDispatch.class, NativeLibrary.getInstance(System.getProperty(LiveCapture.PCAP_LIB_NAME_PROPERTY, "pcap")));
    }

    /** {@code int pcap_dispatch(pcap_t *p, int cnt, pcap_handler callback, u_char *user)}. */
    private static native int pcap_dispatch(Pointer p, int cnt, Handler callback, Pointer user);

    /** {@code void pcap_breakloop(pcap_t *p)}: safe from a callback (it sets a flag and wakes a poll). */
    private static native void pcap_breakloop(Pointer p);

    // struct pcap_pkthdr's offsets, as PcapNextEx reads it.
    private static final int TS_SEC = PcapNextEx.TS_SEC, TS_FRACTION = PcapNextEx.TS_FRACTION,
            CAPLEN = PcapNextEx.CAPLEN, LEN = PcapNextEx.LEN;
    /**
     * Bytes a view over libpcap's ring spans (see {@link #view}): more than the ring (the kernel buffer) and a
     * packet, so that once the ring has wrapped one view holds every packet.
     */
    private final int viewSpan;

    private final PcapHandle handle;
    private final Pointer pcap;
    private final ReentrantReadWriteLock.ReadLock lock;
    /** Held in a field: libpcap keeps only its address, and JNA frees the native stub of a collected callback. */
    private final Handler handler = this::onPacket;
    /**
     * The packet header libpcap points at (a struct on its stack, so at the same address packet after packet),
     * read through a direct buffer over it, made again only when the address moves, instead of four JNI calls
     * a packet (Pointer.getLong and getInt).
     */
    private ByteBuffer header;
    private long headerAt;
    /**
     * One direct buffer over the part of libpcap's ring from {@link #viewStart} (a packet's address) for
     * {@link #viewSpan} bytes, each packet shown by its position and limit, instead of a new direct buffer
     * per packet (JNI NewDirectByteBuffer). Only the bytes of the packet handed over are ever read through
     * it: the span may reach past the ring, never touched. A packet outside it starts a new view at that
     * packet; after the ring's first wrap, one view holds them all.
     */
    private ByteBuffer view;
    private long viewStart;
    /** The consumer of the dispatch under way. */
    private Packets packets;
    /** What the consumer threw in the dispatch under way, thrown by {@link #dispatch} when libpcap returns. */
    private Throwable failure;
    /** Whether the consumer asked for the end (its {@code false}) in the dispatch under way. */
    private boolean ended;

    PcapDispatch(PcapHandle handle, int bufferSize, int snaplen) {
        if (!available()) {
            throw new UnsupportedOperationException("pcap_dispatch needs 64-bit pointers");
        }
        this.handle = handle;
        this.viewSpan = (int) Math.min(Integer.MAX_VALUE, 2L * bufferSize + 2L * snaplen + (1 << 16));
        this.pcap = PcapNextEx.field(handle, "handle", Pointer.class);
        this.lock = PcapNextEx.field(handle, "handleLock", ReentrantReadWriteLock.class).readLock();
    }

    /**
     * Hands the packets libpcap has, or waits for within the handle's read timeout, to {@code to}: one
     * pcap_dispatch with no count limit (libpcap stops at the end of what the kernel has handed over).
     *
     * @return the packets handed over (0 when the timeout passed or, non-blocking, there was none), -1 on
     *     libpcap's error ({@link PcapHandle#getError()} says why), -2 after pcap_breakloop, or {@link #CLOSED}
     * @throws Exception what {@code to} threw, after libpcap returned
     */
    int dispatch(Packets to) throws Exception {
        if (!handle.isOpen() || !lock.tryLock()) {
            return CLOSED;
        }
        try {
            if (!handle.isOpen()) {
                return CLOSED;
            }
            packets = to;
            failure = null;
            ended = false;
            int rc = pcap_dispatch(pcap, -1, handler, null);
            packets = null;
            if (failure != null) {
                Throwable t = failure;
                failure = null;
                if (t instanceof Exception e) {
                    throw e;
                }
                throw (Error) t;
            }
            return rc;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the last {@link #dispatch}'s consumer asked for the end. */
    boolean ended() {
        return ended;
    }

    private void onPacket(long user, long headerAddress, long bytes) {
        if (failure != null || ended) {
            return; // libpcap looks at the break before each packet: never, but nothing is written after one
        }
        try {
            if (header == null || headerAddress != headerAt) {
                header = new Pointer(headerAddress).getByteBuffer(0, LEN + 4).order(ByteOrder.nativeOrder());
                headerAt = headerAddress;
            }
            long seconds, fraction;
            if (Native.LONG_SIZE == 8) {
                seconds = header.getLong(TS_SEC);
                fraction = header.getLong(TS_FRACTION);
            } else {
                seconds = header.getInt(TS_SEC) & 0xFFFFFFFFL;
                fraction = header.getInt(TS_FRACTION);
            }
            int capturedLength = header.getInt(CAPLEN);
            if (!packets.packet(seconds, fraction, capturedLength, header.getInt(LEN), view(bytes, capturedLength))) {
                ended = true;
                pcap_breakloop(pcap);
            }
        } catch (Throwable t) { // anything: JNA would print it and carry on
            failure = t;
            pcap_breakloop(pcap);
        }
    }

    /** {@link #view} showing the {@code length} bytes at {@code address}, from its position to its limit. */
    private ByteBuffer view(long address, int length) {
        long at = address - viewStart;
        if (view == null || at < 0 || at + length > viewSpan) {
            viewStart = address;
            view = new Pointer(address).getByteBuffer(0, Math.max(viewSpan, length));
            at = 0;
        }
        view.limit((int) at + length); // first: a position past the new limit moves down to it
        view.position((int) at);
        return view;
    }
}
