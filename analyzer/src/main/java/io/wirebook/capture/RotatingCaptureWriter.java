package io.wirebook.capture;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.function.Supplier;

/**
 * A capture written as a series of files, as tcpdump's {@code -C}, {@code -W} and {@code -G} write one: each
 * file is a whole capture of its own (a pcap header, or a pcapng section header and interface description),
 * so any file of the series opens alone in every reader.
 *
 * <p>The rules are tcpdump's (4.99, {@code dump_packet_and_trunc}), so that a script written for tcpdump
 * finds the files it expects:
 * <ul>
 *   <li>{@code -C SIZE}: before a packet is written, a file that already holds more than SIZE bytes is
 *       closed and the next one opened, so a file ends just past SIZE, on the packet that crossed it.</li>
 *   <li>Names: the first file is {@code F}, then {@code F1}, {@code F2}, ... With {@code -W COUNT} every name
 *       has the counter, padded to the digits of COUNT - 1 ({@code F0} ... {@code F9} for 10, {@code F00} ...
 *       for 11 or more; only {@code F} for 1), and after COUNT files the first one is written over: a ring.</li>
 *   <li>{@code -G SECONDS}: when a packet comes SECONDS or more after the current file was opened, a new
 *       file is opened, named by formatting {@code F} as {@code strftime(3)} would at that moment (local
 *       time; see {@link #strftime}); with {@code -C} too, the size counter starts again for each. With
 *       {@code -W COUNT} and no {@code -C}, COUNT files end the capture.</li>
 * </ul>
 */
public final class RotatingCaptureWriter implements CaptureWriter {
    /** Opens one file of the series: a pcap or pcapng writer with its header written. */
    public interface Opener {
        CaptureWriter open(Path file) throws IOException;
    }

    /**
     * When to start a new file. {@code maxBytes} 0: no size limit; {@code fileCount} 0: no limit on the files;
     * {@code seconds} 0: no time limit.
     */
    public record Policy(long maxBytes, int fileCount, long seconds) {
        public static final Policy NONE = new Policy(0, 0, 0);

        public Policy {
            if (maxBytes < 0 || fileCount < 0 || seconds < 0) {
                throw new IllegalArgumentException("negative limit: " + maxBytes + ", " + fileCount + ", " + seconds);
            }
        }

        /** Digits of the counter in file names: those of {@code fileCount - 1} (tcpdump's getWflagChars). */
        int counterDigits() {
            int digits = 0;
            for (int x = fileCount - 1; x > 0; x /= 10) {
                digits++;
            }
            return digits;
        }
    }

    private final String base;
    private final Policy policy;
    private final Opener opener;
    private final Supplier<Instant> clock;
    private final ZoneId zone;
    /** The name before the size counter: {@link #base}, or {@link #base} formatted for the current -G slot. */
    private String slotName;
    private long slotStartSecond;
    private int sizeCounter;
    private int timeFiles = 1;
    private Path current;
    private CaptureWriter writer;
    private boolean limitReached;
    private boolean opened;

    /**
     * A series of files named after {@code base}, the name given to {@code -w}; {@link #start()} opens the
     * first. Time is the system clock's, names are in the system's time zone (as tcpdump's, localtime).
     */
    public RotatingCaptureWriter(Path base, Policy policy, Opener opener) {
        this(base, policy, opener, Instant::now, ZoneId.systemDefault());
    }

    RotatingCaptureWriter(Path base, Policy policy, Opener opener, Supplier<Instant> clock, ZoneId zone) {
        this.base = base.toString();
        this.policy = policy;
        this.opener = opener;
        this.clock = clock;
        this.zone = zone;
        Instant now = clock.get();
        slotStartSecond = now.getEpochSecond();
        slotName = policy.seconds() > 0 ? strftime(this.base, ZonedDateTime.ofInstant(now, zone)) : this.base;
        current = Path.of(name(slotName, 0, policy.maxBytes() > 0 ? policy.counterDigits() : 0));
    }

    /** Opens the first file ({@link #currentFile()} names it, also when this fails). */
    public void start() throws IOException {
        open(current.toString());
    }

    /** True once the first file was opened. */
    public boolean started() {
        return opened;
    }

    /** tcpdump's MakeFilename: {@code name} alone for counter 0 with no digits, else the padded counter after it. */
    static String name(String name, int counter, int digits) {
        if (counter == 0 && digits == 0) {
            return name;
        }
        String n = Integer.toString(counter);
        return name + "0".repeat(Math.max(0, digits - n.length())) + n;
    }

    private void open(String name) throws IOException {
        current = Path.of(name);
        writer = null;
        writer = opener.open(current);
        opened = true;
    }

    /** The file being written (for error lines: the one that failed). */
    public Path currentFile() {
        return current;
    }

    /**
     * True once {@code -G} with {@code -W} and no {@code -C} has made its COUNT files and a packet came for one
     * more: the capture should end (tcpdump: "Maximum file limit reached"). That packet was not written.
     */
    public boolean limitReached() {
        return limitReached;
    }

