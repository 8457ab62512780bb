# Splits each candidate's fresh-trajectory deficit (10 LT minus VPT, averaged over the 40 origins) into the
# origins lost within the first two steps (a standardised channel within about 0.01 of zero there: its sMAPE is
# near 200 for any forecast that misses its sign) and the rest. Reads study.txt. Run: python3 analysis.py
rows = []
for line in open("study.txt"):
    if "fresh per origin" in line:
        name, rest = line.split(" ", 1)
        rows.append((name, rest[:14].strip(), [float(x) for x in line.split("fresh per origin ")[1].split()]))
# the origins (0-based) that any candidate lost at VPT < 0.1 LT
LOTTERY = {i for _, _, vpt in rows for i, v in enumerate(vpt) if v < 0.1}
for name, candidate, vpt in rows:
    early = [i for i, v in enumerate(vpt) if v < 0.1]
    later = [v for v in vpt if 0.1 <= v < 10]
    rest_mean = sum(v for i, v in enumerate(vpt) if i not in LOTTERY) / (len(vpt) - len(LOTTERY))
    print(f"{name:24s} {candidate:14s} mean {sum(vpt) / len(vpt):.3f} | lost at step <= 2: {early}"
          f" (costs {sum(10 - vpt[i] for i in early) / len(vpt):.3f} LT) | below 10 LT later: {len(later)}"
          f" (cost {sum(10 - v for v in later) / len(vpt):.3f} LT) | mean over the other {len(vpt) - len(LOTTERY)} origins {rest_mean:.3f}")
