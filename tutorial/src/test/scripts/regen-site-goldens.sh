#!/usr/bin/env bash
# Regenerates the goldens of the handshake chapter (its Markdown and first SVG ladder) in
# tutorial/src/test/resources/golden/site/. Never edit those files by hand: change the code or the
# chapter, run this, and review the diff (git diff tutorial/src/test/resources/golden/site).
set -euo pipefail
root=$(cd "$(dirname "$0")/../../../.." && pwd)
cd "$root"
mvn -q -B -pl tutorial -am test -Dtest=ChapterGoldenTest -Dsurefire.failIfNoSpecifiedTests=false -Dwirebook.regen=true
echo "regenerated $(ls tutorial/src/test/resources/golden/site | wc -l) goldens in tutorial/src/test/resources/golden/site"
