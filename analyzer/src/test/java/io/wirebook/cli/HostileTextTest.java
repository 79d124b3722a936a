package io.wirebook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.wirebook.StrictJson;
import io.wirebook.capture.Frame;
import io.wirebook.capture.LinkType;
import io.wirebook.capture.PcapngWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text that a capture or a user hands us (pcapng comments, payload bytes, file names) never reaches a
 * terminal raw: JSON Lines carries control characters as \\u escapes, error lines show them as \\x escapes
 * (as tcpdump and tshark do), {@code follow} shows control bytes of the payload as '.' (tshark's ascii
 * mode). And the small mistakes a hostile input or a slip of the keyboard makes: {@code read -c -5},
 * {@code read -} with standard input closed.
 */
class HostileTextTest {
    @TempDir
    Path tmp;

    /** ESC ] 2 ; ... BEL sets a terminal's title; CSI (0x9b) is ESC [ in one C1 byte; DEL; U+2028; RLO. */
    private static final String COMMENT = "set title \u001b]2;owned\u0007, csi \u009b31m, del \u007f, ls \u2028, rlo \u202e.";

    /** A raw-IP TCP segment from 10.0.0.1:40000 to 10.0.0.2:80 with {@code payload}. */
    private static Frame segment(long number, int flags, long seq, long ack, byte[] payload, boolean fromClient) {
        int total = 40 + payload.length;
        byte[] b = new byte[total];
        byte[] ip = {0x45, 0, (byte) (total >> 8), (byte) total, 0, 0, 0x40, 0, 64, 6, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2};
        if (!fromClient) {
            ip[15] = 2;
            ip[19] = 1;
        }
        System.arraycopy(ip, 0, b, 0, 20);
        int sport = fromClient ? 40000 : 80, dport = fromClient ? 80 : 40000;
        b[20] = (byte) (sport >> 8);
        b[21] = (byte) sport;
        b[22] = (byte) (dport >> 8);
        b[23] = (byte) dport;
        for (int i = 0; i < 4; i++) {
            b[24 + i] = (byte) (seq >> (24 - 8 * i));
            b[28 + i] = (byte) (ack >> (24 - 8 * i));
        }
        b[32] = 0x50;
        b[33] = (byte) flags;
        b[34] = (byte) 0xff;
        b[35] = (byte) 0xff;
        System.arraycopy(payload, 0, b, 40, payload.length);
        Frame f = new Frame();
        f.number = number;
        f.epochSeconds = 1_700_000_000L;
        f.nanos = (int) number * 1000;
        f.linkType = LinkType.RAW;
        f.data = b;
        f.capturedLength = total;
        f.originalLength = total;
        return f;
    }

    /** A handshake, then the client's payload (its packet carrying {@link #COMMENT}), as pcapng. */
    private Path capture(byte[] payload) throws IOException {
        Path file = tmp.resolve("hostile.pcapng");
        try (PcapngWriter w = new PcapngWriter(file, LinkType.RAW, 65535, "eth\u001b[2J0", false)) {
            w.write(segment(1, 0x02, 100, 0, new byte[0], true), List.of());
            w.write(segment(2, 0x12, 500, 101, new byte[0], false), List.of());
            w.write(segment(3, 0x18, 101, 501, payload, true), List.of(COMMENT));
        }
        return file;
    }

    @Test
    void jsonLinesEscapeACommentsControlCharacters() throws IOException {
        Path file = capture("hello".getBytes(StandardCharsets.US_ASCII));
        CliRunner r = CliRunner.run("read", "--format", "jsonl", file.toString());
        assertEquals(0, r.exitCode, r.stderr);
        String line = r.stdout.lines().toList().get(2);
        assertTrue(line.contains("\"comments\":[\"set title \\u001B]2;owned\\u0007, csi \\u009B31m, del \\u007F, "
                + "ls \\u2028, rlo \\u202E.\"]"), line);
        for (char c : r.stdout.toCharArray()) {
            assertFalse(c < 0x20 && c != '\n' || c >= 0x7f && c < 0xa0 || c == 0x2028 || c == 0x202e,
                    "raw U+" + Integer.toHexString(c) + " in " + r.stdout);
        }
        JsonNode parsed = StrictJson.tree(line);
        assertEquals(COMMENT, parsed.get("comments").get(0).asText(), "the comment reads back as it was");
    }

