#!/usr/bin/env bash
# Regenerates the synthetic capture and its references. Never hand-edit the outputs: change this script.
#
#   gen60k.pcap                 60,000 packets from the project's own generator (wirebook generate, seed
#                               1), cut to 128 bytes a frame (headers only; tcp.len still comes from the
#                               IP length)
#   gen60k.labels               the generator's labels of the anomalies it injected ("FRAME LABEL")
#   gen60k.tshark-fields.tsv.gz tshark's per-frame fields (../tshark-references.sh, plus ack RTT and
#   gen60k.tshark-conv.txt.gz   bytes in flight) and conversation tables, gzipped
#
# Usage: ./regen.sh   (TSHARK=/path/to/tshark to override; needs editcap, from tshark's package)
set -euo pipefail
cd "$(dirname "$0")"
full=$(mktemp --suffix=.pcap)
../../wirebook generate -n 60000 --seed 1 -o "$full" --labels gen60k.labels 2>/dev/null
editcap -s 128 "$full" gen60k.pcap
rm -f "$full"
source ../tshark-references.sh
TSHARK_GZIP=1 tshark_references tcp.analysis.ack_rtt tcp.analysis.bytes_in_flight -- gen60k.pcap
