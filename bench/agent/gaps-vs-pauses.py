#!/usr/bin/env python3
"""Matches the late inter-token gaps of an AgentBench run with the JVM's stop-the-world pauses.

Usage: bench/agent/gaps-vs-pauses.py GAPS SAFEPOINT_LOG
  GAPS: the file of -Dbench.gapLog (lines "from to excess", ms of JVM uptime; "# streams N" headers;
  late first deltas as "first start delta overhead", each counted as overlapping a pause or not)
  SAFEPOINT_LOG: the same JVM's -Xlog:safepoint=info:file=...:uptimenanos
A gap is "during a pause" when a pause overlaps it; "after a pause" when a pause ended at most one
stub gap (25 ms) before it began (the token read together with a late one). Prints, per stream count,
the late gaps, how many each rule explains, the tokens held back ~20 ms by an acknowledgement (a ~45 ms
gap, then one of <= 10 ms: Nagle at the stub and a delayed ACK here, see StubProcess) and the pauses over
the same span.
"""
import re
import sys

STUB_GAP_MS = 25.0


def pauses(path):
    out = []  # (start_ms, end_ms, name)
    line_re = re.compile(r'^\[(\d+)ns\].*Safepoint "([^"]+)".*Total: (\d+) ns')
    with open(path) as f:
        for line in f:
            m = line_re.match(line)
            if m:
                end = int(m.group(1)) / 1e6
                total = int(m.group(3)) / 1e6
                out.append((end - total, end, m.group(2)))
    return out


def gaps(path):
    runs, current = {}, None
    with open(path) as f:
        for line in f:
            if line.startswith('# streams'):
                current = line.split()[2]
                runs[current] = []
            elif line.startswith('first'):
                _, a, b, e = line.split('\t')
                firsts.setdefault(current, []).append((float(a), float(b), float(e)))
            elif line.strip():
                a, b, e = line.split('\t')
                runs[current].append((float(a), float(b), float(e)))
    return runs


def first_deltas(late, all_pauses):
    """Late first deltas (lines "first start delta overhead"): a pause counts when it overlaps the
    turn's first `overhead` ms (before the request left) or its last (while the token came in)."""
    for limit in (10, 15):
        over = [(a, b, e) for a, b, e in late if e > limit]
        hit = sum(1 for a, b, e in over if any(p[0] < a + e and p[1] > a or p[0] < b and p[1] > b - e for p in all_pauses))
        yield f'first deltas over {limit} ms: {len(over)}, overlapping a pause {hit}'


firsts = {}


def main():
    all_pauses = pauses(sys.argv[2])
    for streams, late in gaps(sys.argv[1]).items():
        if streams in firsts:
            print(f'{streams} streams: ' + '; '.join(first_deltas(firsts[streams], all_pauses)))
        if not late:
            print(f'{streams} streams: no late gaps')
            continue
        span = (min(a for a, _, _ in late), max(b for _, b, _ in late))
        inside = [p for p in all_pauses if p[1] >= span[0] - 1000 and p[0] <= span[1] + 1000]
        during = after = none = 0
        for a, b, _ in late:
            if any(p[0] < b and p[1] > a for p in inside):
                during += 1
            elif any(a - STUB_GAP_MS <= p[1] <= a for p in inside):
                after += 1
            else:
                none += 1
        # a token held back and released by an acknowledgement (Nagle at the stub, a delayed ACK
        # here): a gap of ~45 ms (40 ms delayed-ACK timer) and, from that token on, one of <= 10 ms
        ends = {a: b for a, b, _ in late}
        held = sum(1 for a, b, _ in late if 40 <= b - a <= 55 and b in ends and ends[b] - b <= 10)
        long_pauses = sorted(p[1] - p[0] for p in inside)
        big = [d for d in long_pauses if d > 5]
        print(f'{streams} streams: {len(late)} late gaps; during a pause {during}, just after one {after}, '
              f'no pause {none}; held tokens (~45 ms gap, then <= 10 ms) {held}; pauses in the span {len(inside)}, of them > 5 ms {len(big)}'
              + (f' (p50 {big[len(big) // 2]:.1f}, max {big[-1]:.1f} ms)' if big else ''))


if __name__ == '__main__':
    main()
