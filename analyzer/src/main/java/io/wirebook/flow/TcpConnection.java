package io.wirebook.flow;

/**
 * One TCP connection, as tshark counts them in {@code tcp.stream}: a stream index and its two sides.
 * Side {@link #a} is the sender of the first packet seen (or the quoted sender, when an ICMP error was
 * seen first); {@link #clientIsA} says which side opened the connection.
 *
 * <p>A later stage that keeps state per connection (the expert analysis) extends this class and hands the
 * tracker a {@link Factory} for it, so one lookup per packet finds everything, typed: the tracker never
 * reads what the subclass adds.
 */
public class TcpConnection {
    /** Makes the connections a {@link ConnectionTracker} tracks; {@code TcpConnection::new} for plain ones. */
    @FunctionalInterface
    public interface Factory<C extends TcpConnection> {
        C create(int stream, FlowKey key, boolean aIsKeyA);
    }

    /** How the close looked, once both sides sent a FIN (RFC 9293 section 3.6). */
    public enum Close {
        /** FIN, its ACK, then the other side's FIN and its ACK. */
        FOUR_WAY,
        /** FIN, then FIN+ACK acknowledging it, then ACK. */
        THREE_WAY,
        /** Both FINs crossed: each was sent before the other arrived. */
        SIMULTANEOUS
    }

    /** Which side sent something first: the client, the server, or nobody yet. */
    public enum Sender {
        NONE,
        CLIENT,
        SERVER
    }

    /** The stream number (set once per connection; the tracker sets it again only when it reuses the object). */
    public int stream;
    public final FlowKey key;
    /** Whether the canonical key's A side is side {@link #a}. */
    boolean aIsKeyA;
    public final TcpEndpoint a = new TcpEndpoint();
    public final TcpEndpoint b = new TcpEndpoint();
    /** True when side a is the client (sent the SYN, or received the SYN+ACK, or spoke first). */
    public boolean clientIsA = true;
    /** Set when this connection replaced an earlier one on the same 4-tuple (tshark's "reused ports"). */
    public boolean reusedPorts;

    public long firstFrame;
    public long lastFrame;
    /**
     * Capture times of the first and last frames in nanoseconds since the epoch, modulo 2^64 past the year
     * 2262 (differences are right for frames within 292 years of each other), and the same frames' exact
     * epoch seconds, which with them give the exact times however far apart ({@link #nanosWithin}).
     */
    public long firstTime;
    public long lastTime;
    public long firstSeconds, lastSeconds;

    /** The nanoseconds within its second of a time kept as nanoseconds (mod 2^64) and exact seconds. */
    public static int nanosWithin(long time, long seconds) {
        return (int) (time - seconds * 1_000_000_000L); // exact: both sides wrap alike
    }

    /** Handshake as seen: client SYN, server SYN+ACK, client ACK of the SYN+ACK. */
    public boolean sawSyn, sawSynAck, handshakeComplete;
    /** The side that sent the last segment tracked (null before the first). */
    TcpEndpoint lastSender;
    /** Who sent the first RST. */
    public Sender firstRst = Sender.NONE;
    /** How both FINs were exchanged, or null while at most one side closed. */
    public Close close;
    /** Who sent the first FIN. */
    public Sender firstFin = Sender.NONE;
    /**
     * The tracker's: the frame after which this connection joined the finished connections waiting out their
     * linger (0: not finished yet), or -1 once the tracker let it go (evicted, replaced, handed over).
     */
    long lingerFrame;

    protected TcpConnection(int stream, FlowKey key, boolean aIsKeyA) {
        this.stream = stream;
        this.key = key;
        this.aIsKeyA = aIsKeyA;
    }

    /**
     * Makes this connection a new one on its key (whose contents the tracker has just set), as the
     * constructor leaves one: the tracker's recycling of connections it let go ({@link ConnectionTracker}).
     * Every field is here: {@code RecyclingTest} compares a reused connection with a new one, field by field.
     */
    final void reuse(int stream, boolean aIsKeyA) {
        this.stream = stream;
        this.aIsKeyA = aIsKeyA;
        a.reset();
        b.reset();
        clientIsA = true;
        reusedPorts = false;
        firstFrame = 0;
        lastFrame = 0;
        firstTime = 0;
        lastTime = 0;
        firstSeconds = 0;
        lastSeconds = 0;
        sawSyn = false;
        sawSynAck = false;
        handshakeComplete = false;
        lastSender = null;
        firstRst = Sender.NONE;
        close = null;
        firstFin = Sender.NONE;
        lingerFrame = 0;
        icmpErrors = 0;
        clear();
    }

    /** A subclass's part of {@link #reuse}: its own state made as its constructor leaves it. */
    protected void clear() {
    }

    /** True when side a is the canonical key's side A (for addresses: {@link FlowKey#address(boolean)}). */
    public boolean aIsKeyA() {
        return aIsKeyA;
    }

    /** ICMP errors that quoted a segment of this connection. */
    public int icmpErrors;

    public TcpEndpoint client() {
        return clientIsA ? a : b;
    }

    public TcpEndpoint server() {
        return clientIsA ? b : a;
    }

    /** True once both FINs were acknowledged or either side sent a RST: nothing more is expected. */
    public boolean finished() {
        return a.rstSeen || b.rstSeen || (a.finAcked && b.finAcked);
    }
}
