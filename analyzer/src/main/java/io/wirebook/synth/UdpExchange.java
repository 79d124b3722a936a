package io.wirebook.synth;

/**
 * A short UDP exchange: a DNS query and its response (RFC 1035 section 4.1), a one-way statsd datagram, or
 * a burst of datagrams both ways between a client and a service port. Every datagram is planned when the
 * exchange starts; DNS and statsd contents are built then into buffers this object owns, burst payloads
 * are slices of the payload pool behind a 4-byte header. Objects are pooled by the generator.
 */
final class UdpExchange extends Flow {
    static final int DNS = 0, STATSD = 1, BURST = 2;
    static final int DNS_PORT = 53;
    static final int STATSD_PORT = 8125;
    /** Burst service ports: not dissected by tshark 4.0, so the payloads stay data. */
    private static final int[] BURST_PORTS = {41000, 31337, 25000, 18080};
    private static final int MAX_DATAGRAMS = 12;
    private static final String[] SERVICES = {"api", "db", "cache", "auth", "metrics", "queue", "search", "files",
        "www", "mail"};
    private static final String[] METRICS = {"http.req", "db.query", "cache.hit", "cache.miss", "jobs.done"};
    private static final String[] PREFIXES = {"app", "svc", "worker"};
    private static final String[] TYPES = {"c", "ms", "g"};

    private final TrafficModel m;
    private final long[] time = new long[MAX_DATAGRAMS];
    private final boolean[] fromClient = new boolean[MAX_DATAGRAMS];
    private final int[] length = new int[MAX_DATAGRAMS];
    private final int[] payload = new int[MAX_DATAGRAMS];
    private final byte[] query = new byte[128];
    private final byte[] response = new byte[128 + 2 * 28];
    private int count;
    private int head;

    int kind;
    boolean v6;
    private int flowLabel;
    private int clientPort;
    private int serverPort;

    UdpExchange(TrafficModel model) {
        this.m = model;
    }

    /** Plans an exchange starting at {@code t}; returns the number of datagrams it will send. */
    int open(long t) {
        count = 0;
        head = 0;
        v6 = m.chance(m.ipv6Share);
        flowLabel = v6 ? m.rng.nextInt(1 << 20) : 0;
        clientPort = PortAllocator.randomEphemeral(m.rng);
        double x = m.rng.nextDouble();
        if (x < 0.45) {
            kind = DNS;
            serverPort = DNS_PORT;
            dns(t);
        } else if (x < 0.75) {
            kind = STATSD;
            serverPort = STATSD_PORT;
            plan(t, true, statsd(), -1);
        } else {
            kind = BURST;
            serverPort = BURST_PORTS[m.rng.nextInt(BURST_PORTS.length)];
            int n = m.between(3, MAX_DATAGRAMS);
            for (int i = 0; i < n; i++) {
                int len = m.between(20, 1400);
                plan(t, m.chance(0.5), len, m.payload(len));
                t += m.micros(10, 3_000);
            }
        }
        return count;
    }

    private void plan(long t, boolean client, int len, int pay) {
        time[count] = t;
        fromClient[count] = client;
        length[count] = len;
        payload[count] = pay;
        count++;
    }

    /** A query for {@code <service><n>.svc.cluster.local}, A or AAAA, and its answer (or NXDOMAIN). */
    private void dns(long t) {
        int id = m.rng.nextInt(1 << 16);
        int qtype = m.chance(0.3) ? 28 : 1;
        byte[] q = query;
        header(q, id, 0x0100, 0); // standard query, recursion desired
        int p = 12;
        int start = p++;
        p = ascii(q, p, SERVICES[m.rng.nextInt(SERVICES.length)]);
        p = decimal(q, p, m.between(1, 40));
        q[start] = (byte) (p - start - 1);
        p = label(q, p, "svc");
        p = label(q, p, "cluster");
        p = label(q, p, "local");
        q[p++] = 0;
        p = u16(q, p, qtype);
        p = u16(q, p, 1); // class IN
        int queryLength = p;
        plan(t, true, queryLength, -1);

        int answers = m.chance(0.95) ? m.between(0, 2) : 0;
        int rcode = answers > 0 || m.chance(0.5) ? 0 : 3; // NOERROR, or NXDOMAIN for a name that is not there
        byte[] r = response;
        System.arraycopy(q, 0, r, 0, queryLength);
        header(r, id, 0x8180 | rcode, answers); // response, RD, RA
        p = queryLength;
        for (int a = 0; a < answers; a++) {
            p = u16(r, p, 0xC00C); // the name: a pointer to the question's
            p = u16(r, p, qtype);
            p = u16(r, p, 1);
            p = u16(r, p, 0); // TTL, 5 s to an hour
            p = u16(r, p, m.between(5, 3600));
            if (qtype == 1) {
                p = u16(r, p, 4);
                r[p++] = 127;
                r[p++] = 0;
                r[p++] = (byte) m.rng.nextInt(256);
                r[p++] = (byte) m.between(1, 254);
            } else {
                p = u16(r, p, 16);
                r[p++] = (byte) 0xFD; // a unique local address (RFC 4193)
                for (int i = 1; i < 16; i++) {
                    r[p++] = (byte) m.rng.nextInt(256);
                }
            }
        }
        plan(t + m.micros(20, 400), false, p, -2);
    }

