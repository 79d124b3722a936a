# The main job of `./wirebook all`: a list of steps, run in order, each a shell function step_NAME.
#
# Sourced by ./wirebook after set-up and the build, in the repository root, with WIREBOOK_ROOT set and
# wirebook_cli (the Wirebook CLI, i.e. java -jar tutorial/target/wirebook.jar) defined. A step prints
# what it did and returns non-zero to stop the job.
#
# To add a step: define step_NAME (here, or in a file of the module it belongs to, sourced from here)
# and put NAME in WIREBOOK_ALL_STEPS at its place.

WIREBOOK_ALL_STEPS=(
  capture_demo_scenarios
  decode_bundled_captures
  build_site
  write_reports
)

run_all_steps() {
  local step n=0 started
  for step in "${WIREBOOK_ALL_STEPS[@]}"; do
    n=$((n + 1))
    echo "wirebook all: step $n/${#WIREBOOK_ALL_STEPS[@]}: $step"
    started=$SECONDS
    if ! "step_$step"; then
      echo "wirebook all: step $step FAILED" >&2
      return 1
    fi
    echo "wirebook all: step $step done in $((SECONDS - started)) s"
  done
}

# Decodes every bundled capture (captures/third-party, captures/kernel) with `wirebook read` into
# site/decoded/NAME.txt and site/decoded/NAME.jsonl, NAME being the file name without its extension.
# Exit 2 (input error after partial output) is expected of the deliberately damaged fuzzer captures:
# reported, not fatal. Any other failure, or JSONL output that is not one JSON object per line, fails
# the step after every capture has been tried.
step_decode_bundled_captures() {
  local out=site/decoded
  local -a captures=() unique=() partial=() failed=()
  local -A source_of=()
  local capture name format ext status err line bad complete=0
  mapfile -t captures < <(find captures/third-party captures/kernel -type f \
                            \( -name '*.pcap' -o -name '*.pcapng' \) | LC_ALL=C sort)
  if ((${#captures[@]} == 0)); then
    echo "  no captures found under captures/third-party and captures/kernel"
    return 1
  fi
  for capture in "${captures[@]}"; do
    name=${capture##*/}
    name=${name%.*}
    if [[ -n ${source_of[$name]:-} ]]; then
      failed+=("$capture: same output name as ${source_of[$name]}")
      continue
    fi
    source_of[$name]=$capture
    unique+=("$capture")
  done
  rm -rf "$out"
  mkdir -p "$out"
  err=$(mktemp "${TMPDIR:-/tmp}/wirebook-read.XXXXXX")
  # One process per format, both at once (two cores), each reading every capture on its own into
  # $out/NAME.EXT (read --out-dir): two JVM starts instead of two per capture (measured: 128 starts
  # took about 20 s; see the README's "Speed" section for the figures).
  for format in text jsonl; do
    ( wirebook_cli read --out-dir "$out" --format "$format" "${unique[@]}" \
        2>"$err.$format"; echo $? >"$err.$format.rc" ) &
  done
  wait
  for format in text jsonl; do
    ext=$format
    [[ $format == text ]] && ext=txt
    status=$(cat "$err.$format.rc")
    if ((status != 0 && status != 2)) && ! grep -q -F "wirebook: captures/" "$err.$format"; then
      failed+=("read --out-dir $out --format $format: exit $status: $(head -n 1 "$err.$format")")
    fi
    for capture in "${unique[@]}"; do
      name=${capture##*/}
      name=${name%.*}
      # Each file's error line names it: "wirebook: FILE: ...".
      line=$(grep -m 1 -F "wirebook: $capture: " "$err.$format" || true)
      if [[ $format == jsonl && -f $out/$name.$ext ]] \
           && bad=$(grep -n -m 1 -v '^{.*}$' "$out/$name.$ext"); then
        failed+=("$out/$name.jsonl: line ${bad%%:*} is not a JSON object: ${bad#*:}")
      elif [[ -z $line ]]; then
        complete=$((complete + 1))
      elif ((status == 2)); then
        partial+=("$out/$name.$ext: $line")
      else
        failed+=("$out/$name.$ext: exit $status: $line")
      fi
    done
  done
  rm -f "$err" "$err".*

  echo "  ${#captures[@]} captures, $((2 * ${#captures[@]})) outputs in $out/:" \
       "$complete complete, ${#partial[@]} partial, ${#failed[@]} failed"
  if ((${#partial[@]})); then
    echo "  partial (exit 2: damaged input, decoded up to the damage):"
    printf '    %s\n' "${partial[@]}"
  fi
  if ((${#failed[@]})); then
    echo "  failed:"
    printf '    %s\n' "${failed[@]:0:12}"
    ((${#failed[@]} <= 12)) || echo "    ... and $((${#failed[@]} - 12)) more"
    if [[ $(wirebook_cli read --help 2>&1) != *read* ]]; then
      echo "  (the CLI in this build has no 'read' command: its help does not mention it)"
    fi
    return 1
  fi
}

# Runs every bundled demo scenario on lo while capturing it (needs root or CAP_NET_RAW + CAP_NET_ADMIN),
# and writes site/scenarios/NAME.pcapng (socket calls as packet comments), NAME.calls.jsonl, and the
# merged timelines of all of them as timelines.txt and timelines.jsonl. The frozen copies the tests and
# the site use without privileges are in captures/scenarios (re-recorded only by
# tutorial/src/main/sh/record-scenarios.sh), so this run's fresh evidence never dirties the repository.
step_capture_demo_scenarios() {
  local out=site/scenarios status=0
  rm -rf "$out"
  mkdir -p "$out"
  # A lab scenario that cannot get its network namespace here uses its frozen recording, and says so.
  wirebook_cli capture --all --record "$out" --fallback captures/scenarios > "$out/timelines.txt" || status=$?
  if ((status != 0)); then
    echo "  capture failed (exit $status); see above. Without capture privileges run as root, or use the"
    echo "  frozen recordings: ./wirebook capture --all --replay captures/scenarios"
    return 1
  fi
  wirebook_cli capture --all --replay "$out" --format jsonl > "$out/timelines.jsonl" || return 1
  echo "  $(ls "$out"/*.pcapng | wc -l) scenarios captured into $out/ ($(grep -c '"type":"packet"' "$out/timelines.jsonl") packets," \
       "$(grep -c '"type":"call"' "$out/timelines.jsonl") socket calls); timelines in $out/timelines.txt"
}

# Builds the tutorial site into site/ from the recordings the first step just captured on this machine,
# so every claim of the book is checked on this kernel (exit 6 and the failed claims with their evidence
# when one does not hold). Pages, Markdown (site/md) and notebooks (site/notebooks).
step_build_site() {
  wirebook_cli site --recordings site/scenarios --live -o site
}

# Writes `wirebook report` pages of a few bundled captures that show what a report is for (out-of-order
# and retransmitted segments, damaged segments, UDP flows answered by ICMP errors) into
# site/reports/NAME/ (open site/reports/NAME/index.html).
step_write_reports() {
  local out=site/reports f name
  rm -rf "$out"
  mkdir -p "$out"
  for f in captures/third-party/wireshark/http-ooo.pcap captures/third-party/wireshark/tcp-badsegments.pcap \
           captures/third-party/tcpdump/afs.pcap captures/third-party/wireshark/dns+icmp.pcapng; do
    name=$(basename "${f%.*}")
    wirebook_cli report -q "$f" -o "$out/$name" || return 1
  done
  echo "wirebook all: reports of $(find "$out" -mindepth 1 -maxdepth 1 -type d | wc -l) bundled captures in $out/NAME/index.html"
}
