package io.wirebook.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirebook.capture.LinkType;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FieldSpansTest {
    @Test
    void everyFieldOfTheSynHasItsSpanAndTheHeaderBytesAreCovered() {
        Packet p = Frames.decode(LinkType.EN10MB, Frames.ETH_IPV4 + TcpDecodeTest.SYN);
        List<FieldSpan> spans = FieldSpans.of(p);
        Map<String, FieldSpan> byName = spans.stream().collect(Collectors.toMap(FieldSpan::name, Function.identity()));
        assertEquals(new FieldSpan("ip", "ip.src", 26, 4), byName.get("ip.src"));
        assertEquals(new FieldSpan("tcp", "tcp.seq", 38, 4), byName.get("tcp.seq"));
        assertEquals(new FieldSpan("tcp", "tcp.option.wscale", 71, 3), byName.get("tcp.option.wscale"));
        assertEquals(new FieldSpan("tcp", "tcp.window_size_value", 48, 2), byName.get("tcp.window_size_value"));
        // Every byte of the 74-byte frame belongs to some field.
        boolean[] covered = new boolean[p.frame.capturedLength];
        for (FieldSpan s : spans) {
            for (int i = s.offset(); i < s.end(); i++) {
                covered[i] = true;
            }
        }
        for (int i = 0; i < covered.length; i++) {
            assertTrue(covered[i], "byte " + i + " is in no field");
        }
    }

    @Test
    void spansStopAtTheCapturedBytes() {
        byte[] b = Frames.hex(Frames.ETH_IPV4 + TcpDecodeTest.SYN.substring(0, 60));
        Packet p = new PacketDecoder().decode(Frames.frame(LinkType.EN10MB, b, 74), new Packet());
        for (FieldSpan s : FieldSpans.of(p)) {
            assertTrue(s.end() <= b.length, s.toString());
        }
    }
}
