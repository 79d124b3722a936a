package io.wirebook.bench;

import io.wirebook.pipeline.PacketPipeline;
import io.wirebook.capture.CaptureFiles;
import io.wirebook.capture.Frame;
import io.wirebook.capture.FrameSource;
import io.wirebook.decode.Packet;
import io.wirebook.decode.PacketDecoder;

/**
 * Times the stages of {@code wirebook read} on a capture without any output: reading and decoding alone,
 * then with tracking and expert analysis. Usage: ReadPathBench FILE [ROUNDS]
 */
public final class ReadPathBench {
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        for (int r = 0; r < rounds; r++) {
            for (boolean analyse : new boolean[] {false, true}) {
                long t0 = System.nanoTime(), n = 0;
                PacketPipeline pipeline = new PacketPipeline();
                PacketDecoder decoder = new PacketDecoder();
                Packet p = new Packet();
                Frame f = new Frame();
                try (FrameSource src = CaptureFiles.open(args[0])) {
                    while (src.next(f)) {
                        if (analyse) {
                            pipeline.next(f);
                        } else {
                            decoder.decode(f, p);
                        }
                        n++;
                    }
                }
                double s = (System.nanoTime() - t0) / 1e9;
                System.out.printf("%s: %,d packets in %.2f s (%,.0f/s)%n", analyse ? "decode+analyse" : "decode", n, s, n / s);
            }
        }
    }
}
