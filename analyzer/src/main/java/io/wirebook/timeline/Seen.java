package io.wirebook.timeline;

import io.wirebook.calls.Side;
import io.wirebook.capture.Frame;
import io.wirebook.pipeline.PacketResult;
import io.wirebook.timeline.SocketMap.Sock;
import java.util.ArrayList;
import java.util.List;

/** One packet's pipeline result and what causality found of it, kept for the whole (small) timeline. */
final class Seen {
    final PacketResult result;
    final Frame frame;
    final long ts;
    String src, dst;
    int protocol;
    int flags;
    int payload;
    int stream = -1;
    boolean fromFirst;
    long relSeq, relAck;
    boolean icmpError;
    String icmpQuotedSrc, icmpQuotedDst;
    Sock sender, receiver;
    Side side;
    final List<TimelineEvent.StateChange> states = new ArrayList<>(2);
    Cause cause;
    /** Stream offset of the first payload byte (relSeq - 1) when the SYN was seen. */
    long offset = -1;
    boolean retransmission;

    Seen(PacketResult r) {
        result = r;
        frame = r.frame();
        ts = frame.epochNanos();
    }

    boolean has(int flag) {
        return (flags & flag) != 0;
    }
}
