package io.wirebook.flow;

import io.wirebook.capture.Bytes;
import io.wirebook.decode.Packet;

/**
 * A transport flow key: protocol, two addresses and two ports, stored in a canonical order so that both
 * directions of a conversation have the same key (as gopacket's {@code Flow.FastHash}). A mutable probe
 * instance is filled per packet for lookups, so looking a flow up allocates nothing; {@link #copy()} is
 * taken only when a new flow is stored.
 */
public final class FlowKey {
    /** Addresses as up to 16 bytes each, packed in two longs; IPv4 uses the low word of lo. */
    private long aHi, aLo, bHi, bLo;
    private int aPort, bPort;
    private int protocol;
    private int ipVersion;
    /** True when the packet that filled this probe went from endpoint B to endpoint A. */
    private boolean reversed;
    private int hash;

    /**
     * Fills this key from a packet's outer addresses and ports.
     *
     * @return false when the packet has no IP layer or ports
     */
    public boolean set(Packet p, int protocol) {
        if (p.network == Packet.NET_NONE || p.sourcePort < 0) {
            return false;
        }
        return set(p.network, protocol, p.bytes(), p.base() + p.sourceAddressOffset(), p.sourcePort,
                p.base() + p.destinationAddressOffset(), p.destinationPort);
    }

    /**
     * Fills this key from addresses in {@code d} (4 bytes each for {@code ipVersion} 4, 16 for 6) and ports: a
     * packet's own, or those of the packet an ICMP error quotes.
     */
    public boolean set(int ipVersion, int protocol, byte[] d, int sourceOffset, int sourcePort, int destinationOffset,
            int destinationPort) {
        if (ipVersion == 4) {
            return set(ipVersion, protocol, 0, Bytes.u32(d, sourceOffset), sourcePort,
                    0, Bytes.u32(d, destinationOffset), destinationPort);
        }
        return set(ipVersion, protocol, Bytes.i64(d, sourceOffset), Bytes.i64(d, sourceOffset + 8), sourcePort,
                Bytes.i64(d, destinationOffset), Bytes.i64(d, destinationOffset + 8), destinationPort);
    }

    /** Fills this key from explicit values: each address as two longs (IPv4 in the low word of the second). */
    public boolean set(int ipVersion, int protocol, long sHi, long sLo, int sPort, long dHi, long dLo, int dPort) {
        this.protocol = protocol;
        this.ipVersion = ipVersion;
        int c = Long.compareUnsigned(sHi, dHi);
        if (c == 0) {
            c = Long.compareUnsigned(sLo, dLo);
        }
        if (c == 0) {
            c = Integer.compare(sPort, dPort);
        }
        reversed = c > 0;
        if (!reversed) {
            aHi = sHi; aLo = sLo; aPort = sPort; bHi = dHi; bLo = dLo; bPort = dPort;
        } else {
            aHi = dHi; aLo = dLo; aPort = dPort; bHi = sHi; bLo = sLo; bPort = sPort;
        }
        long h = aHi * 31 + aLo;
        h = h * 31 + bHi;
        h = h * 31 + bLo;
        h = h * 31 + ((long) aPort << 16 | bPort);
        h = h * 31 + protocol;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 32;
        hash = (int) h;
        return true;
    }

    /** True when the packet that filled the key travelled from the canonical B side to the A side. */
    public boolean reversed() {
        return reversed;
    }

    public int protocol() {
        return protocol;
    }

    public int ipVersion() {
        return ipVersion;
    }

    /** A 64-bit hash of every field, for compact tables that keep only the hash of an evicted key. */
    public long hash64() {
        long h = mix(aHi ^ 0x9E3779B97F4A7C15L);
        h = mix(h ^ aLo);
        h = mix(h ^ bHi);
        h = mix(h ^ bLo);
        return mix(h ^ (((long) aPort << 40) | ((long) bPort << 16) | ((long) protocol << 8) | ipVersion));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Address of the canonical side A (or B) as 4 or 16 bytes in network order. */
    public byte[] address(boolean sideA) {
        long hi = sideA ? aHi : bHi, lo = sideA ? aLo : bLo;
        if (ipVersion == 4) {
            return new byte[] {(byte) (lo >>> 24), (byte) (lo >>> 16), (byte) (lo >>> 8), (byte) lo};
        }
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (hi >>> (56 - 8 * i));
            out[8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        return out;
    }

    public int port(boolean sideA) {
        return sideA ? aPort : bPort;
    }

    public FlowKey copy() {
        FlowKey k = new FlowKey();
        k.copyFrom(this);
        return k;
    }

    /** Makes this key equal to {@code o}: a reused connection's or flow's key, while no table holds it. */
    void copyFrom(FlowKey o) {
        aHi = o.aHi; aLo = o.aLo; bHi = o.bHi; bLo = o.bLo;
        aPort = o.aPort; bPort = o.bPort; protocol = o.protocol; ipVersion = o.ipVersion;
        reversed = o.reversed; hash = o.hash;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlowKey k && sameAs(k);
    }

    /** Equality with another key, without equals' type check (the tracker's table calls it per packet). */
    boolean sameAs(FlowKey k) {
        return hash == k.hash && aLo == k.aLo && bLo == k.bLo && aPort == k.aPort && bPort == k.bPort
                && aHi == k.aHi && bHi == k.bHi && protocol == k.protocol && ipVersion == k.ipVersion;
    }
}
