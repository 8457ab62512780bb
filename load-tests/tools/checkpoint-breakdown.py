#!/usr/bin/env python3
"""Where a checkpoint's time goes, per operator chain, in a running `./forecaster loadtest`.

Finds the load test's Flink REST endpoint among the JVM's loopback ports, then, every few seconds, reads the
latest completed checkpoint of the running job whose name contains NAME (default "forecast") and prints one line
per vertex: end-to-end time (trigger to the vertex's last acknowledgement), and the slowest subtask's start delay
(barrier travel), alignment, synchronous and asynchronous parts. At the end: the median of each over the
checkpoints seen. Start it beside the load test:

    load-tests/tools/checkpoint-breakdown.py [NAME] [SECONDS] [--trigger-log FILE] > breakdown.txt &

With --trigger-log it also appends every completed checkpoint of that job (from the job's checkpoint history, so
none is missed between two reads) to FILE as `job_id checkpoint_id trigger_ms last_ack_ms end_to_end_ms`, for
load-tests/tools/commit-delay.py.
"""
import json
import re
import statistics
import subprocess
import sys
import time
import urllib.request

ARGS = sys.argv[1:]
TRIGGER_LOG = None
if "--trigger-log" in ARGS:
    i = ARGS.index("--trigger-log")
    TRIGGER_LOG = open(ARGS[i + 1], "a")
    del ARGS[i : i + 2]
NAME = ARGS[0] if len(ARGS) > 0 else "forecast"
SECONDS = float(ARGS[1]) if len(ARGS) > 1 else 600


def get(port, path):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=2) as r:
        return json.load(r)


def ports():
    pid = subprocess.run(["pgrep", "-f", "ForecasterCli loadtest"], capture_output=True, text=True).stdout.split()
    if not pid:
        return []
    out = subprocess.run(["ss", "-ltnpH"], capture_output=True, text=True).stdout
    return [l.split()[3].rsplit(":", 1)[1] for l in out.splitlines() if f"pid={pid[0]}," in l]


def rest_port():
    for p in ports():
        try:
            get(p, "/jobs/overview")
            return p
        except Exception:
            pass
    return None


rows = {}
seen = set()
logged = set()
deadline = time.time() + SECONDS
port = None
while time.time() < deadline:
    time.sleep(3)
    try:
        port = port or rest_port()
        if port is None:
            continue
        jobs = [j for j in get(port, "/jobs/overview")["jobs"] if j["state"] == "RUNNING" and NAME in j["name"]]
        if not jobs:
            continue
        job = jobs[0]["jid"]
        checkpoints = get(port, f"/jobs/{job}/checkpoints")
        if TRIGGER_LOG:
            for c in checkpoints["history"]:
                if c["status"] == "COMPLETED" and (job, c["id"]) not in logged:
                    logged.add((job, c["id"]))
                    TRIGGER_LOG.write(
                        f"{job} {c['id']} {c['trigger_timestamp']} {c['latest_ack_timestamp']} {c['end_to_end_duration']}\n")
            TRIGGER_LOG.flush()
        latest = checkpoints["latest"]["completed"]
        if not latest or latest["id"] in seen:
            continue
        cid = latest["id"]
        seen.add(cid)
        details = get(port, f"/jobs/{job}/checkpoints/details/{cid}")
        names = {v["id"]: v["name"] for v in get(port, f"/jobs/{job}")["vertices"]}
        print(f"checkpoint {cid}: end to end {details['end_to_end_duration']} ms, {details['state_size']} bytes", flush=True)
        for vid in details["tasks"]:
            sub = get(port, f"/jobs/{job}/checkpoints/details/{cid}/subtasks/{vid}")
            s = [x for x in sub["subtasks"] if x.get("status") == "completed"]
            if not s:
                continue
            worst = max(s, key=lambda x: x["end_to_end_duration"])
            parts = {
                "end_to_end": worst["end_to_end_duration"],
                "start_delay": worst["start_delay"],
                "alignment": worst["alignment"]["duration"],
                "sync": worst["checkpoint"]["sync"],
                "async": worst["checkpoint"]["async"],
            }
            name = re.sub(r"\s+", " ", names.get(vid, vid))[:70]
            rows.setdefault(name, []).append(parts)
            print("  " + name.ljust(70) + " " + " ".join(f"{k} {v:5d}" for k, v in parts.items()), flush=True)
    except Exception as e:  # the job restarting or ending between two reads
        print(f"# {type(e).__name__}: {e}", flush=True)
        port = None

print(f"\nmedians over {len(seen)} checkpoints (ms; the slowest subtask of each vertex)")
for name, parts in rows.items():
    print("  " + name.ljust(70) + " " + " ".join(f"{k} {statistics.median(p[k] for p in parts):7.1f}" for k in parts[0]))
