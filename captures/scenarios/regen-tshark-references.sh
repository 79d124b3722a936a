#!/usr/bin/env bash
# Regenerates the tshark reference outputs of the lab scenarios' frozen recordings in this folder (the ones
# with drops and kernel timers, where the expert analysis has the most to get right): the common fields
# (../tshark-references.sh) plus ack RTT and bytes in flight. The analyzer's TsharkAgreementTest then
# compares `wirebook read --format jsonl` with them field by field. Run it after re-recording one of them
# (tutorial/src/main/sh/record-scenarios.sh NAME).
set -u
cd "$(dirname "$0")"
source ../tshark-references.sh
tshark_references tcp.analysis.ack_rtt tcp.analysis.bytes_in_flight \
  -- syn-retries.pcapng synack-retries.pcapng abort-on-overflow.pcapng tw-buckets.pcapng loss.pcapng \
     mtu.pcapng keepalive.pcapng ephemeral-ports.pcapng
