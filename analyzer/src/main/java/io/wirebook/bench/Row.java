package io.wirebook.bench;

import java.util.ArrayList;
import java.util.List;

/** One line of the table: one command on one capture, with every run of it. */
public final class Row {
    /** What the command is, which decides what its line shows. */
    public enum Kind {
        /** A Wirebook command a user runs: its line gives the ratio to each reference tool on the same file. */
        WIREBOOK,
        /** A reference tool (cat, tcpdump, tshark): the others are compared with it. */
        REFERENCE,
        /** Wirebook's decode-only pass: its line gives the pass's own rate in GB/s. */
        DECODE,
        /** Wirebook on a tiny capture: the cost of starting. */
        STARTUP
    }

    public final Capture capture;
    public final Command command;
    private final List<Sample> samples = new ArrayList<>();

    public Row(Capture capture, Command command) {
        this.capture = capture;
        this.command = command;
    }

    public void add(Sample s) {
        samples.add(s);
    }

    /** Every run, failed ones included. */
    public List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** The runs that exited 0: only those are counted in the figures. */
    public List<Sample> good() {
        return samples.stream().filter(s -> s.exitCode() == 0).toList();
    }

    /** The first run that failed, or null. */
    public Sample firstFailure() {
        return samples.stream().filter(s -> s.exitCode() != 0).findFirst().orElse(null);
    }

    public long medianWallNanos() {
        return Stats.median(good().stream().mapToLong(Sample::wallNanos).toArray());
    }

    public long minWallNanos() {
        return Stats.min(good().stream().mapToLong(Sample::wallNanos).toArray());
    }

    public long maxWallNanos() {
        return Stats.max(good().stream().mapToLong(Sample::wallNanos).toArray());
    }

    /** Median user+sys CPU in milliseconds, or -1 when not measured. */
    public long medianCpuMillis() {
        return Stats.median(good().stream().mapToLong(Sample::cpuMillis).toArray());
    }

    /** The highest peak RSS of all runs, in KiB, or -1 when not measured. */
    public long peakRssKiB() {
        return Stats.max(good().stream().mapToLong(Sample::peakRssKiB).toArray());
    }

    /** Median time of the decode-only pass inside the child, or -1. */
    public long medianDecodeNanos() {
        return Stats.median(good().stream().mapToLong(Sample::decodeNanos).toArray());
    }

    /** Packets per second at the median wall time, or -1. */
    public double packetsPerSecond() {
        long wall = medianWallNanos();
        return wall <= 0 ? -1 : capture.packets() * 1e9 / wall;
    }

    /** Megabytes (10^6 bytes) of the file per second at the median wall time, or -1. */
    public double megabytesPerSecond() {
        long wall = medianWallNanos();
        return wall <= 0 ? -1 : capture.bytes() / 1e6 * 1e9 / wall;
    }

    /** The decode-only pass's rate in GB/s (10^9 bytes), from its time inside the child, or -1. */
    public double decodeGigabytesPerSecond() {
        long t = medianDecodeNanos();
        return t <= 0 ? -1 : capture.bytes() / (double) t;
    }

    /**
     * How many times faster this row's command is than {@code reference}'s, as the ratio of their median
     * wall times (above 1: this one is faster), or -1 when either has no good run.
     */
    public double fasterThan(Row reference) {
        long mine = medianWallNanos();
        long theirs = reference.medianWallNanos();
        return mine <= 0 || theirs <= 0 ? -1 : theirs / (double) mine;
    }
}
