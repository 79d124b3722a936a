package io.wirebook.analysis;

import io.wirebook.flow.TcpConnection;
import io.wirebook.flow.TcpEndpoint;
import io.wirebook.flow.TcpState;

/**
 * What one TCP connection came to, once the tracker is done with it: who talked to whom, how much, how it
 * opened and ended, and what tshark and Zeek would say of it. Side a is the sender of the connection's
 * first packet (tshark's conversation-table address A), side b the other.
 */
public final class ConversationSummary {
    /** How the connection ended, in plain terms. */
    public enum End {
        FOUR_WAY_FIN("four-way FIN"), THREE_WAY_FIN("three-way FIN"), SIMULTANEOUS_CLOSE("simultaneous close"),
        RST_FROM_CLIENT("RST from client"), RST_FROM_SERVER("RST from server"),
        HALF_CLOSED_BY_CLIENT("half-closed by client"), HALF_CLOSED_BY_SERVER("half-closed by server"),
        CLOSING("closing"),
        /** The client's SYN got no answer at all in the capture (Zeek's S0): nothing came back. */
        NO_ANSWER("no answer"),
        OPEN("still open");

        public final String words;

        End(String words) {
            this.words = words;
        }
    }

    public final int stream;
    public final int ipVersion;
    public final byte[] aAddress, bAddress;
    public final int aPort, bPort;
    /** True when side a opened the connection. */
    public final boolean clientIsA;
    public final long firstFrame, lastFrame;
    /** Nanoseconds since the epoch (mod 2^64) and exact seconds, as {@link TcpConnection#firstTime}. */
    public final long firstTime, lastTime;
    public final long firstSeconds, lastSeconds;
    public final long aPackets, bPackets, aBytes, bBytes, aPayload, bPayload;
    public final boolean handshakeSeen;
    public final boolean reusedPorts;
    public final End end;
    public final TcpState clientState, serverState;
    public final String connState;
    public final String history;
    /** Frames reported as a retransmission (fast and spurious ones included, as tshark counts them). */
    public final int retransmissions;
    /** Frames per finding, by {@link AnalysisFlags} bit index. */
    public final int[] findings;
    /** Handshake round trip in nanoseconds, or 0 when the handshake was not seen. */
    public final long handshakeRttNanos;
    public final int icmpErrors;

    ConversationSummary(AnalysedConnection c) {
        ConnectionAnalysis ca = TcpAnalyzer.state(c);
        stream = c.stream;
        ipVersion = c.key.ipVersion();
        aAddress = c.key.address(c.aIsKeyA());
        bAddress = c.key.address(!c.aIsKeyA());
        aPort = c.key.port(c.aIsKeyA());
        bPort = c.key.port(!c.aIsKeyA());
        clientIsA = c.clientIsA;
        firstFrame = c.firstFrame;
        lastFrame = c.lastFrame;
        firstTime = c.firstTime;
        lastTime = c.lastTime;
        firstSeconds = c.firstSeconds;
        lastSeconds = c.lastSeconds;
        aPackets = c.a.packets;
        bPackets = c.b.packets;
        aBytes = c.a.bytes;
        bBytes = c.b.bytes;
        aPayload = c.a.payloadBytes;
        bPayload = c.b.payloadBytes;
        handshakeSeen = c.handshakeComplete;
        reusedPorts = c.reusedPorts;
        clientState = c.client().state;
        serverState = c.server().state;
        end = end(c);
        connState = ca.zeek.connState();
        history = ca.zeek.history();
        retransmissions = ca.frames(1);
        findings = ca.counts();
        handshakeRttNanos = ca.firstRtt;
        icmpErrors = c.icmpErrors;
    }

    private static End end(TcpConnection c) {
        if (c.firstRst != TcpConnection.Sender.NONE) {
            return c.firstRst == TcpConnection.Sender.CLIENT ? End.RST_FROM_CLIENT : End.RST_FROM_SERVER;
        }
        TcpEndpoint client = c.client(), server = c.server();
        if (c.close != null) {
            switch (c.close) {
                case FOUR_WAY: return End.FOUR_WAY_FIN;
                case THREE_WAY: return End.THREE_WAY_FIN;
                default: return End.SIMULTANEOUS_CLOSE;
            }
        }
        if (c.sawSyn && !c.sawSynAck && server.packets == 0 && !server.synSeen && !server.ackSeen) {
            return End.NO_ANSWER;
        }
        if (client.finSeen != server.finSeen) {
            return client.finSeen ? End.HALF_CLOSED_BY_CLIENT : End.HALF_CLOSED_BY_SERVER;
        }
        return End.OPEN;
    }

    public long durationNanos() {
        return lastTime - firstTime;
    }
}
