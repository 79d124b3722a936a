package io.wirebook.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file series of {@code capture -C/-W/-G}, with a clock the test moves: tcpdump's names and its rules for
 * when a file ends (the live test with tshark is {@code io.wirebook.lab.CaptureRingTest}).
 */
class RotatingCaptureWriterTest {
    @TempDir
    Path dir;

    /** A pcap record of a 100-byte frame: 16 + 100 bytes; the file's header is 24. */
    private static Frame frame(int i) {
        Frame f = new Frame();
        f.number = i;
        f.epochSeconds = 1_700_000_000L + i;
        f.capturedLength = 100;
        f.originalLength = 100;
        f.linkType = LinkType.EN10MB;
        f.data = new byte[100];
        f.data[0] = (byte) i;
        return f;
    }

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-03T10:15:30Z"));
    private final List<String> opened = new ArrayList<>();

    private RotatingCaptureWriter writer(String name, RotatingCaptureWriter.Policy p) throws IOException {
        RotatingCaptureWriter w = new RotatingCaptureWriter(dir.resolve(name), p, f -> {
            opened.add(dir.relativize(f).toString());
            return new PcapWriter(f, LinkType.EN10MB, 65535, true);
        }, now::get, ZoneOffset.UTC);
        w.start();
        return w;
    }

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName() + "=" + p.toFile().length()).sorted().toList();
        }
    }

    @Test
    void withoutWTheNamesAreFThenF1F2AndAFileEndsOnThePacketThatCrossesTheSize() throws IOException {
        // 1000 bytes: 24 + 9 records (1068) is the first past it, so each file holds 9 records.
        try (RotatingCaptureWriter w = writer("cap", new RotatingCaptureWriter.Policy(1000, 0, 0))) {
            for (int i = 0; i < 20; i++) {
                w.write(frame(i), null);
            }
        }
        assertEquals(List.of("cap", "cap1", "cap2"), opened);
        assertEquals(List.of("cap1=1068", "cap2=256", "cap=1068"), files());
    }

    @Test
    void withWTheNamesHaveTheCounterPaddedToTheDigitsOfCountMinusOneAndTheRingWrapsOverTheFirst() throws IOException {
        try (RotatingCaptureWriter w = writer("ring", new RotatingCaptureWriter.Policy(1000, 3, 0))) {
            for (int i = 0; i < 40; i++) {
                w.write(frame(i), null);
            }
        }
        assertEquals(List.of("ring0", "ring1", "ring2", "ring0", "ring1"), opened);
        assertEquals(List.of("ring0=1068", "ring1=488", "ring2=1068"), files());
        assertEquals("x00", RotatingCaptureWriter.name("x", 0, new RotatingCaptureWriter.Policy(1, 11, 0).counterDigits()));
        assertEquals("x9", RotatingCaptureWriter.name("x", 9, new RotatingCaptureWriter.Policy(1, 10, 0).counterDigits()));
        assertEquals("x", RotatingCaptureWriter.name("x", 0, new RotatingCaptureWriter.Policy(1, 1, 0).counterDigits()));
    }

    @Test
    void withGANewFileStartsWhenAPacketComesSecondsAfterTheCurrentOneOpenedNamedByStrftime() throws IOException {
        try (RotatingCaptureWriter w = writer("t-%H%M%S.pcap", new RotatingCaptureWriter.Policy(0, 0, 10))) {
            w.write(frame(1), null);
            now.set(now.get().plusSeconds(9));
            w.write(frame(2), null);
            now.set(now.get().plusSeconds(1));
            w.write(frame(3), null);
            now.set(now.get().plusSeconds(25));
            w.write(frame(4), null);
        }
        assertEquals(List.of("t-101530.pcap", "t-101540.pcap", "t-101605.pcap"), opened);
        assertEquals(List.of("t-101530.pcap=256", "t-101540.pcap=140", "t-101605.pcap=140"), files());
    }

    @Test
    void withGAndWAloneCountFilesEndTheCaptureAndThePacketForOneMoreIsNotWritten() throws IOException {
        try (RotatingCaptureWriter w = writer("g%s", new RotatingCaptureWriter.Policy(0, 2, 1))) {
            assertTrue(w.offer(frame(1), null));
            now.set(now.get().plusSeconds(1));
            assertTrue(w.offer(frame(2), null));
            now.set(now.get().plusSeconds(1));
            assertFalse(w.offer(frame(3), null));
            assertTrue(w.limitReached());
        }
        long t = Instant.parse("2026-12-03T10:15:30Z").getEpochSecond();
        assertEquals(List.of("g" + t, "g" + (t + 1)), opened);
    }

    @Test
    void withGAndCTheSizeCounterStartsAgainInEachTimeSlot() throws IOException {
        try (RotatingCaptureWriter w = writer("s%M", new RotatingCaptureWriter.Policy(200, 0, 60))) {
            for (int i = 0; i < 3; i++) {
                w.write(frame(i), null);
            }
            now.set(now.get().plusSeconds(60));
            for (int i = 0; i < 3; i++) {
                w.write(frame(i), null);
            }
        }
        assertEquals(List.of("s15", "s151", "s16", "s161"), opened);
    }

    @Test
    void strftimeFormatsWhatAFileNameNeedsAndRefusesWhatItDoesNotKnow() {
        ZonedDateTime t = ZonedDateTime.of(2026, 2, 3, 4, 5, 6, 0, ZoneId.of("UTC"));
        assertEquals("2026-02-03_04:05:06 26 034 1770091506 Tue Feb AM 04 %",
                RotatingCaptureWriter.strftime("%F_%T %y %j %s %a %b %p %I %%", t));
        assertEquals("20260203-040506.pcapng", RotatingCaptureWriter.strftime("%Y%m%d-%H%M%S.pcapng", t));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RotatingCaptureWriter.strftime("cap-%Q", t));
        assertTrue(e.getMessage().startsWith("%Q in \"cap-%Q\" is not a time conversion Wirebook knows"), e.getMessage());
    }
}
