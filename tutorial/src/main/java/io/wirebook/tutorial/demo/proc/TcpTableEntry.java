package io.wirebook.tutorial.demo.proc;

import io.wirebook.tutorial.demo.sockets.SocketAddresses;
import java.net.InetSocketAddress;

/**
 * One line of /proc/net/tcp or /proc/net/tcp6.
 *
 * <p>For a listening socket {@code rxQueue} is the accept queue's length (connections the kernel has
 * completed and nobody has accepted) and {@code txQueue} is 0: unlike {@code ss}, which shows the backlog
 * as a listener's Send-Q, /proc/net/tcp prints {@code write_seq - snd_una} for every socket (checked on
 * 6.18). For the other sockets they are the bytes received but not read, and sent but not yet
 * acknowledged (Recv-Q and Send-Q). The timer is what runs on the socket now:
 * 0 none, 1 retransmit (also SYN and SYN-ACK retransmission), 2 keep-alive, 3 TIME_WAIT, 4 zero-window
 * probe; {@code timerTicks} is the time left in clock ticks (USER_HZ, 100 per second on Linux).
 *
 * @param local       local address and port
 * @param remote      remote address and port (wildcard for a listener)
 * @param state       the {@code st} column
 * @param txQueue     send queue (0 for a listener)
 * @param rxQueue     receive queue (or the accept queue's length for a listener)
 * @param timer       the {@code tr} column
 * @param timerTicks  the {@code tm->when} column, in USER_HZ ticks
 * @param retransmits the {@code retrnsmt} column (for a TIME_WAIT socket always 0)
 * @param uid         owner uid
 * @param probes      the column headed {@code timeout}: unanswered zero-window or keep-alive probes
 *                    ({@code icsk_probes_out})
 * @param inode       socket inode (0 for TIME_WAIT and request sockets, which no process owns)
 * @param line        the line as the kernel printed it, trimmed
 */
public record TcpTableEntry(
        InetSocketAddress local,
        InetSocketAddress remote,
        KernelTcpState state,
        long txQueue,
        long rxQueue,
        int timer,
        long timerTicks,
        long retransmits,
        long uid,
        long probes,
        long inode,
        String line) {

    /** USER_HZ, the unit of {@code tm->when}: 100 on every Linux architecture we run on. */
    public static final int USER_HZ = 100;

    /** The timer's name: {@code none}, {@code retransmit}, {@code keepalive}, {@code time_wait}, {@code zero_window_probe}. */
    public String timerName() {
        return switch (timer) {
            case 0 -> "none";
            case 1 -> "retransmit";
            case 2 -> "keepalive";
            case 3 -> "time_wait";
            case 4 -> "zero_window_probe";
            default -> "timer" + timer;
        };
    }

    /** Time left on the timer in milliseconds (ticks × 1000 / USER_HZ). */
    public long timerMillis() {
        return timerTicks * 1000 / USER_HZ;
    }

    /** True when this line is the connection {@code local -> remote}. */
    public boolean is(InetSocketAddress l, InetSocketAddress r) {
        return local.equals(l) && remote.equals(r);
    }

    /** {@code 127.0.0.1:40000 -> 127.0.0.1:8080 TIME_WAIT rx=0 tx=0 timer=time_wait 59.9s retr=0}. */
    public String summary() {
        return SocketAddresses.format(local) + " -> " + SocketAddresses.format(remote) + " " + state
                + " rx=" + rxQueue + " tx=" + txQueue + " timer=" + timerName()
                + (timer == 0 ? "" : " " + timerMillis() + "ms") + " retr=" + retransmits
                + (probes == 0 ? "" : " probes=" + probes);
    }
}
