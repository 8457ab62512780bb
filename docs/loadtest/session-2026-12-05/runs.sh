#!/bin/bash
# Issue 19 experiment: synchronous heap snapshots (scratch switch) against main's asynchronous ones, EO 2m runs.
cd /work/scratch/e3-wt
out=/work/scratch/sync-exp; mkdir -p $out
for run in sync-1 async-1 sync-2 async-2; do
  [ -f $out/$run/done ] && continue
  mkdir -p $out/$run
  case $run in sync*) opts="-Dchaoscast.syncSnapshots=true";; *) opts="";; esac
  ( sleep 100; python3 /work/main/load-tests/tools/checkpoint-breakdown.py forecast 170 --trigger-log $out/$run/trig.txt > $out/$run/checkpoint-breakdown.txt 2>&1 ) &
  JAVA_OPTS="$opts" ./forecaster loadtest --duration 2m --delivery exactly_once --latency-log $out/$run/lat.txt --report $out/$run > $out/$run/stdout.txt 2>&1
  wait
  python3 /work/main/load-tests/tools/commit-delay.py $out/$run/lat.txt $out/$run/trig.txt > $out/$run/commit-delay.txt 2>&1
  touch $out/$run/done
done
