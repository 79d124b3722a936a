#!/usr/bin/env bash
# Regenerates the golden outputs of `wirebook read` (text and JSONL) for every bundled capture.
# Never edit the files under analyzer/src/test/resources/golden/ by hand: change the code, run this,
# and review the diff (`git diff --stat analyzer/src/test/resources/golden`).
set -euo pipefail
root=$(cd "$(dirname "$0")/../../../.." && pwd)
cd "$root"
# The one runnable jar is the application's, built by the tutorial module (-am builds the analyzer first).
mvn -q -B -pl tutorial -am package -DskipTests
jar=tutorial/target/wirebook.jar
out=analyzer/src/test/resources/golden
# svg/ holds the SVG ladders' goldens, which regen-svg-goldens.sh makes: leave them.
mkdir -p "$out"
find "$out" -mindepth 1 -maxdepth 1 ! -name svg -exec rm -rf {} +
n=0
while IFS= read -r cap; do
  rel=${cap#captures/}
  base=${rel%.*}
  mkdir -p "$out/$(dirname "$rel")"
  # Exit code 2 (damaged input after partial output) is expected for some fuzzer captures; keep the
  # error line too, since it is part of what the user sees.
  set +e
  TZ=UTC java -jar "$jar" read "$cap" > "$out/$base.txt" 2> "$out/$base.txt.stderr"; rc1=$?
  TZ=UTC java -jar "$jar" read --format jsonl "$cap" > "$out/$base.jsonl" 2>/dev/null; rc2=$?
  set -e
  echo "$rc1" > "$out/$base.exit"
  [ -s "$out/$base.txt.stderr" ] || rm -f "$out/$base.txt.stderr"
  if [ "$rc1" -ne 0 ] && [ "$rc1" -ne 2 ] || [ "$rc2" -ne "$rc1" ]; then
    echo "unexpected exit codes $rc1/$rc2 for $cap" >&2; exit 1
  fi
  n=$((n+1))
done < <(find captures -path captures/synthetic -prune -o -type f \( -name '*.pcap' -o -name '*.pcapng' \) -print | LC_ALL=C sort)
echo "regenerated golden outputs for $n captures in $out"
