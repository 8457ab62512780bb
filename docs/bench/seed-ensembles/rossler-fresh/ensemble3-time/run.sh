#!/bin/bash
# Whole ensembles of three, trained from nothing, alone on the machine (after the run of record and the members' run).
cd /work/scratch/rec-wt
while pgrep -f "bench-record" >/dev/null || pgrep -f "more-members" >/dev/null; do sleep 10; done
for s in rossler thomas; do
  echo "$s start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
  ./forecaster bench --suite full --systems $s --models mamba,phyxmamba --seeds 42 --ensemble 3 --out /work/scratch/e3-time-$s > /work/scratch/e3-time-$s.log 2>&1
  echo "$s end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
done
