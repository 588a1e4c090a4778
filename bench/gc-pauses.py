#!/usr/bin/env python3
"""Young pauses of one curve.sh step's open loop, from the hub's GC log.

Run curve.sh with BENCH_PONTE_JAVA_OPTS="-Xlog:gc*=debug:file=DIR/gc.log:uptime" and BENCH_RESULTS_DIR=DIR, then
    bench/gc-pauses.py DIR [DIR ...]
The open loop's measured part is taken as the OPEN_S seconds (default 40: BENCH_CURVE_N / BENCH_CURVE_RATE) that
end where the closed loop begins; the closed loop is the last phase, so it starts N / (its rate) seconds before the
last pause. Prints, per DIR: how many young pauses, how often, their median and longest, how many were mixed, the
median bytes copied per pause, and the share of the window spent in pauses.
"""
import glob
import os
import re
import statistics
import sys

OPEN_S = float(os.environ.get("OPEN_S", "40"))
N = int(os.environ.get("N", "20000"))

for d in sys.argv[1:]:
    pauses, copied = {}, {}
    for line in open(os.path.join(d, "gc.log")):
        m = re.match(r"\[(\d+\.\d+)s\] GC\((\d+)\)\s+(.*)", line)
        if not m:
            continue
        t, gc, rest = float(m.group(1)), int(m.group(2)), m.group(3)
        p = re.search(r"Pause Young.*\s(\d+\.\d+)ms$", rest)
        if p and "->" in rest:
            pauses[gc] = (t, float(p.group(1)), "Mixed" in rest)
        c = re.match(r"Copied Bytes:.*Sum: (\d+)", rest)
        if c:
            copied[gc] = int(c.group(1))
    report = open(glob.glob(os.path.join(d, "*-curve.md"))[0]).read()
    closed = float(re.findall(r"\| ([\d.]+) \| \d+ / \d+ \|", report)[-1])
    end = max(t for t, _, _ in pauses.values()) - N / closed
    window = [(gc,) + pauses[gc] for gc in pauses if end - OPEN_S <= pauses[gc][0] <= end]
    if not window:
        print(f"{os.path.basename(d.rstrip('/'))}: no pause in the window")
        continue
    ms = [w[2] for w in window]
    mb = [copied.get(w[0], 0) / 1e6 for w in window]
    print(f"{os.path.basename(d.rstrip('/')):12} {len(window)} pauses, one every {OPEN_S / len(window):.1f} s, "
          f"p50 {statistics.median(ms):.1f} ms, max {max(ms):.1f} ms, mixed {sum(w[3] for w in window)}, "
          f"copied p50 {statistics.median(mb):.1f} MB, {100 * sum(ms) / 1000 / OPEN_S:.2f} % of the time")
