package io.wirebook.render;

import static io.wirebook.pipeline.Segments.ACK;
import static io.wirebook.pipeline.Segments.CLIENT_ISN;
import static io.wirebook.pipeline.Segments.PSH;
import static io.wirebook.pipeline.Segments.SERVER_ISN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.capture.Frame;
import io.wirebook.pipeline.PacketPipeline;
import io.wirebook.pipeline.PacketResult;
import io.wirebook.pipeline.Segments;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link HexDumpText}: the field tree with each field's bytes, then the dump exactly as {@code tcpdump -XX}
 * prints it (the expected lines come from one tcpdump 4.99.3 run each, command in the comment; tcpdump
 * is not run here).
 */
class HexDumpTextTest {
    private static List<String> dumpLines(String text) {
        List<String> lines = text.lines().toList();
        return lines.subList(lines.indexOf("") + 1, lines.size());
    }

    @Test
    void theDumpOfTheHandshakesSynIsTcpdumpsLineForLine() throws Exception {
        PacketResult r = HexDumpFrames.fromCapture("scenarios/handshake.pcapng", 1);
        // tcpdump -nn -XX -c 1 -r captures/scenarios/handshake.pcapng (each line begins with a tab)
        assertEquals(List.of(
                "0x0000:  0000 0000 0000 0000 0000 0000 0800 4500  ..............E.",
                "0x0010:  003c a6f8 4000 4006 95c1 7f00 0001 7f00  .<..@.@.........",
                "0x0020:  0001 bdfa 8e0b 3bf9 2a21 0000 0000 a002  ......;.*!......",
                "0x0030:  ffd7 fe30 0000 0204 ffd7 0402 080a 4f91  ...0..........O.",
                "0x0040:  497a 0000 0000 0103 030a                 Iz........"),
                dumpLines(HexDumpText.render(r)));
    }

    @Test
    void anOddLastByteStandsAloneAndASpaceIsADotAsTcpdumpPrintsThem() throws Exception {
        // UDP 10.0.0.1.40000 > 10.0.0.2.53 with the 5 bytes "hello", written to odd.pcap;
        // tcpdump -nn -XX -r odd.pcap
        PacketResult r = HexDumpFrames.hex("000000000002 000000000001 0800 4500 0021 0000 4000 4011 0000 0a000001 0a000002"
                + " 9c40 0035 000d 0000 68656c6c6f");
        assertEquals(List.of(
                "0x0000:  0000 0000 0002 0000 0000 0001 0800 4500  ..............E.",
                "0x0010:  0021 0000 4000 4011 0000 0a00 0001 0a00  .!..@.@.........",
                "0x0020:  0002 9c40 0035 000d 0000 6865 6c6c 6f    ...@.5....hello"),
                dumpLines(HexDumpText.render(r)));
        // tcpdump shows 0x21 to 0x7e only (ND_ASCII_ISGRAPH), so the space 0x20 in the TS option is a dot:
        // tcpdump -nn -XX -r captures/scenarios/ipv6.pcapng, frame 2, its last line
        PacketResult ipv6 = HexDumpFrames.fromCapture("scenarios/ipv6.pcapng", 2);
        assertTrue(dumpLines(HexDumpText.render(ipv6)).contains(
                "0x0050:  080a 2072 2d59 1699 be1b 0103 030a       ...r-Y........"));
    }

    @Test
    void theTreeNamesEveryFieldAsWiresharkDoesWithItsBytes() {
        List<Frame> frames = new Segments().handshake();
        PacketPipeline pipeline = new PacketPipeline();
        pipeline.keep(frames.get(0));
        pipeline.keep(frames.get(1));
        // 3 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 1, win 502, options [nop,nop,TS val 101 ecr 500], length 0
        String text = HexDumpText.render(pipeline.keep(frames.get(2)));
        List<String> lines = text.lines().toList();
        assertEquals(List.of(
                "Frame 3: 66 bytes captured (66 on the wire)",
                " 0-65  Ethernet II, Src: 00:00:00:00:00:01, Dst: 00:00:00:00:00:02",
                " 0-5     Destination: 00:00:00:00:00:02",
                " 6-11    Source: 00:00:00:00:00:01",
                "12-13    Type: IPv4 (0x0800)",
                "14-65    Internet Protocol Version 4, Src: 10.0.0.1, Dst: 10.0.0.2",
                "14         0100 .... = Version: 4",
                "14         .... 0101 = Header Length: 20 bytes (5)",
                "15         Differentiated Services Field: 0x00 (DSCP: CS0, ECN: Not-ECT)",
                "             0000 00.. = Differentiated Services Codepoint: Default (0)",
                "             .... ..00 = Explicit Congestion Notification: Not ECN-Capable Transport (0)",
                "16-17      Total Length: 52",
                "18-19      Identification: 0x0000 (0)",
                "20         010. .... = Flags: 0x2, Don't fragment",
                "             0... .... = Reserved bit: Not set",
                "             .1.. .... = Don't fragment: Set",
                "             ..0. .... = More fragments: Not set",
                "20-21      ...0 0000 0000 0000 = Fragment Offset: 0",
                "22         Time to Live: 64",
                "23         Protocol: TCP (6)"),
                lines.subList(0, 20));
        assertEquals(List.of(
                "34-65      Transmission Control Protocol, Src Port: 40000, Dst Port: 80, Seq: 1, Ack: 1, Len: 0",
                "34-35        Source Port: 40000",
                "36-37        Destination Port: 80",
                "38-41        Sequence Number: 1    (relative sequence number)",
                "               Sequence Number (raw): " + (CLIENT_ISN + 1),
                "               [Next Sequence Number: 1    (relative sequence number)]",
                "42-45        Acknowledgment Number: 1    (relative ack number)",
                "               Acknowledgment number (raw): " + (SERVER_ISN + 1),
                "46           1000 .... = Header Length: 32 bytes (8)",
                "46-47        Flags: 0x010 (ACK)"),
                lines.subList(lines.indexOf("34-65      Transmission Control Protocol, Src Port: 40000, Dst Port: 80, Seq: 1,"
                        + " Ack: 1, Len: 0"), lines.indexOf("46-47        Flags: 0x010 (ACK)") + 1));
        assertTrue(lines.contains("48-49        Window: 502"), text);
        assertTrue(lines.contains("               [Calculated window size: 64256]"), text);
        assertTrue(lines.contains("               [Window size scaling factor: 128]"), text);
        assertEquals(List.of(
                "54-65        Options: (12 bytes), No-Operation (NOP), No-Operation (NOP), Timestamps",
                "54             TCP Option - No-Operation (NOP)",
                "                 Kind: 1",
                "55             TCP Option - No-Operation (NOP)",
                "                 Kind: 1",
                "56-65          TCP Option - Timestamps: TSval 101, TSecr 500",
                "                 Kind: 8, Length: 10",
                ""),
                lines.subList(lines.indexOf("54-65        Options: (12 bytes), No-Operation (NOP), No-Operation (NOP),"
                        + " Timestamps"), lines.indexOf("") + 1));
    }

