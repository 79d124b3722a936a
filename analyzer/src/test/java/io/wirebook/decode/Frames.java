package io.wirebook.decode;

import io.wirebook.capture.Frame;
import io.wirebook.capture.LinkType;

/** Test frames from hex (whitespace ignored), as tcpdump -x prints them. */
final class Frames {
    private Frames() {}

    static byte[] hex(String hex) {
        String h = hex.replaceAll("[^0-9a-fA-F]", "");
        byte[] b = new byte[h.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }

    static Frame frame(int linkType, byte[] bytes) {
        return frame(linkType, bytes, bytes.length);
    }

    /** A frame whose wire length may exceed what was captured (snaplen). */
    static Frame frame(int linkType, byte[] bytes, int wireLength) {
        Frame f = new Frame();
        f.number = 1;
        f.linkType = linkType;
        // Put the frame at a non-zero offset of a bigger array, as the file readers do.
        f.data = new byte[bytes.length + 7];
        System.arraycopy(bytes, 0, f.data, 7, bytes.length);
        f.offset = 7;
        f.capturedLength = bytes.length;
        f.originalLength = wireLength;
        return f;
    }

    static Packet decode(int linkType, String hex) {
        return new PacketDecoder().decode(frame(linkType, hex(hex)), new Packet());
    }

    static Packet decodeIp(String hex) {
        return decode(LinkType.RAW, hex);
    }

    static final String ETH_IPV4 = "000000000000 000000000000 0800";
    static final String ETH_IPV6 = "000000000000 000000000000 86dd";
}
