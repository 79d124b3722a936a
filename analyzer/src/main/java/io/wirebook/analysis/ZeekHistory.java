package io.wirebook.analysis;

import io.wirebook.decode.TcpHeader;

/**
 * What Zeek's {@code conn.log} would say of a connection: its {@code history} letters and {@code conn_state},
 * re-derived from Zeek's documented TCP analyzer behaviour (TCPSessionAdapter and TCP_Endpoint). Zeek keeps
 * its own endpoint states, coarser than RFC 9293's: inactive, SYN sent, SYN+ACK sent, partial,
 * established, closed, reset.
 *
 * <p>History letters (upper case from the originator, lower case from the responder): S SYN, H SYN+ACK,
 * A pure ACK, D data, F FIN, R RST, I FIN+RST, Q SYN with FIN or RST; A D I Q once per side, S H F R again
 * only when their sequence number changed; T retransmitted data and W zero window at the 1st, 10th, 100th...
 * occurrence; ^ when the roles were flipped because the first packet looked like a server's. Not produced:
 * C (bad checksum: checksums are not verified) and G (content gap: needs Zeek's reassembler).
 */
final class ZeekHistory {
    static final int INACTIVE = 0, SYN_SENT = 1, SYN_ACK_SENT = 2, PARTIAL = 3, ESTABLISHED = 4, CLOSED = 5,
            RESET = 6;
    private static final int H_SYN = 0x1, H_FIN = 0x2, H_RST = 0x4, H_FIN_RST = 0x8, H_DATA = 0x10, H_ACK = 0x20,
            H_MULTI = 0x40;
    private static final long TOO_LARGE_SEQ_DELTA = 1_048_576;
    private static final int MAX_HISTORY = 100;

    private boolean started;
    /** True when Zeek's originator is the connection's side a. */
    boolean origIsA;
    private int seen;
    private final StringBuilder history = new StringBuilder(12);
    final Endpoint orig = new Endpoint(), resp = new Endpoint();

    static final class Endpoint {
        int state = INACTIVE, prevState = INACTIVE;
        long start, last, ackSeq;
        long lastSyn, lastFin, lastRst;
        int finCount;
        long rxmt, rxmtThreshold = 1, win0, win0Threshold = 1;

        void reset() {
            state = INACTIVE;
            prevState = INACTIVE;
            start = 0;
            last = 0;
            ackSeq = 0;
            lastSyn = 0;
            lastFin = 0;
            lastRst = 0;
            finCount = 0;
            rxmt = 0;
            rxmtThreshold = 1;
            win0 = 0;
            win0Threshold = 1;
        }

        void set(int s) {
            prevState = state;
            state = s;
        }

        /** Zeek's TCP_Endpoint::Size(): bytes of sequence space used, less the SYN and FIN. */
        long size() {
            long hi = TcpAnalyzer.gt(ackSeq, last) ? ackSeq : last;
            long size = (hi - start) & 0xFFFFFFFFL;
            if (size > 0) size--;
            if (size > 0 && finCount > 0) size--;
            return size;
        }
    }

    /** Makes this history what a new one is (a reused connection's). */
    void reset() {
        started = false;
        origIsA = false;
        seen = 0;
        history.setLength(0);
        orig.reset();
        resp.reset();
    }

    String history() {
        return history.toString();
    }

