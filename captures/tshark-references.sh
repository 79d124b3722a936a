# Shared by the regen scripts of captures/third-party, captures/kernel and captures/synthetic: how the
# tshark reference outputs are made. Source it, then call tshark_references. Never hand-edit a
# *.tshark-* file: change this and re-run the folder's regen script.
#
# tshark runs one pass (no -2), with an empty profile, LC_ALL=C.UTF-8 and TZ=UTC, and these preferences
# pinned (all are tshark 4.0's defaults). For each capture C (C = its name without .pcap/.pcapng):
#   C.tshark-fields.tsv   per-frame fields, header row first, several occurrences joined with '|'
#   C.tshark-conv.txt     tshark -q -z conv,tcp -z conv,udp -z conv,ip -z conv,ipv6
#   C.tshark-expert.tsv   frames that carry a tcp.analysis flag, with their expert messages
#   C.tshark-stderr.txt   only when tshark printed something on standard error
# With TSHARK_GZIP=1 the fields and conv files are gzipped (.gz), for big synthetic captures.

TSHARK=${TSHARK:-tshark}
export LC_ALL=C.UTF-8 TZ=UTC
TSHARK_CFG=$(mktemp -d)
trap 'rm -rf "$TSHARK_CFG"' EXIT
export WIRESHARK_CONFIG_DIR="$TSHARK_CFG" XDG_CONFIG_HOME="$TSHARK_CFG"

TSHARK_PREFS=(-o tcp.relative_sequence_numbers:TRUE -o tcp.analyze_sequence_numbers:TRUE
  -o tcp.calculate_timestamps:TRUE -o tcp.check_checksum:FALSE -o udp.check_checksum:FALSE
  -o ip.check_checksum:FALSE)

TSHARK_FIELDS=(frame.number frame.time_epoch frame.interface_id frame.len frame.cap_len
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
  _ws.malformed _ws.expert.message)
TSHARK_FORMAT=(-T fields -E header=y -E separator=/t -E occurrence=a -E aggregator='|' -E quote=n)

# tshark_references [EXTRA_FIELD...] -- CAPTURE...
# Writes the references beside each capture, TOOLS.txt in the current folder, and says how many.
tshark_references() {
  local -a extra=() fields=() caps=()
  while (($#)) && [[ $1 != -- ]]; do extra+=("$1"); shift; done
  (($#)) && shift
  caps=("$@")
  for f in "${TSHARK_FIELDS[@]}" "${extra[@]}"; do fields+=(-e "$f"); done
  { "$TSHARK" --version 2>/dev/null | head -1; echo "regenerated: $(date -u +%Y-%m-%dT%H:%M:%SZ)"; } > TOOLS.txt.new
  local cap base err clean n=0 gz=cat suffix=
  if [[ ${TSHARK_GZIP:-0} == 1 ]]; then gz="gzip -9n"; suffix=.gz; fi
  for cap in "${caps[@]}"; do
    [[ -e $cap ]] || continue
    base=${cap%.pcapng}; base=${base%.pcap}
    err=$(mktemp)
    "$TSHARK" -n -r "$cap" "${TSHARK_PREFS[@]}" "${TSHARK_FORMAT[@]}" "${fields[@]}" 2>>"$err" | $gz > "$base.tshark-fields.tsv$suffix"
    echo "[fields rc=${PIPESTATUS[0]}]" >>"$err"
    "$TSHARK" -n -q -r "$cap" "${TSHARK_PREFS[@]}" -z conv,tcp -z conv,udp -z conv,ip -z conv,ipv6 2>>"$err" | $gz > "$base.tshark-conv.txt$suffix"
    echo "[conv rc=${PIPESTATUS[0]}]" >>"$err"
    if [[ -z $suffix ]]; then
      "$TSHARK" -n -r "$cap" "${TSHARK_PREFS[@]}" -Y tcp.analysis.flags "${TSHARK_FORMAT[@]}" \
        -e frame.number -e tcp.stream -e _ws.expert.message > "$base.tshark-expert.tsv" 2>>"$err"
      echo "[expert rc=$?]" >>"$err"
    fi
    clean=$(grep -v -E '^Running as user "root" and group "root"\. This could be dangerous\.$' "$err" \
            | grep -v -E '^\[(fields|conv|expert) rc=0\]$' || true)
    if [[ -n $clean ]]; then printf '%s\n' "$clean" > "$base.tshark-stderr.txt"; else rm -f "$base.tshark-stderr.txt"; fi
    rm -f "$err"
    n=$((n + 1))
  done
  mv TOOLS.txt.new TOOLS.txt
  echo "regenerated tshark references for $n captures with: $(head -1 TOOLS.txt)"
}
