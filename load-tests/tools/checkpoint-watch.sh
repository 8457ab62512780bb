#!/bin/bash
# Scrapes the checkpoint metrics of a running `./forecaster loadtest` from its Prometheus endpoint every 3 s
# (the JVM's listening loopback ports, found with ss), printed as "time port sample". Start it before the load
# test: load-tests/tools/checkpoint-watch.sh > checkpoints.log &
for i in $(seq 1 120); do
  pid=$(pgrep -f "io.chaoscast.jobs.cli.ForecasterCli loadtest" | head -1)
  [ -z "$pid" ] && { sleep 2; continue; }
  for port in $(ss -ltnpH 2>/dev/null | grep "pid=$pid," | awk '{print $4}' | awk -F: '{print $NF}'); do
    curl -s --max-time 1 "http://127.0.0.1:$port/metrics" 2>/dev/null | grep -E "^flink_jobmanager_job_(lastCheckpointDuration|lastCheckpointSize|lastCheckpointFullSize)|checkpointAlignmentTime|checkpointStartDelayNanos" | sed "s/^/$(date +%T) $port /"
  done
  sleep 3
done
