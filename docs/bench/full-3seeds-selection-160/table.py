"""Prints forecasting.md's table for the rerun with 160 selection origins:
python3 table.py results.json ../full-3seeds-chosen-ensembles/results.json
(the second: the same seeds' units chosen on 80 origins). Every unit whose choice changed is listed."""
import json
import statistics
import sys

def load(path):
    return {(r["system"], r["model"], r["seed"]): r for r in json.load(open(path))["rows"]}

new, old = load(sys.argv[1]), load(sys.argv[2])
systems = list(dict.fromkeys(k[0] for k in new))
seeds = sorted({k[2] for k in new})


def ms(units, model, system):
    v = [units[(system, model, s)]["vptLyapunov"] for s in seeds]
    return "%.2f ± %.2f" % (statistics.mean(v), statistics.stdev(v))


def members(units, model, system):
    return "/".join(str(units[(system, model, s)]["members"]) for s in seeds)


print("| system | esn, 160 origins (members) | phyxmamba, 160 origins (members) | phyxmamba, 80 origins (members) | phyxmamba train s |")
print("|---|---:|---:|---:|---:|")
for x in systems:
    print("| %s | %s (%s) | %s (%s) | %s (%s) | %s |" % (
        x, ms(new, "esn", x), members(new, "esn", x), ms(new, "phyxmamba", x), members(new, "phyxmamba", x),
        ms(old, "phyxmamba", x), members(old, "phyxmamba", x),
        " / ".join("%.0f" % new[(x, "phyxmamba", s)]["trainSeconds"] for s in seeds)))
for name, units in [("160 origins", new), ("80 origins", old)]:
    for m in ["phyxmamba", "mamba", "esn", "nvar"]:
        per_seed = [statistics.mean(units[(x, m, s)]["vptLyapunov"] for x in systems) for s in seeds]
        print("%s, %s: %.2f +- %.2f (%s)" % (name, m, statistics.mean(per_seed), statistics.stdev(per_seed),
                                             " / ".join("%.2f" % p for p in per_seed)))
for m in ["phyxmamba", "mamba", "esn"]:
    train = [r["trainSeconds"] for k, r in new.items() if k[1] == m]
    print("%s train s: %.0f-%.0f" % (m, min(train), max(train)))
print("units whose choice changed (80 -> 160 origins):")
for k in sorted(new):
    if k[1] in ("mamba", "phyxmamba", "esn") and new[k]["members"] != old[k]["members"]:
        print("  %s %s %d: %d -> %d members, test VPT %.2f -> %.2f" % (
            k + (old[k]["members"], new[k]["members"], old[k]["vptLyapunov"], new[k]["vptLyapunov"])))
