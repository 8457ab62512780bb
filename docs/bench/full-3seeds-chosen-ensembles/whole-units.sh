#!/usr/bin/env bash
# Time of whole units trained from nothing, alone on the machine, under the chosen-ensemble flow:
# Chua seed 42 (probes; at the validation cap, so members 1 and 2 train, sharing member 0's probe
# decision) and Rossler seed 43 (at the cap; three members chosen). Also a determinism check: the
# units must equal the run's (same machine). Run from a clone at the run's commit.
set -euo pipefail
for u in "chua 42" "rossler 43"; do
  set -- $u
  out=/work/scratch/whole-$1-$2
  start=$(date +%s)
  ./forecaster bench --suite full --systems $1 --models mamba,phyxmamba --seeds $2 --out $out > $out.log 2>&1
  echo "$1 seed $2: mamba + phyxmamba units from nothing in $(( $(date +%s) - start )) s wall"
  for m in mamba phyxmamba; do
    cmp -s <(python3 -c "import json,sys;d=json.load(open(sys.argv[1]));d.pop('trainSeconds');print(d)" $out/units/$1__${m}__seed$2.json) \
           <(python3 -c "import json,sys;d=json.load(open(sys.argv[1]));d.pop('trainSeconds');print(d)" /work/scratch/record2/units/$1__${m}__seed$2.json) \
      && echo "  $m: same scores as the run's unit" || echo "  $m: DIFFERENT from the run's unit"
    python3 -c "import json,sys;d=json.load(open(sys.argv[1]));print('  %s: train s %.1f, members %s, test VPT %.2f'%(sys.argv[2],d['trainSeconds'],d['members'],d['vptLyapunov']))" $out/units/$1__${m}__seed$2.json $m
  done
done