    private static void header(byte[] b, int id, int flags, int answers) {
        u16(b, 0, id);
        u16(b, 2, flags);
        u16(b, 4, 1);
        u16(b, 6, answers);
        u16(b, 8, 0);
        u16(b, 10, 0);
    }

    private static int label(byte[] b, int p, String s) {
        b[p] = (byte) s.length();
        return ascii(b, p + 1, s);
    }

    private static int u16(byte[] b, int p, int v) {
        b[p] = (byte) (v >>> 8);
        b[p + 1] = (byte) v;
        return p + 2;
    }

    /** One to three statsd lines ({@code name:value|type}) into {@link #query}; returns the length. */
    private int statsd() {
        int n = m.between(1, 3);
        int p = 0;
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                query[p++] = '\n';
            }
            p = ascii(query, p, PREFIXES[m.rng.nextInt(PREFIXES.length)]);
            query[p++] = '.';
            p = ascii(query, p, METRICS[m.rng.nextInt(METRICS.length)]);
            query[p++] = ':';
            p = decimal(query, p, m.between(1, 500));
            query[p++] = '|';
            p = ascii(query, p, TYPES[m.rng.nextInt(TYPES.length)]);
        }
        return p;
    }

    /** Writes {@code v} (0..999) in decimal. */
    private static int decimal(byte[] b, int p, int v) {
        if (v >= 100) {
            b[p++] = (byte) ('0' + v / 100);
        }
        if (v >= 10) {
            b[p++] = (byte) ('0' + v / 10 % 10);
        }
        b[p++] = (byte) ('0' + v % 10);
        return p;
    }

    private static int ascii(byte[] b, int p, String s) {
        for (int i = 0; i < s.length(); i++) {
            b[p++] = (byte) s.charAt(i);
        }
        return p;
    }

    @Override
    long nextTime() {
        return time[head];
    }

    /** True right after the exchange's first datagram was written. */
    boolean firstWritten() {
        return head == 1;
    }

    @Override
    boolean done() {
        return head == count;
    }

    @Override
    int write(byte[] b, int pos, FrameWriter frames) {
        int i = head++;
        boolean client = fromClient[i];
        int len = length[i];
        int src = client ? clientPort : serverPort;
        int dst = client ? serverPort : clientPort;
        int p = frames.beginUdp(b, pos, v6, flowLabel, src, dst, len);
        anomalies = 0;
        if (payload[i] == -1) {
            System.arraycopy(query, 0, b, p, len);
        } else if (payload[i] == -2) {
            System.arraycopy(response, 0, b, p, len);
        } else {
            // A small application header (magic 'W', version 1, datagram number) ahead of random text, so that
            // no heuristic dissector claims the datagram: the top bits 01 are not RTP/RTCP's version 2, and 0x01
            // is no OSI TPDU code (an 0x4_ second byte reads as CLTP unit data, which tshark hands to GOOSE).
            b[p] = 'W';
            b[p + 1] = 1;
            b[p + 2] = 0;
            b[p + 3] = (byte) i;
            System.arraycopy(m.pool.bytes, payload[i], b, p + 4, len - 4);
            return frames.finish(b, InternetChecksum.add(0, b, p, 4) + m.pool.sum(payload[i], len - 4));
        }
        return frames.finish(b);
    }
}
