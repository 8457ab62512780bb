#!/usr/bin/env python3
"""Whether garbage-collection pauses explain the slow exactly-once commits of a load test.

For each checkpoint that commit-delay.py measures (same inputs, same 60-s skip), X = trigger -> first forecast
visible after it completed; this tool adds how much of that window the JVM spent stopped in a GC pause, and
prints X over the checkpoints with and without an overlapping pause. If the slow checkpoints are the ones with a
pause, the collector is the lever; if X is as long without one, it is not.

    JAVA_OPTS="-Xlog:gc:file=GC.log:time,uptimemillis" ./forecaster loadtest --delivery exactly_once \\
        --latency-log LAT ...        # with checkpoint-breakdown.py --trigger-log TRIG beside it
    load-tests/tools/gc-overlap.py GC.log LAT TRIG [RUN_PREFIX]

RUN_PREFIX (default "forecasting") picks the run of LAT; GC.log is the unified log written with the decorations
above (each pause line ends with its duration; it is logged when the pause ends).
"""
import datetime
import re
import sys

from commits import first_visible, quantile

PAUSE = re.compile(r"\[(\S+)\]\[\d+ms\] GC\(\d+\) Pause.* ([\d.]+)ms$")


def pauses(gc_log):
    out = []
    with open(gc_log) as f:
        for line in f:
            m = PAUSE.match(line.strip())
            if m:
                end = datetime.datetime.strptime(m.group(1)[:23], "%Y-%m-%dT%H:%M:%S.%f")
                end_ms = end.replace(tzinfo=datetime.timezone.utc).timestamp() * 1000
                out.append((end_ms - float(m.group(2)), end_ms))
    return out


def main(gc_log, latency_log, trigger_log, run_prefix="forecasting", skip_s=60.0):
    stopped = pauses(gc_log)
    with open(latency_log) as f:
        visible = sorted(int(line.split()[1]) for line in f if line.startswith(run_prefix))
    with open(trigger_log) as f:
        checkpoints = sorted((int(line.split()[2]), int(line.split()[3])) for line in f)
    start = visible[0] + skip_s * 1000
    checkpoints = [c for c in checkpoints if start <= c[0] <= visible[-1]]
    rows = []
    for (trigger, _), seen in first_visible(visible, checkpoints):
        x = seen - trigger
        overlap = sum(min(e, trigger + x) - max(s, trigger) for s, e in stopped if e > trigger and s < trigger + x)
        rows.append((x, overlap))
    with_pause = [x for x, g in rows if g > 0]
    without = [x for x, g in rows if g == 0]
    print(f"{len(stopped)} GC pauses in the log; {len(rows)} checkpoints measured")
    print(f"  with a pause inside X:  {len(with_pause):4d}  X p50 {quantile(with_pause, .5)}  max "
          f"{max(with_pause) if with_pause else None} ms")
    print(f"  without:                {len(without):4d}  X p50 {quantile(without, .5)}  p90 {quantile(without, .9)} ms")
    all_x = [x for x, _ in rows]
    print(f"  all:                          X p50 {quantile(all_x, .5)}  p90 {quantile(all_x, .9)} ms")


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    main(*sys.argv[1:5])
