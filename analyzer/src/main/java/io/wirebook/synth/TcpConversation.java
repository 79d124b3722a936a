package io.wirebook.synth;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * One TCP connection over loopback, planned a phase at a time and written a segment at a time.
 *
 * <p>The life of a connection (RFC 9293 section 3.5 and 3.6, with Linux's choices on {@code lo}):
 * <ol>
 *   <li>handshake: SYN and SYN-ACK carrying MSS, SACK-permitted, timestamps, NOP, window scale 7; the final
 *       ACK. A refused connection instead gets RST-ACK to its SYN and ends there;</li>
 *   <li>request/response exchanges while its packet budget lasts: the client's request, the server's
 *       response, each cut into segments, every segment with NOP,NOP,timestamps; the receiver ACKs every
 *       second segment and delays the ACK of the last (it rides on the next data or goes alone);</li>
 *   <li>teardown: FIN from one side and the other's ACK then FIN (four-way), FIN-ACK answered by FIN-ACK
 *       (three-way), or an RST-ACK abort.</li>
 * </ol>
 * Some messages carry an injected anomaly ({@link TcpAnomalies}). Sequence numbers, ACKs, windows and
 * timestamp echoes are kept per side as a real stack would, so that tshark's analysis finds exactly the
 * anomalies that were planned and nothing else.
 *
 * <p>Objects are pooled by the generator: {@link #open} starts a new connection on a used object.
 */
final class TcpConversation extends Flow {
    static final int CLIENT = 0, SERVER = 1;
    static final int FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10;
    /** Raw window after the handshake: 512 << 7 = 64 KiB, what Linux advertises on lo at first. */
    static final int WINDOW = 512;
    static final int WINDOW_SCALE = 7;
    private static final int TEARDOWN_RST = 1, TEARDOWN_THREE_WAY = 3, TEARDOWN_FOUR_WAY = 4;
    private static final int PHASE_HANDSHAKE = 0, PHASE_EXCHANGES = 1, PHASE_TEARDOWN = 2, PHASE_DONE = 3;

    private static final VarHandle BE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    final SegmentQueue q = new SegmentQueue();
    private final TrafficModel m;
    private final byte[] options = new byte[40];

    // Identity.
    boolean v6;
    int flowLabel;
    int clientPort;
    int serverPort;
    /** The allocator's key for this connection's (family, server port), to give the port back. */
    int portKey;
    boolean refused;

    // Per side (CLIENT, SERVER): what a TCP stack keeps.
    /** Next sequence number the side sends (SND.NXT). */
    final int[] nxt = new int[2];
    /** Acknowledgment number of the side's last segment. */
    final int[] lastAck = new int[2];
    /** Window the side advertises (raw field). */
    final int[] window = new int[2];
    /** The side received data it has not acknowledged yet (a delayed ACK is pending). */
    final boolean[] owesAck = new boolean[2];
    /** The side sent a segment other than its SYN: its window is the scaled one from now on. */
    final boolean[] established = new boolean[2];
    private final int[] tsOffset = new int[2];
    private final int[] tsLast = new int[2];
    /** Largest payload the connection puts in one segment (its application's write size). */
    int segmentCap;

    // Plan.
    /** Time of the last planned segment; planning moves it forward. */
    long clock;
    private int phase;
    private int teardown;
    private boolean longLived;
    /** Packets this connection should take, and how many it has planned. */
    double budget;
    int planned;
    int exchanges;
    /** Packets written so far. */
    int written;
    /** Set on the SYN when the 4-tuple was used before in this capture. */
    private boolean reusedPorts;

    TcpConversation(TrafficModel model) {
        this.m = model;
    }

    /**
     * Starts a connection at time {@code t}: draws its flow label, timestamp clocks and write size, and plans
     * the handshake. {@code budget} is how many packets it should take (see {@link #planNext}).
     */
    void open(long t, boolean v6, int clientPort, int serverPort, int portKey, boolean reusedPorts, boolean refused,
            int teardown, boolean longLived, double budget) {
        this.v6 = v6;
        this.flowLabel = v6 ? m.rng.nextInt(1 << 20) : 0;
        this.clientPort = clientPort;
        this.serverPort = serverPort;
        this.portKey = portKey;
        this.reusedPorts = reusedPorts;
        this.refused = refused;
        this.teardown = teardown;
        this.longLived = longLived;
        this.budget = budget;
        this.planned = 0;
        this.exchanges = 0;
        this.written = 0;
        this.clock = t;
        q.clear();
        for (int s = 0; s < 2; s++) {
            owesAck[s] = false;
            established[s] = false;
            lastAck[s] = 0;
            tsOffset[s] = m.rng.nextInt();
            tsLast[s] = 0;
        }
        int maxSegment = (v6 ? 65_476 : 65_495) - 12; // MSS less the 12 bytes of NOP,NOP,TS on every segment
        segmentCap = m.segmentCap(maxSegment);
        handshake();
    }

    /** Packets a teardown of this kind takes: 1 for RST, 3 for three-way, 4 for four-way. */
    static int teardownPackets(int kind) {
        return kind;
    }

    /** Teardown kinds for {@link #open}: RST abort 8%, four-way 47%, three-way 45%. */
    static int drawTeardown(TrafficModel m) {
        double x = m.rng.nextDouble();
        return x < 0.08 ? TEARDOWN_RST : x < 0.55 ? TEARDOWN_FOUR_WAY : TEARDOWN_THREE_WAY;
    }

    // ---- planning primitives ------------------------------------------------------------------------------

    /** Moves the clock on by {@code lo..hi} microseconds. */
    void after(int lo, int hi) {
        clock += m.micros(lo, hi);
    }

    /** Plans a segment from {@code side} at the clock; returns its queue index. */
    int segment(int side, int flags, int seq, int ack, int win, int length, int payload, byte opts) {
        int i = q.add(clock, side == CLIENT, flags, seq, ack, win, length, payload, opts);
        planned++;
        if ((flags & SYN) == 0) {
            established[side] = true;
        }
        if ((flags & ACK) != 0) {
            lastAck[side] = ack;
        }
        return i;
    }

    /** Plans {@code length} bytes of new data from {@code side}; returns the segment's index. */
    int data(int side, int length, boolean push) {
        int i = segment(side, ACK | (push ? PSH : 0), nxt[side], nxt[1 - side], window[side], length,
                m.payload(length), SegmentQueue.OPT_TS);
        nxt[side] += length;
        owesAck[side] = false;
        owesAck[1 - side] = true;
        return i;
    }

    /** Plans a pure ACK from {@code side} of everything the other side sent. */
    int ack(int side) {
        owesAck[side] = false;
        return segment(side, ACK, nxt[side], nxt[1 - side], window[side], 0, 0, SegmentQueue.OPT_TS);
    }

    /** Re-sends segment {@code i} (same sequence number, length and bytes) with the current ACK. */
    int resend(int i) {
        int side = q.fromClient[i] ? CLIENT : SERVER;
        return segment(side, q.flags[i], q.seq[i], nxt[1 - side], window[side], q.length[i], q.payload[i],
                SegmentQueue.OPT_TS);
    }

    // ---- phases -------------------------------------------------------------------------------------------

    private void handshake() {
        phase = PHASE_HANDSHAKE;
        int ciss = m.rng.nextInt();
        int syn = segment(CLIENT, SYN, ciss, 0, v6 ? 65_476 : 65_495, 0, 0, SegmentQueue.OPT_SYN);
        if (reusedPorts) {
            q.anomalies[syn] |= Anomaly.REUSED_PORTS.bit();
        }
        nxt[CLIENT] = ciss + 1;
        if (refused) {
            // Nothing listens: the kernel answers RST-ACK with sequence 0 and no options (RFC 9293 3.10.7.1).
            after(8, 30);
            segment(SERVER, RST | ACK, 0, ciss + 1, 0, 0, 0, SegmentQueue.OPT_NONE);
            return;
        }
        int siss = m.rng.nextInt();
        after(15, 40);
        segment(SERVER, SYN | ACK, siss, ciss + 1, v6 ? 65_464 : 65_483, 0, 0, SegmentQueue.OPT_SYN);
        nxt[SERVER] = siss + 1;
        window[CLIENT] = WINDOW;
        window[SERVER] = WINDOW;
        after(5, 15);
        ack(CLIENT);
    }

    /**
     * Plans the next phase once everything planned has been written: another exchange while the budget has
     * room for one (at least half of an average exchange left after the teardown), else the teardown.
     */
    private void planNext() {
        q.clear();
        if (refused || phase == PHASE_TEARDOWN) {
            phase = PHASE_DONE;
            return;
        }
        double left = budget - planned - teardownPackets(teardown);
        if (left >= m.exchangePackets() / 2) {
            phase = PHASE_EXCHANGES;
            int before = planned;
            exchange();
            m.recordExchange(planned - before);
        } else {
            phase = PHASE_TEARDOWN;
            teardown();
        }
    }

    /** The client asks, the server answers; ACKs as a Linux receiver sends them. */
    private void exchange() {
        clock += longLived ? m.micros(5, 50_000) : m.micros(5, 2_000);
        if (exchanges > 0 && m.chance(m.anomalyRate * TcpAnomalies.KEEP_ALIVE_SHARE)) {
            TcpAnomalies.keepAlive(this, m);
        }
        exchanges++;
        message(CLIENT, m.requestSize());
        after(20, 3_000);
        if (owesAck[SERVER] && m.chance(0.4)) {
            ack(SERVER); // the server's delayed-ACK timer fires before its answer is ready
            after(5, 500);
        }
        message(SERVER, m.responseSize());
        after(5, 40);
        if (owesAck[CLIENT]) {
            ack(CLIENT);
        }
    }

    /** Sends one message of {@code size} bytes from {@code side}, sometimes with an injected anomaly. */
    private void message(int side, int size) {
        // An anomaly needs the receiver past its SYN: until then its window is the unscaled SYN window, and
        // tshark would call the receiver's first repeated ACK a window update rather than a duplicate ACK.
        if (established[1 - side] && m.chance(m.anomalyRate)) {
            TcpAnomalies.inject(this, m, side, size);
            return;
        }
        plainMessage(side, size);
    }

    /** Segments at the connection's write size; the receiver ACKs every second one but the last. */
    void plainMessage(int side, int size) {
        int n = 0;
        while (size > 0) {
            int len = Math.min(size, segmentCap);
            size -= len;
            after(2, 25);
            data(side, len, size == 0);
            if (++n % 2 == 0 && size > 0) {
                after(2, 10);
                ack(1 - side);
            }
        }
    }

    private void teardown() {
        clock += m.micros(10, 3_000);
        int a = m.chance(0.6) ? CLIENT : SERVER;
        int b = 1 - a;
        if (teardown == TEARDOWN_RST) {
            segment(a, RST | ACK, nxt[a], nxt[b], window[a], 0, 0, SegmentQueue.OPT_TS);
            return;
        }
        segment(a, FIN | ACK, nxt[a], nxt[b], window[a], 0, 0, SegmentQueue.OPT_TS);
        nxt[a]++;
        after(5, 40);
        if (teardown == TEARDOWN_FOUR_WAY) {
            ack(b);
            after(10, 500);
        }
        segment(b, FIN | ACK, nxt[b], nxt[a], window[b], 0, 0, SegmentQueue.OPT_TS);
        nxt[b]++;
        after(5, 40);
        ack(a);
    }

    // ---- writing ------------------------------------------------------------------------------------------

    @Override
    long nextTime() {
        return q.time[q.head];
    }

    @Override
    boolean done() {
        return phase == PHASE_DONE;
    }

    @Override
    int write(byte[] b, int pos, FrameWriter frames) {
        SegmentQueue s = q;
        int i = s.head++;
        int side = s.fromClient[i] ? CLIENT : SERVER;
        int flags = s.flags[i];
        int optionLength = options(i, side);
        int src = side == CLIENT ? clientPort : serverPort;
        int dst = side == CLIENT ? serverPort : clientPort;
        int len = s.length[i];
        int p = frames.beginTcp(b, pos, v6, flowLabel, src, dst, s.seq[i], s.ack[i], flags, s.window[i], options,
                optionLength, len);
        System.arraycopy(m.pool.bytes, s.payload[i], b, p, len);
        int frameLength = frames.finish(b, m.pool.sum(s.payload[i], len));
        anomalies = s.anomalies[i];
        written++;
        if (s.isEmpty()) {
            planNext();
        }
        return frameLength;
    }

    /** Writes segment {@code i}'s options into {@link #options}; returns their length. */
    private int options(int i, int side) {
        byte kind = q.options[i];
        if (kind == SegmentQueue.OPT_NONE) {
            return 0;
        }
        // TSval is the sender's clock in milliseconds; TSecr echoes the last TSval the sender received.
        int tsVal = tsOffset[side] + (int) (q.time[i] / 1_000_000L);
        int tsEcr = (q.flags[i] & (SYN | ACK)) == SYN ? 0 : tsLast[1 - side];
        tsLast[side] = tsVal;
        byte[] o = options;
        if (kind == SegmentQueue.OPT_SYN) {
            // Linux's SYN options: MSS, SACK permitted, timestamps, NOP, window scale.
            int mss = v6 ? 65_476 : 65_495;
            BE_INT.set(o, 0, 0x0204_0000 | mss);
            BE_INT.set(o, 4, 0x0402_080A);
            BE_INT.set(o, 8, tsVal);
            BE_INT.set(o, 12, tsEcr);
            BE_INT.set(o, 16, 0x0103_0300 | WINDOW_SCALE);
            return 20;
        }
        BE_INT.set(o, 0, 0x0101_080A);
        BE_INT.set(o, 4, tsVal);
        BE_INT.set(o, 8, tsEcr);
        if (kind == SegmentQueue.OPT_TS) {
            return 12;
        }
        BE_INT.set(o, 12, 0x0101_050A); // NOP, NOP, SACK with one block (RFC 2018)
        BE_INT.set(o, 16, q.sackLeft[i]);
        BE_INT.set(o, 20, q.sackRight[i]);
        return 24;
    }
}
