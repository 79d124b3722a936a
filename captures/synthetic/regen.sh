#!/usr/bin/env bash
# Regenerates the synthetic capture and its references. Never hand-edit the outputs: change this script.
#
#   gen60k.pcap                 60,000 packets from the project's deterministic generator (seed 1), cut to
#                               128 bytes a frame (headers only; tcp.len still comes from the IP length)
#   gen60k.labels               the generator's labels of the anomalies it injected ("FRAME LABEL")
#   gen60k.tshark-fields.tsv.gz tshark's per-frame fields (same columns and prefs as ../kernel/regen.sh)
#   gen60k.tshark-conv.txt.gz   tshark -q -z conv,tcp -z conv,udp
#
# Usage: ./regen.sh   (GEN_PCAP=/path/to/gen_pcap.py, TSHARK=/path/to/tshark to override)
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd ../.. && pwd)
GEN_PCAP=${GEN_PCAP:-$root/../shared/tools/gen_pcap.py}
[ -f "$GEN_PCAP" ] || GEN_PCAP=/work/shared/tools/gen_pcap.py
TSHARK=${TSHARK:-tshark}
export LC_ALL=C.UTF-8 TZ=UTC
CFG=$(mktemp -d); trap 'rm -rf "$CFG"' EXIT
export WIRESHARK_CONFIG_DIR="$CFG" XDG_CONFIG_HOME="$CFG"
PREFS=(-o tcp.relative_sequence_numbers:TRUE -o tcp.analyze_sequence_numbers:TRUE
       -o tcp.calculate_timestamps:TRUE -o tcp.check_checksum:FALSE -o udp.check_checksum:FALSE
       -o ip.check_checksum:FALSE)
FIELDS=(frame.number frame.time_epoch frame.interface_id frame.len frame.cap_len
  ip.src ipv6.src ip.dst ipv6.dst ip.proto ipv6.nxt ip.len ip.ttl
  tcp.stream tcp.srcport tcp.dstport udp.srcport udp.dstport udp.length
  tcp.flags tcp.flags.str tcp.seq_raw tcp.ack_raw tcp.seq tcp.ack tcp.nxtseq tcp.len tcp.hdr_len
  tcp.window_size_value tcp.window_size
  tcp.options.mss_val tcp.options.wscale.shift tcp.options.sack_perm tcp.options.sack_le tcp.options.sack_re
  tcp.options.timestamp.tsval tcp.options.timestamp.tsecr
  icmp.type icmp.code icmpv6.type icmpv6.code
  tcp.analysis.flags tcp.analysis.retransmission tcp.analysis.fast_retransmission
  tcp.analysis.spurious_retransmission tcp.analysis.out_of_order tcp.analysis.lost_segment
  tcp.analysis.ack_lost_segment tcp.analysis.duplicate_ack tcp.analysis.duplicate_ack_num
  tcp.analysis.zero_window tcp.analysis.zero_window_probe tcp.analysis.zero_window_probe_ack
  tcp.analysis.window_update tcp.analysis.window_full tcp.analysis.keep_alive
  tcp.analysis.keep_alive_ack tcp.analysis.reused_ports
  _ws.malformed _ws.expert.message
  tcp.analysis.ack_rtt tcp.analysis.bytes_in_flight)
EFIELDS=(); for f in "${FIELDS[@]}"; do EFIELDS+=(-e "$f"); done
FMT=(-T fields -E header=y -E separator=/t -E occurrence=a -E aggregator='|' -E quote=n)
full=$(mktemp --suffix=.pcap)
python3 "$GEN_PCAP" 60000 1 "$full" gen60k.labels 2>/dev/null
editcap -s 128 "$full" gen60k.pcap
rm -f "$full"
"$TSHARK" -n -r gen60k.pcap "${PREFS[@]}" "${FMT[@]}" "${EFIELDS[@]}" 2>/dev/null | gzip -9n > gen60k.tshark-fields.tsv.gz
"$TSHARK" -n -q -r gen60k.pcap "${PREFS[@]}" -z conv,tcp -z conv,udp 2>/dev/null | gzip -9n > gen60k.tshark-conv.txt.gz
{ "$TSHARK" --version 2>/dev/null | head -1; python3 --version; } > TOOLS.txt
echo "regenerated gen60k with: $(head -1 TOOLS.txt)"