    /** One segment: its sender (side a of the connection or not), flags, ports, raw numbers, payload length and window. */
    void segment(boolean fromFirstSender, int flags, int sourcePort, int destinationPort, long seq, long ack, int len,
            int window) {
        boolean syn = (flags & TcpHeader.SYN) != 0, ackf = (flags & TcpHeader.ACK) != 0,
                fin = (flags & TcpHeader.FIN) != 0, rst = (flags & TcpHeader.RST) != 0;
        if (!started) {
            started = true;
            boolean flip = false;
            if (!syn || ackf) {
                // Zeek guesses the true responder from the ports when the first packet is not a SYN.
                if (likelyServerPort(sourcePort)) {
                    flip = likelyServerPort(destinationPort) ? !syn && sourcePort < destinationPort : true;
                }
            }
            origIsA = fromFirstSender != flip;
            if (flip) {
                history.append('^');
            }
        }
        boolean isOrig = fromFirstSender == origIsA;
        Endpoint e = isOrig ? orig : resp, peer = isOrig ? resp : orig;
        long segLen = len + (syn ? 1 : 0) + (fin ? 1 : 0);
        long end = (seq + segLen) & 0xFFFFFFFFL;
        if (e.state == INACTIVE) {
            if (syn) {
                e.start = e.last = e.ackSeq = seq;
            } else {
                e.start = e.last = e.ackSeq = (seq - 1) & 0xFFFFFFFFL;
            }
        } else if ((e.state == SYN_SENT || e.state == SYN_ACK_SENT) && syn && seq != e.start) {
            e.start = e.ackSeq = seq;
            e.last = end;
        }
        long relSeq = (seq - e.start) & 0xFFFFFFFFL;
        history(isOrig, e, flags, relSeq, len);
        if (window == 0 && !rst && peer.state != CLOSED && e.state != RESET) {
            e.win0++;
            if (e.win0 == e.win0Threshold) {
                add(isOrig ? 'W' : 'w');
                e.win0Threshold *= 10;
            }
        }
        if (fin) {
            e.finCount++;
        }
        if (ackf) {
            if (peer.state == INACTIVE) {
                peer.start = peer.last = peer.ackSeq = (ack - 1) & 0xFFFFFFFFL;
            } else if (!rst && (int) (ack - peer.ackSeq) > 0) {
                peer.ackSeq = ack;
            }
        }
        int deltaLast = (int) (end - e.last);
        if ((syn || rst) && (deltaLast > TOO_LARGE_SEQ_DELTA || deltaLast < -TOO_LARGE_SEQ_DELTA)) {
            // Zeek does not trust far-off sequence numbers on SYN and RST.
        } else if (fin && e.last == ((e.start + 1) & 0xFFFFFFFFL)) {
            e.last = end;
        } else if (e.state == RESET) {
            // Nothing after a RST is trusted.
        } else if (deltaLast > 0) {
            e.last = end;
        } else if (len > 0) {
            e.rxmt++;
            if (e.rxmt == e.rxmtThreshold) {
                add(isOrig ? 'T' : 't');
                e.rxmtThreshold *= 10;
            }
        }
        stateMachine(isOrig, e, peer, flags, len);
    }

    private void stateMachine(boolean isOrig, Endpoint e, Endpoint peer, int flags, int len) {
        boolean syn = (flags & TcpHeader.SYN) != 0, ackf = (flags & TcpHeader.ACK) != 0,
                fin = (flags & TcpHeader.FIN) != 0, rst = (flags & TcpHeader.RST) != 0;
        switch (e.state) {
            case INACTIVE:
                if (syn) {
                    if (isOrig) {
                        e.set(ackf ? SYN_ACK_SENT : SYN_SENT);
                    } else {
                        if (peer.state == SYN_SENT) {
                            peer.set(ESTABLISHED);
                        }
                        e.set(ESTABLISHED);
                    }
                }
                if (fin) {
                    e.set(CLOSED);
                }
                if (rst) {
                    e.set(RESET);
                }
                if (e.state == INACTIVE) {
                    if (!isOrig && len == 0 && orig.state == SYN_SENT) {
                        // An ACK of the SYN before the SYN+ACK does not make the connection partial.
                    } else if (ackf && peer.state == ESTABLISHED) {
                        e.set(ESTABLISHED);
                    } else {
                        e.set(PARTIAL);
                    }
                }
                break;
            case SYN_SENT:
            case SYN_ACK_SENT:
                if (fin) {
                    e.set(CLOSED);
                }
                if (rst) {
                    e.set(RESET);
                }
                break;
            case ESTABLISHED:
            case PARTIAL:
                if (syn && e.state == PARTIAL && peer.state == INACTIVE && !ackf) {
                    e.set(SYN_SENT);
                }
                if (fin && !rst) {
                    e.set(CLOSED);
                    if (peer.state == RESET && peer.prevState == CLOSED) {
                        peer.set(CLOSED);
                    }
                }
                if (rst) {
                    e.set(RESET);
                }
                break;
            case CLOSED:
                if (rst && peer.state != CLOSED) {
                    e.set(RESET);
                }
                break;
            default:
                break;
        }
    }

