#!/usr/bin/env python3
"""Cross-check a scenario's socket-call log against strace.

Usage (as root, for the capture):
  strace -f -ttt -e trace=network,read,write,close,shutdown,epoll_wait,poll,fcntl -o run.strace \
      java -jar tutorial/target/wirebook.jar capture --scenario NAME --record DIR > /dev/null
  tutorial/tools/strace-check.py run.strace DIR/NAME.calls.jsonl

Every recorded call must match a system call of the same name, on the same fd (for socket: returning
it; epoll_wait is on the selector's epoll fd, so only its name and time are checked), whose strace
entry time (CLOCK_REALTIME, microseconds) lies inside the record's [ts, end_ts] give or take 2 us.
Exit status 1 when a record has no match. Also lists the system calls on the scenario's fds that
were not recorded (getsockname, fcntl, ... and unrelated reads/closes of a reused fd number).
"""
import collections
import json
import re
import sys

ENTRY = re.compile(r'^(\d+)\s+(\d+)\.(\d+)\s+(\w+)\((.*)$')
RESUMED = re.compile(r'^(\d+)\s+\d+\.\d+\s+<\.\.\. (\w+) resumed>(.*)$')


def micros(decimal):
    whole, frac = decimal.split('.')
    return int(whole) * 1_000_000 + int((frac + '000000')[:6])


def parse_strace(path):
    calls, pending = [], {}
    for line in open(path):
        line = line.rstrip('\n')
        m = RESUMED.match(line)
        if m:
            c = pending.pop(m.group(1), None)
            if c is not None:
                c['ret'] = m.group(3).rsplit('=', 1)[-1].strip()
            continue
        m = ENTRY.match(line)
        if not m:
            continue
        pid, sec, usec, name, rest = m.groups()
        first = rest.replace(' <unfinished ...>', '').split(',', 1)[0].split(')')[0].strip()
        c = {'t': int(sec) * 1_000_000 + int(usec), 'name': name,
             'fd': first if first.isdigit() else None, 'ret': ''}
        if rest.endswith('<unfinished ...>'):
            pending[pid] = c
        else:
            c['ret'] = rest.rsplit('=', 1)[-1].strip()
        calls.append(c)
    return calls


def main(trace_path, log_path):
    calls = parse_strace(trace_path)
    recorded = [e for e in map(json.loads, open(log_path)) if e['type'] == 'call']
    used, unmatched = set(), []
    for e in recorded:
        fd, name = e['args'].get('fd'), e['call']
        lo, hi = micros(e['ts']) - 2, micros(e['end_ts']) + 2
        for i, c in enumerate(calls):
            if i in used or c['name'] != name or not lo <= c['t'] <= hi:
                continue
            if name == 'socket' and c['ret'].split(' ')[0] != fd:
                continue
            if name not in ('socket', 'epoll_wait') and c['fd'] != fd:
                continue
            used.add(i)
            break
        else:
            unmatched.append(e)
    print(f"{len(recorded)} recorded calls, {len(recorded) - len(unmatched)} matched")
    for e in unmatched:
        print('  UNMATCHED', e['side'], e['call'], e['args'], e['result'], e['errno'])
    t0, t1 = micros(recorded[0]['ts']), micros(recorded[-1]['end_ts'])
    fds = {e['args'].get('fd') for e in recorded}
    extra = collections.Counter(c['name'] for i, c in enumerate(calls)
                                if i not in used and t0 <= c['t'] <= t1 and c['fd'] in fds)
    print('not recorded, on the same fd numbers during the run:', dict(extra))
    return 1 if unmatched else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1], sys.argv[2]))
