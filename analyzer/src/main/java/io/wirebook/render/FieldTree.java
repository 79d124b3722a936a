package io.wirebook.render;

import io.wirebook.decode.FieldSpan;
import io.wirebook.decode.FieldSpans;
import io.wirebook.decode.Packet;
import io.wirebook.pipeline.PacketResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A frame's decoded fields as a tree by encapsulation, the shape of Wireshark's packet details pane with
 * the layers nested as they are on the wire: the link layer holds its fields and the IP packet, the IP
 * packet holds its fields and the transport segment, the segment holds its fields, its options and its
 * payload. Built from {@link FieldSpans} (the decoder's spans) and the decoded headers; the frame is not
 * decoded again.
 *
 * <p>Every captured byte belongs to exactly one innermost node ({@link #owner(int)}): bytes that no
 * decoded field covers (an undecoded payload, an ICMP message's body, Ethernet padding) get a node of their
 * own, so the hex dump has no byte without a field. The innermost node of a byte is the deepest node
 * covering it; among bit fields sharing a byte (IPv4's version and header length) the shortest, then the
 * first.
 */
final class FieldTree {
    /** One field or layer: its id (unique in the tree), label lines, and byte span [start, end). */
    static final class Node {
        final String id;
        final String label;
        final List<String> details;
        final int start;
        final int end;
        final List<Node> children = new ArrayList<>();

        Node(String id, String label, List<String> details, int start, int end) {
            this.id = id;
            this.label = label;
            this.details = details;
            this.start = start;
            this.end = end;
        }

        int length() {
            return end - start;
        }
    }

    final List<Node> roots;
    private final Node[] owners;

    private FieldTree(List<Node> roots, Node[] owners) {
        this.roots = roots;
        this.owners = owners;
    }

    /** The innermost node holding byte {@code offset} of the frame. */
    Node owner(int offset) {
        return owners[offset];
    }

    static FieldTree of(PacketResult r) {
        return new Builder(r).build();
    }

    /** A node in the making: its place in the tree is found from its span and its layer. */
    private static final class Draft {
        final String id;
        final String label;
        final List<String> details;
        int start;
        int end;
        final List<Draft> children = new ArrayList<>();
        /** A layer or group, whose bytes that no child covers get nodes of their own. */
        final boolean container;

        Draft(String id, String label, List<String> details, int start, int end, boolean container) {
            this.id = id;
            this.label = label;
            this.details = details;
            this.start = start;
            this.end = end;
            this.container = container;
        }
    }

    private static final class Builder {
        private final Packet p;
        private final FieldLabels labels;
        private final int cap;
        private final Map<String, Integer> ids = new HashMap<>();
        private Draft link, net;

        Builder(PacketResult r) {
            p = r.packet();
            labels = new FieldLabels(p, r.tcp());
            cap = p.frame.capturedLength;
        }

        FieldTree build() {
            List<FieldSpan> spans = FieldSpans.of(p);
            Draft root = new Draft("frame", "", List.of(), 0, cap, true);
            Draft transport = null, options = null, quoted = null;
            if (p.link.length > 0) {
                link = container(root, labels.linkId(), labels.linkLabel(), 0, cap);
            }
            Draft outer = link != null ? link : root;
            int ipEnd = cap;
            if (p.network == Packet.NET_IPV4 || p.network == Packet.NET_IPV6) {
                int o = p.network == Packet.NET_IPV4 ? p.ipv4.offset : p.ipv6.offset;
                ipEnd = Math.max(o, Math.min(cap, labels.ipEnd()));
                net = container(outer, p.network == Packet.NET_IPV4 ? "ip" : "ipv6", labels.ipLabel(), o, ipEnd);
            }
            Draft inner = net != null ? net : outer;
            if (p.isTcp()) {
                transport = container(inner, "tcp", labels.tcpLabel(), p.tcp.offset, ipEnd);
                int optionsEnd = Math.min(p.tcp.offset + p.tcp.headerLength, ipEnd);
                if (p.tcp.optionCount > 0 && optionsEnd > p.tcp.offset + 20) {
                    options = container(transport, "tcp.options", labels.optionsLabel(optionsEnd - p.tcp.offset - 20),
                            p.tcp.offset + 20, optionsEnd);
                }
            } else if (p.isUdp()) {
                transport = container(inner, "udp", labels.udpLabel(), p.udp.offset, ipEnd);
            } else if (p.isIcmp()) {
                String l = p.icmp.version == 6 ? "icmpv6" : "icmp";
                transport = container(inner, l, labels.icmpLabel(), p.icmp.offset, ipEnd);
                if (p.icmp.hasInner && p.icmp.innerOffset >= 0 && p.icmp.innerOffset < ipEnd) {
                    quoted = container(transport, l + ".quoted", labels.quotedLabel(), p.icmp.innerOffset, ipEnd);
                }
            }
            for (FieldSpan s : spans) {
                Draft parent = parentOf(s, root, link, net, transport, options, quoted);
                parent.children.add(new Draft(s.name(), labels.label(s), labels.details(s), s.offset(), s.end(), false));
            }
            List<Node> roots = finish(root).children;
            Node[] owners = new Node[cap];
            int[] depth = new int[cap];
            for (Node n : roots) {
                own(n, 1, owners, depth);
            }
            return new FieldTree(roots, owners);
        }

        private Draft container(Draft parent, String id, String label, int start, int end) {
            Draft d = new Draft(id, label, List.of(), Math.min(start, cap), Math.min(end, cap), true);
            parent.children.add(d);
            return d;
        }

        private static Draft parentOf(FieldSpan s, Draft root, Draft link, Draft net, Draft transport, Draft options,
                Draft quoted) {
            Draft d;
            switch (s.layer()) {
                case "eth": case "vlan": case "sll": case "null":
                    d = link;
                    break;
                case "ip": case "ipv6":
                    d = net;
                    break;
                default:
                    if (s.name().startsWith("tcp.option.")) {
                        d = options != null ? options : transport;
                    } else if (s.name().contains(".quoted.")) {
                        d = quoted != null ? quoted : transport;
                    } else {
                        d = transport;
                    }
                    break;
            }
            return d != null ? d : root;
        }

        /**
         * Sorts the children by their first byte (bit fields that share one keep the decoder's order), widens
         * a container to hold them all, fills the bytes no child covers, and gives each node a unique id.
         */
        private Node finish(Draft d) {
            d.children.removeIf(c -> c.end <= c.start);
            d.children.sort((a, b) -> Integer.compare(a.start, b.start));
            for (Draft c : d.children) {
                d.start = Math.min(d.start, c.start);
                d.end = Math.max(d.end, c.end);
            }
            List<Draft> all = new ArrayList<>(d.children.size() + 2);
            int at = d.start;
            for (Draft c : d.children) {
                if (c.start > at) {
                    all.add(gap(d, at, c.start));
                }
                all.add(c);
                at = Math.max(at, c.end);
            }
            if (d.container && at < d.end) {
                all.add(gap(d, at, d.end));
            }
            Node n = new Node(unique(d.id), d.label, d.details, d.start, d.end);
            for (Draft c : all) {
                n.children.add(finish(c));
            }
            return n;
        }

        /** A node for bytes [start, end) of container {@code d} that no decoded field covers. */
        private Draft gap(Draft d, int start, int end) {
            String id = "data";
            String label;
            int n = end - start;
            if (d == link && net != null && start >= net.end) {
                boolean zeros = labels.allZero(start, end);
                id = zeros ? "eth.padding" : "eth.trailer";
                label = (zeros ? "Padding" : "Trailer") + " (" + FieldLabels.bytes(n) + ")";
            } else if (d == link && net == null && p.nonIp != null) {
                label = p.nonIp + " (" + FieldLabels.bytes(n) + ", not decoded)";
            } else {
                label = "Data (" + FieldLabels.bytes(n) + ")";
            }
            return new Draft(id, label, List.of(), start, end, false);
        }

        private String unique(String id) {
            int n = ids.merge(id, 1, Integer::sum);
            return n == 1 ? id : id + "-" + n;
        }

        /** Makes {@code n} the owner of its bytes unless a deeper node (or a shorter one as deep) holds them. */
        private static void own(Node n, int level, Node[] owners, int[] depth) {
            for (int i = n.start; i < n.end; i++) {
                Node o = owners[i];
                if (o == null || level > depth[i] || (level == depth[i] && n.length() < o.length())) {
                    owners[i] = n;
                    depth[i] = level;
                }
            }
            for (Node c : n.children) {
                own(c, level + 1, owners, depth);
            }
        }
    }
}