    private void history(boolean isOrig, Endpoint e, int flags, long relSeq, int len) {
        boolean syn = (flags & TcpHeader.SYN) != 0, fin = (flags & TcpHeader.FIN) != 0,
                rst = (flags & TcpHeader.RST) != 0;
        int bits = (syn ? 1 : 0) + (fin ? 1 : 0) + (rst ? 1 : 0);
        if (bits > 1) {
            if (fin && rst) {
                check(isOrig, H_FIN_RST, 'I');
            } else {
                check(isOrig, H_MULTI, 'Q');
            }
        } else if (bits == 1) {
            if (syn) {
                char code = (flags & TcpHeader.ACK) != 0 ? 'H' : 'S';
                if (check(isOrig, H_SYN, code) && relSeq != e.lastSyn) {
                    add(isOrig ? code : Character.toLowerCase(code));
                }
                e.lastSyn = relSeq;
            }
            if (fin) {
                long at = relSeq + len;
                if (check(isOrig, H_FIN, 'F') && at != e.lastFin) {
                    add(isOrig ? 'F' : 'f');
                }
                e.lastFin = at;
            }
            if (rst) {
                if (check(isOrig, H_RST, 'R') && relSeq != e.lastRst) {
                    add(isOrig ? 'R' : 'r');
                }
                e.lastRst = relSeq;
            }
        } else if (len > 0) {
            check(isOrig, H_DATA, 'D');
        } else if ((flags & TcpHeader.ACK) != 0) {
            check(isOrig, H_ACK, 'A');
        }
    }

    /** Adds the letter the first time; returns true when it had been seen before (Zeek's CheckHistory). */
    private boolean check(boolean isOrig, int mask, char code) {
        int m = isOrig ? mask : mask << 16;
        if ((seen & m) == 0) {
            seen |= m;
            add(isOrig ? code : Character.toLowerCase(code));
            return false;
        }
        return true;
    }

    private void add(char c) {
        if (history.length() < MAX_HISTORY) {
            history.append(c);
        }
    }

    /** Zeek's conn_state for a TCP connection (base/protocols/conn/main.zeek). */
    String connState() {
        int os = orig.state, rs = resp.state;
        boolean oInactive = os == INACTIVE || os == PARTIAL, rInactive = rs == INACTIVE || rs == PARTIAL;
        if (rs == RESET) {
            if (os == SYN_SENT || os == SYN_ACK_SENT || (os == RESET && orig.size() == 0 && resp.size() == 0)) {
                return "REJ";
            }
            return oInactive ? "RSTRH" : "RSTR";
        }
        if (os == RESET) {
            if (rInactive) {
                return history.toString().matches("\\^?S[^HAFGIQ]*R.*") ? "RSTOS0" : "OTH";
            }
            return "RSTO";
        }
        if (rs == CLOSED && os == CLOSED) return "SF";
        if (os == CLOSED) return rInactive ? "SH" : "S2";
        if (rs == CLOSED) return oInactive ? "SHR" : "S3";
        if (os == SYN_SENT && rs == INACTIVE) return "S0";
        if (os == ESTABLISHED && rs == ESTABLISHED) return "S1";
        return "OTH";
    }

    /**
     * Ports Zeek treats as likely servers when it must guess who opened a connection (its
     * {@code likely_server_ports}, built from the analyzers it loads): here every port below 1024 and the
     * usual higher service ports.
     */
    static boolean likelyServerPort(int port) {
        if (port > 0 && port < 1024) {
            return true;
        }
        switch (port) {
            case 1080: case 1433: case 1521: case 1883: case 2049: case 3128: case 3306: case 3389: case 5060:
            case 5222: case 5432: case 5672: case 6379: case 6667: case 8000: case 8080: case 8443: case 8888:
            case 9092: case 27017:
                return true;
            default:
                return false;
        }
    }
}