    @Test
    void followShowsPayloadControlBytesAsDotsAsTsharkDoes() throws IOException {
        byte[] payload = "GET /\u001b[2J\u0007 x\u007f\r\nok\n".getBytes(StandardCharsets.ISO_8859_1);
        payload = java.util.Arrays.copyOf(payload, payload.length + 2);
        payload[payload.length - 2] = (byte) 0xc2; // UTF-8 of U+009B (CSI): each byte outside ASCII is a '.'
        payload[payload.length - 1] = (byte) 0x9b;
        Path file = capture(payload);
        CliRunner r = CliRunner.run("follow", file.toString());
        assertEquals(0, r.exitCode, r.stderr);
        assertTrue(r.stdout.contains("\n" + payload.length + "\nGET /.[2J. x.\r\nok\n..\n"), r.stdout);
    }

    @Test
    void aFileNameWithEscapeSequencesIsEscapedInTheErrorLine() throws IOException {
        Path missing = tmp.resolve("x\u001b]2;owned\u0007.pcap");
        CliRunner r = CliRunner.run("read", missing.toString());
        assertEquals(ExitCodes.CANNOT_OPEN, r.exitCode);
        assertEquals("wirebook: " + tmp + "/x\\x1b]2;owned\\x07.pcap: no such file\n", r.stderr);

        Path damaged = tmp.resolve("cut\u009b2J.pcapng");
        byte[] whole = Files.readAllBytes(capture(new byte[0]));
        Files.write(damaged, java.util.Arrays.copyOf(whole, whole.length - 3));
        r = CliRunner.run("read", damaged.toString());
        assertEquals(ExitCodes.INPUT_ERROR, r.exitCode, r.stderr);
        assertTrue(r.stderr.startsWith("wirebook: " + tmp + "/cut\\x9b2J.pcapng: "), r.stderr);
        assertEquals(1, r.stderr.lines().count(), r.stderr);
    }

    @Test
    void aNonPositivePacketCountIsRefused() {
        Path any = io.wirebook.TestCaptures.get("third-party/tcpdump/dns_tcp.pcap");
        for (String n : List.of("-5", "0")) {
            CliRunner r = CliRunner.run("read", "-c", n, any.toString());
            assertEquals(ExitCodes.USAGE, r.exitCode, n);
            assertEquals("-c: invalid packet count " + n + " (a number of packets, 1 or more)\n", r.stderr);
            assertEquals("", r.stdout);
        }
        assertEquals(1, CliRunner.run("read", "-c", "1", any.toString()).stdout.lines().count());
        // capture's -c too, before it opens the interface (so also without privileges or such an interface).
        for (String n : List.of("-5", "0")) {
            CliRunner r = CliRunner.run("capture", "-i", "lo", "-c", n);
            assertEquals(ExitCodes.USAGE, r.exitCode, "capture -c " + n);
            assertEquals("-c: invalid packet count " + n + " (a number of packets, 1 or more)\n", r.stderr);
        }
    }

    /** tcpdump -r - <&- says "Bad file descriptor"; the JVM would read its own lib/modules from descriptor 0. */
    @Test
    void readingAClosedStandardInputIsOneLineAndExitThree() throws Exception {
        String cmd = String.join(" ", CliProcess.command(List.of(), "read", "-").stream().map(BackgroundJob::quote).toList());
        Process p = new ProcessBuilder("bash", "-c", "exec " + cmd + " <&-").redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(ExitCodes.CANNOT_OPEN, p.exitValue(), err);
        assertEquals("wirebook: -: cannot open: standard input is closed (Bad file descriptor)\n", err);
        assertEquals("", out);
    }
}
