package io.wirebook.synth;

import io.wirebook.capture.CaptureFiles;
import io.wirebook.capture.Frame;
import io.wirebook.capture.FrameSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** A capture generated in memory: its bytes, its labels and its summary, readable with Wirebook's own reader. */
final class Generated {
    final byte[] bytes;
    final String labelsText;
    final SynthSummary summary;
    /** Frame number to its labels, as the labels file lists them. */
    final Map<Long, List<String>> labels = new HashMap<>();

    private Generated(byte[] bytes, String labelsText, SynthSummary summary) {
        this.bytes = bytes;
        this.labelsText = labelsText;
        this.summary = summary;
        for (String line : labelsText.split("\n")) {
            if (!line.isEmpty()) {
                String[] f = line.split(" ");
                labels.computeIfAbsent(Long.parseLong(f[0]), k -> new ArrayList<>()).add(f[1]);
            }
        }
    }

    static Generated of(SynthOptions options) {
        return of(options, PortAllocator.FIRST, PortAllocator.END);
    }

    /** A capture whose clients use ports {@code firstPort..endPort-1} only. */
    static Generated of(SynthOptions options, int firstPort, int endPort) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter labels = new StringWriter();
        try {
            SynthSummary s = SyntheticCapture.generate(options, Channels.newChannel(out), labels, firstPort, endPort);
            return new Generated(out.toByteArray(), labels.toString(), s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the capture back with {@link CaptureFiles#open}, handing every frame to {@code each}. */
    FrameSource open() throws IOException {
        return CaptureFiles.open("generated", Channels.newChannel(new ByteArrayInputStream(bytes)));
    }

    long forEachFrame(Consumer<Frame> each) throws IOException {
        long n = 0;
        try (FrameSource src = open()) {
            Frame f = new Frame();
            while (src.next(f)) {
                each.accept(f);
                n++;
            }
        }
        return n;
    }
}