    @Test
    void noControlCharacterOfAPayloadReachesTheTerminal() {
        byte[] payload = "<script>alert(1)</script>\u001b[31m".getBytes(StandardCharsets.ISO_8859_1);
        PacketResult r = hostile(payload);
        String text = HexDumpText.render(r);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            assertFalse(c < 0x20 && c != '\n' || c >= 0x7F && c <= 0x9F, "control character " + (int) c + " at " + i);
        }
        assertTrue(text.contains("TCP payload (30 bytes)"), text);
        List<String> dump = dumpLines(text);
        String ascii = String.join("", dump.stream().map(l -> l.substring(50)).toList());
        assertTrue(ascii.endsWith("<script>alert(1)</script>.[31m"), ascii);
    }

    @Test
    void aFrameCutBySnaplenShowsTheBytesItHasAndSaysWhatIsMissing() {
        Frame whole = new Segments().client(0, PSH | ACK, CLIENT_ISN + 1, SERVER_ISN + 1, 100, 502);
        Frame cut = whole.copy();
        cut.capturedLength = 60;
        PacketResult r = new PacketPipeline().keep(cut);
        String text = HexDumpText.render(r);
        List<String> lines = text.lines().toList();
        assertEquals("Frame 1: 60 bytes captured (154 on the wire)", lines.get(0));
        assertTrue(lines.contains("54-59        TCP payload (6 bytes captured of 100)"), text);
        assertEquals(4, dumpLines(text).size());
    }

    @Test
    void aBigFrameIsCutAfterTheLimitNeverInsideItsHeadersAndSaysHowMuchIsLeftOut() throws Exception {
        // Frame 4 of the bulk recording: 32,741 bytes of payload in a 32,807-byte loopback frame.
        PacketResult r = HexDumpFrames.fromCapture("scenarios/bulk.pcapng", 4);
        int cap = r.frame().capturedLength;
        assertTrue(cap > 32000, "a big frame: " + cap);
        List<String> dump = dumpLines(HexDumpText.render(r, 512));
        assertEquals(512 / 16 + 1, dump.size());
        assertTrue(dump.get(31).startsWith("0x01f0: "), dump.get(31));
        assertEquals(String.format("... %,d more bytes not shown (the frame has %,d)", cap - 512, cap), dump.get(32));
        // A limit inside the headers (66 bytes: Ethernet 14, IPv4 20, TCP 32) still shows them whole, in rows of 16.
        List<String> headers = dumpLines(HexDumpText.render(r, 10));
        assertEquals(5 + 1, headers.size(), String.join("\n", headers));
        assertEquals(dumpLines(HexDumpText.render(r)).subList(0, 5), headers.subList(0, 5), "the same lines as the whole dump");
        assertEquals(HexDumpText.render(r), HexDumpText.render(r, cap), "a limit at the frame's size cuts nothing");
    }

    @Test
    void bytesNoFieldCoversAreNamedTooFromPaddingToAnUndecodedProtocol() {
        // An IPv4 datagram of 40 bytes in a 60-byte Ethernet frame: the last 6 are padding.
        Frame f = new Segments().client(0, ACK, CLIENT_ISN + 1, SERVER_ISN + 1, 0, 502);
        byte[] padded = new byte[60];
        System.arraycopy(f.data, f.offset, padded, 0, 54);
        f.data = padded;
        f.offset = 0;
        f.capturedLength = f.originalLength = 60;
        List<String> lines = HexDumpText.render(new PacketPipeline().keep(f)).lines().toList();
        assertTrue(lines.contains("54-59    Padding (6 bytes)"), String.join("\n", lines));
        // ARP: the decoder names it and goes no further.
        PacketResult arp = HexDumpFrames.hex("ffffffffffff 000000000001 0806 0001 0800 06 04 0001 000000000001 0a000001"
                + " 000000000000 0a000002");
        List<String> arpLines = HexDumpText.render(arp).lines().toList();
        assertTrue(arpLines.contains("14-41    ARP (28 bytes, not decoded)"), String.join("\n", arpLines));
    }

    /** A data segment from the client whose payload is {@code payload}. */
    static PacketResult hostile(byte[] payload) {
        Frame f = new Segments().client(0, PSH | ACK, CLIENT_ISN + 1, SERVER_ISN + 1, payload.length, 502);
        System.arraycopy(payload, 0, f.data, f.offset + 54, payload.length);
        return new PacketPipeline().keep(f);
    }
}