    /**
     * Writes {@code frame} to the current file, first starting a new one when the policy says so. Returns
     * false, writing nothing, when the file limit of {@link #limitReached()} is reached.
     */
    public boolean offer(Frame frame, List<String> comments) throws IOException {
        if (limitReached) {
            return false;
        }
        if (policy.seconds() > 0) {
            Instant now = clock.get();
            if (now.getEpochSecond() - slotStartSecond >= policy.seconds()) {
                if (policy.maxBytes() == 0 && policy.fileCount() > 0 && timeFiles >= policy.fileCount()) {
                    limitReached = true;
                    return false;
                }
                slotStartSecond = now.getEpochSecond();
                timeFiles++;
                sizeCounter = 0;
                slotName = strftime(base, ZonedDateTime.ofInstant(now, zone));
                rotate(name(slotName, 0, policy.maxBytes() > 0 ? policy.counterDigits() : 0));
            }
        }
        if (policy.maxBytes() > 0 && writer.bytesWritten() > policy.maxBytes()) {
            sizeCounter++;
            if (policy.fileCount() > 0 && sizeCounter >= policy.fileCount()) {
                sizeCounter = 0;
            }
            rotate(name(slotName, sizeCounter, policy.counterDigits()));
        }
        writer.write(frame, comments);
        return true;
    }

    private void rotate(String next) throws IOException {
        CaptureWriter done = writer;
        writer = null;
        done.close();
        open(next);
    }

    @Override
    public void write(Frame frame, List<String> comments) throws IOException {
        offer(frame, comments);
    }

    @Override
    public void flush() throws IOException {
        if (writer != null) {
            writer.flush();
        }
    }

    @Override
    public long bytesWritten() {
        return writer == null ? 0 : writer.bytesWritten();
    }

    @Override
    public void close() throws IOException {
        if (writer != null) {
            CaptureWriter w = writer;
            writer = null;
            w.close();
        }
    }

    /**
     * {@code pattern} with the conversions of strftime(3) that make sense in a file name replaced by the
     * fields of {@code t}: {@code %Y %y %m %d %e %H %I %M %S %p %j %s %a %A %b %B %h %F %T %D %R %u %w %z %Z %%}.
     * Any other {@code %} conversion is an error, not kept as it is, so that a mistyped name is found at once.
     *
     * @throws IllegalArgumentException naming the conversion it does not know
     */
    public static String strftime(String pattern, ZonedDateTime t) {
        StringBuilder sb = new StringBuilder(pattern.length() + 16);
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != '%') {
                sb.append(c);
                continue;
            }
            if (i + 1 == pattern.length()) {
                throw new IllegalArgumentException("a lone % at the end of \"" + pattern + "\" (%% is a %)");
            }
            char k = pattern.charAt(++i);
            switch (k) {
                case 'Y' -> sb.append(t.getYear());
                case 'y' -> pad(sb, t.getYear() % 100, 2);
                case 'm' -> pad(sb, t.getMonthValue(), 2);
                case 'd' -> pad(sb, t.getDayOfMonth(), 2);
                case 'e' -> sb.append(t.getDayOfMonth() < 10 ? " " : "").append(t.getDayOfMonth());
                case 'H' -> pad(sb, t.getHour(), 2);
                case 'I' -> pad(sb, (t.getHour() + 11) % 12 + 1, 2);
                case 'p' -> sb.append(t.getHour() < 12 ? "AM" : "PM");
                case 'M' -> pad(sb, t.getMinute(), 2);
                case 'S' -> pad(sb, t.getSecond(), 2);
                case 'j' -> pad(sb, t.getDayOfYear(), 3);
                case 's' -> sb.append(t.toEpochSecond());
                case 'u' -> sb.append(t.getDayOfWeek().getValue());
                case 'w' -> sb.append(t.getDayOfWeek().getValue() % 7);
                case 'a' -> sb.append(word(t.getDayOfWeek().name(), 3));
                case 'A' -> sb.append(word(t.getDayOfWeek().name(), 0));
                case 'b', 'h' -> sb.append(word(t.getMonth().name(), 3));
                case 'B' -> sb.append(word(t.getMonth().name(), 0));
                case 'F' -> sb.append(strftime("%Y-%m-%d", t));
                case 'T' -> sb.append(strftime("%H:%M:%S", t));
                case 'D' -> sb.append(strftime("%m/%d/%y", t));
                case 'R' -> sb.append(strftime("%H:%M", t));
                case 'z' -> sb.append(t.getOffset().getId().equals("Z") ? "+0000" : t.getOffset().getId().replace(":", ""));
                case 'Z' -> sb.append(t.getZone().normalized().getId().equals("Z") ? "UTC"
                        : java.time.format.DateTimeFormatter.ofPattern("zzz", java.util.Locale.ROOT).format(t));
                case '%' -> sb.append('%');
                default -> throw new IllegalArgumentException("%" + k + " in \"" + pattern + "\" is not a time"
                        + " conversion Wirebook knows (%Y %y %m %d %e %H %I %M %S %p %j %s %a %A %b %B %h %F %T %D"
                        + " %R %u %w %z %Z %%)");
            }
        }
        return sb.toString();
    }

    private static void pad(StringBuilder sb, int value, int width) {
        String s = Integer.toString(value);
        sb.append("0".repeat(Math.max(0, width - s.length()))).append(s);
    }

    /** An English day or month name in C locale's case ("Monday", or "Mon" for {@code length} 3). */
    private static String word(String upper, int length) {
        String w = upper.charAt(0) + upper.substring(1).toLowerCase(java.util.Locale.ROOT);
        return length > 0 ? w.substring(0, length) : w;
    }
}
