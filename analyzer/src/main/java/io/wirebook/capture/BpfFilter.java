package io.wirebook.capture;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.Pcaps;
import org.pcap4j.packet.namednumber.DataLinkType;

/**
 * A capture filter applied to frames read from a file, as {@code tcpdump -r FILE EXPRESSION} applies it:
 * the expression is compiled by libpcap (through pcap4j, for the frame's link type, optimised, netmask
 * unknown as tcpdump has it offline) and run on each frame's captured bytes with
 * {@code pcap_offline_filter}, so its meaning is libpcap's own. A file can mix link types (pcapng
 * interfaces): the expression is compiled once per link type met.
 */
public final class BpfFilter implements FrameSource {
    /** The expression cannot be compiled: its message is libpcap's. */
    public static final class FilterException extends IOException {
        public FilterException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final int SNAPLEN = 262_144;
    /** tcpdump -r compiles with netmask 0 (no local network offline): "ip broadcast" is then refused, as there. */
    private static final java.net.Inet4Address NETMASK = netmask();

    private final FrameSource in;
    private final String expression;
    private final Map<Integer, BpfProgram> programs = new HashMap<>();
    private byte[] scratch = new byte[2048];

    private BpfFilter(FrameSource in, String expression) {
        this.in = in;
        this.expression = expression;
    }

    /**
     * Checks the expression (compiled for Ethernet, as a syntax check before any frame is read) and returns
     * {@code in} with only the frames it accepts.
     *
     * @throws FilterException when libpcap rejects the expression, or cannot be loaded
     */
    public static BpfFilter of(FrameSource in, String expression) throws FilterException {
        BpfFilter f = new BpfFilter(in, expression);
        f.program(LinkType.EN10MB);
        return f;
    }

    /** Compiles the expression for a link type, once. */
    private BpfProgram program(int linkType) throws FilterException {
        BpfProgram p = programs.get(linkType);
        if (p == null && !programs.containsKey(linkType)) {
            try {
                // Through a dead handle, not Pcaps.compileFilter: only the handle keeps libpcap's message
                // ("syntax error", "unknown host 'x'") for the error line.
                org.pcap4j.core.PcapHandle dead = Pcaps.openDead(DataLinkType.getInstance(linkType), SNAPLEN);
                try {
                    p = dead.compileFilter(expression, BpfProgram.BpfCompileMode.OPTIMIZE, NETMASK);
                } finally {
                    dead.close();
                }
            } catch (org.pcap4j.core.NotOpenException e) {
                throw new AssertionError(e); // the handle was just opened
            } catch (PcapNativeException e) {
                if (linkType != LinkType.EN10MB && String.valueOf(e.getMessage()).contains("rejects all packets")) {
                    // libpcap's optimiser proved that no frame of this link type can match ("ip6" on raw IPv4):
                    // tcpdump stops there, having one link type; here the frames of this type are simply left out.
                    programs.put(linkType, null);
                    return null;
                }
                throw new FilterException("capture filter \"" + expression + "\": " + e.getMessage()
                        + (linkType == LinkType.EN10MB ? "" : " (for link type " + linkType + ")"), e);
            } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
                throw new FilterException("capture filter \"" + expression + "\": libpcap cannot be loaded ("
                        + e.getMessage() + "); install it (Debian: apt-get install libpcap0.8)", e);
            }
            programs.put(linkType, p);
        }
        return p;
    }

    private static java.net.Inet4Address netmask() {
        try {
            return (java.net.Inet4Address) java.net.InetAddress.getByAddress(new byte[4]);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e); // four bytes are always an address
        }
    }

    @Override
    public boolean next(Frame frame) throws IOException {
        while (in.next(frame)) {
            BpfProgram p = program(frame.linkType);
            if (p == null) {
                continue; // no frame of this link type can match
            }
            byte[] b = frame.data;
            if (frame.offset != 0) {
                if (scratch.length < frame.capturedLength) {
                    scratch = new byte[Math.max(frame.capturedLength, scratch.length * 2)];
                }
                System.arraycopy(frame.data, frame.offset, scratch, 0, frame.capturedLength);
                b = scratch;
            }
            if (p.applyFilter(b, frame.originalLength, frame.capturedLength)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String name() {
        return in.name();
    }

    @Override
    public long bytesBefore() {
        return in.bytesBefore();
    }

    @Override
    public String format() {
        return in.format();
    }

    @Override
    public void close() throws IOException {
        for (BpfProgram p : programs.values()) {
            if (p != null) {
                p.free();
            }
        }
        programs.clear();
        in.close();
    }
}
