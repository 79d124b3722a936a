#!/usr/bin/env bash
# Regenerates the golden SVG ladders (analyzer/src/test/resources/golden/svg/) that LadderSvgWriterTest
# compares with: the test writes them when wirebook.regenSvgGoldens is set. Never edit them by hand:
# change the code, run this, and review the diff (`git diff analyzer/src/test/resources/golden/svg`);
# to look at one, open it in a browser.
set -euo pipefail
root=$(cd "$(dirname "$0")/../../../.." && pwd)
cd "$root"
mvn -q -B -pl analyzer test -Dtest='LadderSvgWriterTest#handshakeMatchesTheGolden' -Dwirebook.regenSvgGoldens=true \
  -Dsurefire.failIfNoSpecifiedTests=false
echo "regenerated $(ls analyzer/src/test/resources/golden/svg | wc -l) golden SVG ladder(s) in analyzer/src/test/resources/golden/svg"
