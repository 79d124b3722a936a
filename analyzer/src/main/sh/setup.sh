#!/usr/bin/env bash
# Wirebook set-up: makes this Debian machine ready for `./wirebook all` and `./wirebook test`.
#
# Idempotent. When everything is there it prints one line and changes nothing. Otherwise it runs
# `apt-get update` once and installs only the Debian packages that are missing. The JDK and Maven are
# checked, not installed: the machine brings them, and a wrong one is better reported than replaced.
#
# ./wirebook runs this before its two verbs; it also runs on its own: bash analyzer/src/main/sh/setup.sh
set -euo pipefail

# The Debian packages, and why each one is here:
#   libpcap0.8                 the libpcap that pcap4j loads (through JNA) for live capture
#   tcpdump, tshark            test oracles: the analyzer's output is checked against theirs
#   strace                     records the socket calls of the demo scenarios
#   chromium, chromium-driver  browser tests of the generated site
#   python3-nbformat           validates the site's Jupyter notebooks against the nbformat schema (tests)
#   nftables iproute2 util-linux   the lab scenarios' private network namespace: unshare --net, ip link, nft rules
#   time                       GNU time (/usr/bin/time): `wirebook bench` reads each child's CPU time and peak RSS from it
readonly PACKAGES=(libpcap0.8 tcpdump tshark strace chromium chromium-driver python3-nbformat nftables iproute2 util-linux time)
readonly MIN_JAVA=17

say() { printf 'set-up: %s\n' "$*"; }
fail() { printf 'set-up: %s\n' "$*" >&2; exit 1; }

is_installed() {
  [[ $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null) == "install ok installed" ]]
}

# Prints the major version of the java on PATH (17 for "17.0.15", 8 for "1.8.0_402").
java_major() {
  local spec
  spec=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')
  spec=${spec#1.}
  printf '%s' "${spec%%.*}"
}

check_jdk_and_maven() {
  command -v java >/dev/null \
    || fail "java is not on PATH. Wirebook needs a JDK $MIN_JAVA or newer (Debian: apt-get install openjdk-17-jdk-headless)."
  local major
  major=$(java_major)
  [[ $major =~ ^[0-9]+$ ]] && ((major >= MIN_JAVA)) \
    || fail "java on PATH ($(command -v java)) is version ${major:-unknown}; Wirebook needs $MIN_JAVA or newer (Debian: apt-get install openjdk-17-jdk-headless, then update-alternatives --config java)."
  command -v javac >/dev/null \
    || fail "javac is not on PATH: a JRE is not enough to build Wirebook, it needs a JDK (Debian: apt-get install openjdk-17-jdk-headless)."
  command -v mvn >/dev/null \
    || fail "mvn is not on PATH. Wirebook builds with Apache Maven (Debian: apt-get install maven)."
  JAVA_MAJOR=$major
}

install_missing() {
  local -a missing=("$@") as_root=()
  if ((EUID != 0)); then
    command -v sudo >/dev/null || fail "missing Debian packages: ${missing[*]}. Install them as root:
  echo 'wireshark-common wireshark-common/install-setuid boolean false' | debconf-set-selections
  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y ${missing[*]}"
    as_root=(sudo)
  fi
  say "installing ${missing[*]} (apt-get; this takes a minute or two)"
  local log
  log=$(mktemp "${TMPDIR:-/tmp}/wirebook-setup.XXXXXX.log")
  # tshark's wireshark-common asks whether non-root users may capture; answer no (the default) ahead of
  # time so the install never waits for a question that a CI run without stdin cannot answer.
  echo 'wireshark-common wireshark-common/install-setuid boolean false' \
    | "${as_root[@]}" debconf-set-selections
  if ! { "${as_root[@]}" apt-get -q update \
         && "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
              apt-get -q -y -o DPkg::Lock::Timeout=120 install "${missing[@]}"; } >"$log" 2>&1; then
    tail -n 25 "$log" >&2
    fail "apt-get failed (whole log: $log)"
  fi
  local p still=()
  for p in "${missing[@]}"; do is_installed "$p" || still+=("$p"); done
  ((${#still[@]} == 0)) || fail "apt-get ran but these are still not installed: ${still[*]} (log: $log)"
  rm -f "$log"
  say "installed ${missing[*]}"
}

main() {
  check_jdk_and_maven
  local p missing=()
  for p in "${PACKAGES[@]}"; do is_installed "$p" || missing+=("$p"); done
  if ((${#missing[@]} == 0)); then
    say "ok, nothing to install (JDK $JAVA_MAJOR, Maven, ${PACKAGES[*]})"
    return 0
  fi
  install_missing "${missing[@]}"
}

main "$@"
