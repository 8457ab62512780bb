"""Prints forecasting.md's table for this run: python3 table.py results.json SINGLE_MODELS_RESULTS.json
(the second: the run of record with single models, ../full-3seeds-new-trainer/results.json)."""
import json
import statistics
import sys

rows = json.load(open(sys.argv[1]))["rows"]
unit = {(r["system"], r["model"], r["seed"]): r for r in rows}
single = {(r["system"], r["model"], r["seed"]): r for r in json.load(open(sys.argv[2]))["rows"]}
systems = list(dict.fromkeys(r["system"] for r in rows))
seeds = [42, 43, 44]


def ms(model, system, units=unit):
    v = [units[(system, model, s)]["vptLyapunov"] for s in seeds]
    return "%.2f ± %.2f" % (statistics.mean(v), statistics.stdev(v))


print("| system | nvar | esn (members) | phyxmamba (members) | phyxmamba, single models | phyxmamba train s |")
print("|---|---:|---:|---:|---:|---:|")
for sys_ in systems:
    members = lambda m: "/".join(str(unit[(sys_, m, s)]["members"]) for s in seeds)
    print("| %s | %.2f | %s (%s) | %s (%s) | %s | %s |" % (
        sys_, unit[(sys_, "nvar", 42)]["vptLyapunov"], ms("esn", sys_), members("esn"),
        ms("phyxmamba", sys_), members("phyxmamba"), ms("phyxmamba", sys_, single),
        " / ".join("%.0f" % unit[(sys_, "phyxmamba", s)]["trainSeconds"] for s in seeds)))
for name, units in [("this run", unit), ("single models", single)]:
    for m in ["phyxmamba", "mamba", "esn", "nvar"]:
        per_seed = [statistics.mean(units[(x, m, s)]["vptLyapunov"] for x in systems) for s in seeds]
        print("%s, %s: %.2f +- %.2f (%s)" % (name, m, statistics.mean(per_seed), statistics.stdev(per_seed),
                                             " / ".join("%.2f" % p for p in per_seed)))
train = [r["trainSeconds"] for r in rows if r["model"] == "phyxmamba"]
print("phyxmamba train s: %.0f-%.0f" % (min(train), max(train)))
