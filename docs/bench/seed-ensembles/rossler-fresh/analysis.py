# Splits each candidate's fresh-trajectory deficit (10 LT minus VPT, averaged over the 40 origins) into the
# origins lost within the first two steps (a standardised channel within about 0.01 of zero there: its sMAPE is
# near 200 for any forecast that misses its sign) and the rest. Reads study.txt. Run: python3 analysis.py
LOTTERY = (9, 14, 19, 28)  # origins that any candidate lost at VPT < 0.1 LT (0-based)
for line in open("study.txt"):
    if "fresh per origin" not in line:
        continue
    name, rest = line.split(" ", 1)
    candidate = rest[:14].strip()
    vpt = [float(x) for x in line.split("fresh per origin ")[1].split()]
    early = [i for i, v in enumerate(vpt) if v < 0.1]
    later = [v for v in vpt if 0.1 <= v < 10]
    rest_mean = sum(v for i, v in enumerate(vpt) if i not in LOTTERY) / (len(vpt) - len(LOTTERY))
    print(f"{name:24s} {candidate:14s} mean {sum(vpt) / len(vpt):.3f} | lost at step <= 2: {early}"
          f" (costs {sum(10 - vpt[i] for i in early) / len(vpt):.3f} LT) | below 10 LT later: {len(later)}"
          f" (cost {sum(10 - v for v in later) / len(vpt):.3f} LT) | mean over the other 36 origins {rest_mean:.3f}")
