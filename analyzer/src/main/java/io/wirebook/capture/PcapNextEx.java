package io.wirebook.capture;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.lang.reflect.Field;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.pcap4j.core.PcapHandle;

/**
 * libpcap's {@code pcap_next_ex} on the {@code pcap_t} of a handle pcap4j opened, reading each packet into one
 * reused array (no allocation per packet). On Linux pcap_next_ex itself copies each packet once, from the
 * kernel's ring into a buffer of the handle's ({@code pcap_oneshot_linux} in libpcap's pcap-linux.c), so that it
 * can hand the ring's slot back before it returns; a capture that only writes a file reads with
 * {@link PcapDispatch} instead, whose callback runs while the packet is in the ring.
 *
 * <p>Hand-written because pcap4j's {@code getNextRawPacketEx} costs more than the capture can afford at full
 * loopback speed. Per packet it allocates two {@code PointerByReference} (each a JNA {@code Memory}: a malloc
 * and a finalizer), a new array of the packet's length, a {@code java.sql.Timestamp} and a boxed length kept
 * in thread-locals. Measured on a 200 MB loopback transfer of 64 KiB segments ({@code CaptureLoadTest}), the
 * capture thread's time went to those allocations and the garbage collections they caused, not to libpcap;
 * the kernel dropped 26 to 41% of the packets in four runs where tcpdump dropped none (in the same runs). The
 * handle, its filter, its statistics and its closing stay pcap4j's.
 *
 * <p>Like pcap4j's own call, each read holds the handle's read lock (taken with {@code tryLock}, as pcap4j
 * does), so that {@link PcapHandle#close()} from another thread cannot free the {@code pcap_t} under a read.
 * One instance is read from one thread at a time.
 */
final class PcapNextEx {
    /** pcap_next_ex's results (pcap.h): a packet, the read timeout passed, an error, pcap_breakloop. */
    static final int PACKET = 1, TIMEOUT = 0, ERROR = -1, BREAK = -2;
    /** Answer of {@link #next} when the handle is closed or being closed. */
    static final int CLOSED = -100;

    static {
        // The library pcap4j loaded (NativeLibrary caches it by name), so both bind the same libpcap.
        Native.register(PcapNextEx.class, NativeLibrary.getInstance(System.getProperty(LiveCapture.PCAP_LIB_NAME_PROPERTY, "pcap")));
    }

    /** {@code int pcap_next_ex(pcap_t *p, struct pcap_pkthdr **pkt_header, const u_char **pkt_data)}. */
    private static native int pcap_next_ex(Pointer p, Pointer header, Pointer data);

    // struct pcap_pkthdr { struct timeval ts; bpf_u_int32 caplen; bpf_u_int32 len; }: timeval is two C longs.
    static final int TS_SEC = 0, TS_FRACTION = Native.LONG_SIZE, CAPLEN = 2 * Native.LONG_SIZE,
            LEN = CAPLEN + 4;

    private final PcapHandle handle;
    private final Pointer pcap;
    private final ReentrantReadWriteLock handleLock;
    private final ReentrantReadWriteLock.ReadLock lock;
    /** Where pcap_next_ex puts its two pointers: the header's at 0, the data's at {@link Native#POINTER_SIZE}. */
    private final Memory out = new Memory(2L * Native.POINTER_SIZE);
    private final Pointer dataOut = out.share(Native.POINTER_SIZE);
    /** Reused views of the header and the data libpcap points at (their address set per packet). */
    private final Pointer header = new Pointer(0), data = new Pointer(0);

    /** Of the last packet read: its timestamp (the fraction in the handle's precision) and lengths. */
    long seconds, fraction;
    int capturedLength, originalLength;
    /** The bytes of the last packet read, from 0 to {@link #capturedLength}; the same array every time it fits. */
    byte[] bytes;

    PcapNextEx(PcapHandle handle, int snaplen) {
        this.handle = handle;
        this.pcap = field(handle, "handle", Pointer.class);
        this.handleLock = field(handle, "handleLock", ReentrantReadWriteLock.class);
        this.lock = handleLock.readLock();
        this.bytes = new byte[Math.min(snaplen, 1 << 16)];
    }

    /**
     * Reads the next packet into {@link #bytes} and the fields beside it.
     *
     * @return {@link #PACKET}, {@link #TIMEOUT}, {@link #ERROR} (then {@link PcapHandle#getError()} says why),
     *     {@link #BREAK}, or {@link #CLOSED}
     */
    int next() {
        if (!handle.isOpen() || !lock.tryLock()) {
            return CLOSED;
        }
        try {
            if (!handle.isOpen()) {
                return CLOSED;
            }
            int rc = pcap_next_ex(pcap, out, dataOut);
            if (rc != PACKET) {
                return rc;
            }
            // getPointer would make a new Pointer of each address: the addresses are read as numbers instead.
            Pointer.nativeValue(header, address(0));
            Pointer.nativeValue(data, address(Native.POINTER_SIZE));
            if (Native.LONG_SIZE == 8) {
                seconds = header.getLong(TS_SEC);
                fraction = header.getLong(TS_FRACTION);
            } else {
                seconds = header.getInt(TS_SEC) & 0xFFFFFFFFL;
                fraction = header.getInt(TS_FRACTION);
            }
            capturedLength = header.getInt(CAPLEN);
            originalLength = header.getInt(LEN);
            if (capturedLength > bytes.length) {
                bytes = new byte[Math.max(capturedLength, Math.min(2 * bytes.length, 1 << 30))];
            }
            data.read(0, bytes, 0, capturedLength);
            return PACKET;
        } finally {
            lock.unlock();
        }
    }

    private long address(int at) {
        return Native.POINTER_SIZE == 8 ? out.getLong(at) : out.getInt(at) & 0xFFFFFFFFL;
    }

    static <T> T field(PcapHandle handle, String name, Class<T> type) {
        try {
            Field f = PcapHandle.class.getDeclaredField(name);
            f.setAccessible(true);
            return type.cast(f.get(handle));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("pcap4j's PcapHandle has no field " + name + " of " + type.getSimpleName()
                    + " (the pcap4j version changed?)", e);
        }
    }
}
