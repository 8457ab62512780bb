"""Prints forecasting.md's table for the suite on seeds 45-47 (table.txt): python3 table.py results.json
Per system: each model's test VPT (LT), mean +- SD over the seeds (ensemble members per seed for the models
that choose them), the phyxmamba units' training seconds; then each model's mean over the systems per seed,
and the range of training seconds per unit of the trained models."""
import json
import statistics
import sys

rows = {(r["system"], r["model"], r["seed"]): r for r in json.load(open(sys.argv[1]))["rows"]}
systems = list(dict.fromkeys(k[0] for k in rows))
seeds = sorted({k[2] for k in rows})
shown = ["nvar-window", "nvar", "esn", "mamba", "phyxmamba"]


def cell(model, system):
    units = [rows[(system, model, s)] for s in seeds]
    v = [u["vptLyapunov"] for u in units]
    text = "%.2f ± %.2f" % (statistics.mean(v), statistics.stdev(v))
    if units[0].get("members") is not None:
        text += " (%s)" % "/".join(str(u["members"]) for u in units)
    return text


print("| system | " + " | ".join(shown) + " | phyxmamba train s |")
print("|---|" + "---:|" * (len(shown) + 1))
for x in systems:
    print("| %s | %s | %s |" % (x, " | ".join(cell(m, x) for m in shown),
                                " / ".join("%.0f" % rows[(x, "phyxmamba", s)]["trainSeconds"] for s in seeds)))
models = list(dict.fromkeys(k[1] for k in rows))
for m in models:
    per_seed = [statistics.mean(rows[(x, m, s)]["vptLyapunov"] for x in systems) for s in seeds]
    print("mean over %d systems, %s: %.2f +- %.2f (%s)" % (
        len(systems), m, statistics.mean(per_seed), statistics.stdev(per_seed), " / ".join("%.2f" % p for p in per_seed)))
for m in ["mamba", "phyxmamba", "esn"]:
    train = [r["trainSeconds"] for k, r in rows.items() if k[1] == m]
    print("%s train s per unit: %.0f-%.0f" % (m, min(train), max(train)))
