#!/usr/bin/env python3
"""Checks a `wirebook generate` capture against tshark: labels versus tcp.analysis flags, and expert errors.

Usage: check-generate-labels.py CAPTURE LABELS

Runs tshark (with IP, TCP and UDP checksum validation on) twice over CAPTURE:
  1. -Y tcp.analysis.flags, printing each flagged frame's expert messages, which are mapped to the
     tcp.analysis field names the labels file uses; then every (frame, label) pair is compared with LABELS;
  2. -z expert, to show that no frame is malformed and no checksum is bad.
Prints, per label, how many frames the generator labelled, how many tshark flagged, and how many agree, then
the first disagreements. Exits 1 when anything disagrees or tshark reports an error-level expert item.
"""
import collections
import re
import subprocess
import sys

# tshark 4.0 expert messages of tcp.analysis items, and the field each belongs to.
MESSAGES = [
    (r"^Duplicate ACK \(#\d+\)$", "duplicate_ack"),
    (r"^This frame is a \(suspected\) fast retransmission$", "fast_retransmission"),
    (r"^This frame is a \(suspected\) spurious retransmission$", "spurious_retransmission"),
    (r"^This frame is a \(suspected\) retransmission$", "retransmission"),
    (r"^This frame is a \(suspected\) out-of-order segment$", "out_of_order"),
    (r"^Previous segment\(s\) not captured", "lost_segment"),
    (r"^ACKed segment that wasn't captured", "ack_lost_segment"),
    (r"^TCP window specified by the receiver is now completely full$", "window_full"),
    (r"^TCP Zero Window segment$", "zero_window"),
    (r"^TCP Zero Window Probe$", "zero_window_probe"),
    (r"^ACK to a TCP Zero Window Probe$", "zero_window_probe_ack"),
    (r"^TCP window update$", "window_update"),
    (r"^TCP keep-alive segment$", "keep_alive"),
    (r"^ACK to a TCP keep-alive segment$", "keep_alive_ack"),
    (r"^A new tcp session is started with the same ports", "reused_ports"),
]
# Expert items on flagged frames that are not tcp.analysis flags (connection events).
IGNORED = re.compile(r"^(Connection establish|Connection reset|Connection finish)")
TSHARK = ["tshark", "-n", "-o", "tcp.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE",
          "-o", "ip.check_checksum:TRUE"]


def tshark_flags(capture):
    out = subprocess.run(TSHARK + ["-r", capture, "-T", "fields", "-e", "frame.number", "-e",
                                   "_ws.expert.message", "-Y", "tcp.analysis.flags"],
                         check=True, capture_output=True, text=True).stdout
    pairs, unknown = set(), collections.Counter()
    for line in out.splitlines():
        frame, _, messages = line.partition("\t")
        for msg in messages.split(","):
            for pattern, label in MESSAGES:
                if re.search(pattern, msg):
                    pairs.add((int(frame), label))
                    break
            else:
                if not IGNORED.search(msg):
                    unknown[msg] += 1
    return pairs, unknown


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    capture, labels_file = sys.argv[1], sys.argv[2]
    ours = set()
    with open(labels_file) as f:
        for line in f:
            frame, label = line.split()
            ours.add((int(frame), label))
    theirs, unknown = tshark_flags(capture)
    labels = sorted({l for _, l in ours | theirs})
    print("%-24s %10s %10s %10s" % ("label", "labelled", "tshark", "agree"))
    for label in labels:
        o = {p for p in ours if p[1] == label}
        t = {p for p in theirs if p[1] == label}
        print("%-24s %10d %10d %10d" % (label, len(o), len(t), len(o & t)))
    print("%-24s %10d %10d %10d" % ("total", len(ours), len(theirs), len(ours & theirs)))
    only_ours, only_theirs = sorted(ours - theirs), sorted(theirs - ours)
    for what, diff in (("labelled, not flagged by tshark", only_ours), ("flagged by tshark, not labelled", only_theirs)):
        if diff:
            print("%s (%d): %s" % (what, len(diff), " ".join("%d:%s" % p for p in diff[:20])))
    for msg, n in unknown.items():
        print("unmapped tshark message (%d frames): %s" % (n, msg))

    expert = subprocess.run(TSHARK + ["-r", capture, "-q", "-z", "expert"], check=True, capture_output=True,
                            text=True).stdout
    errors = re.search(r"Errors \((\d+)\)", expert)
    bad = [l for l in expert.splitlines() if re.search(r"[Mm]alformed|[Bb]ad checksum|incorrect", l)]
    print("tshark expert: %s error items%s" % (errors.group(1) if errors else "no",
                                                ("; " + "; ".join(bad[:5])) if bad else ""))
    return 1 if only_ours or only_theirs or unknown or errors or bad else 0


if __name__ == "__main__":
    sys.exit(main())
