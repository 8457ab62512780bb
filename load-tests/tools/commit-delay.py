#!/usr/bin/env python3
"""How long an exactly-once load test's commits take to reach a consumer, checkpoint by checkpoint.

Under exactly-once a forecast becomes visible when the checkpoint after it commits, so its latency is the wait for
the next checkpoint trigger plus X, the time from that trigger to the commit being visible to a read-committed
consumer (barrier travel, snapshots, acknowledgements, commit, transaction markers, fetch). The load test's p99
mixes the two, and the wait depends on where the forecasts fall between two triggers: the generator starts every
stream together, so all streams' forecasts fall in the same 10-ms slot of every 100 ms, and Flink starts its
checkpoint timer after a random delay, so that slot's offset from the trigger changes from run to run. X does not,
so compare settings on X.

    ./forecaster loadtest --delivery exactly_once --latency-log LAT ...
    load-tests/tools/checkpoint-breakdown.py forecast SECONDS --trigger-log TRIG > breakdown.txt &  # beside it
    load-tests/tools/commit-delay.py LAT TRIG [SKIP_SECONDS]

For each run of LAT that checkpoints of TRIG overlap (after SKIP_SECONDS, default 60, of the run): over those
checkpoints, X = the first forecast visible after a checkpoint completed minus that checkpoint's trigger; its two
parts, trigger to completion (Flink's end-to-end duration) and completion to visible; the latency p50/p99 of the
same forecasts; and where the forecasts' observations fall after a trigger (ms, mod 100), which with X sets the p99:
p99 ~ interval - offset + X for the first forecasts after a trigger.
"""
import bisect
import sys
from collections import defaultdict

from commits import first_visible, quantile


def main(latency_log, trigger_log, skip_s=60.0):
    runs = defaultdict(list)
    with open(latency_log) as f:
        for line in f:
            run, visible, observed, _ = line.split(" ", 3)
            runs[run].append((int(visible), int(observed)))
    jobs = defaultdict(list)
    with open(trigger_log) as f:
        for line in f:
            job, _, trigger, ack, e2e = line.split()
            jobs[job].append((int(trigger), int(ack), int(e2e)))
    for run, samples in sorted(runs.items()):
        samples.sort()
        start = samples[0][0] + skip_s * 1000
        samples = [s for s in samples if s[0] >= start]
        for job, checkpoints in jobs.items():
            checkpoints = sorted(c for c in checkpoints if samples and start <= c[0] <= samples[-1][0])
            if len(checkpoints) < 2:
                continue
            visible = [s[0] for s in samples]
            x, to_complete, to_visible = [], [], []
            for (trigger, ack, e2e), seen in first_visible(visible, checkpoints):
                x.append(seen - trigger)
                to_complete.append(e2e)
                to_visible.append(seen - ack)
            if not x:
                continue
            triggers = [c[0] for c in checkpoints]
            latencies = [v - o for v, o in samples if triggers[0] <= o <= triggers[-1]]
            offsets = defaultdict(int)
            for v, o in samples:
                k = bisect.bisect_right(triggers, o) - 1
                if 0 <= k < len(triggers) - 1:
                    offsets[(o - triggers[k]) % 100 // 10 * 10] += 1
            print(f"{run} (job {job[:8]}): {len(x)} checkpoints")
            for label, values in (("trigger -> visible (X)", x), ("  trigger -> completed", to_complete),
                                  ("  completed -> visible", to_visible)):
                print(f"  {label:26s} p50 {quantile(values, .5):5d}  p90 {quantile(values, .9):5d}  max {max(values):5d} ms")
            print(f"  forecast latency           p50 {quantile(latencies, .5):5d}  p99 {quantile(latencies, .99):5d} ms"
                  f" ({len(latencies)} forecasts)")
            total = sum(offsets.values())
            print("  observations after a trigger, mod 100 ms: "
                  + ", ".join(f"{k}-{k + 9} ms {100 * n / total:.0f}%" for k, n in sorted(offsets.items())
                              if n >= 0.01 * total))


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], float(sys.argv[3]) if len(sys.argv) > 3 else 60.0)
