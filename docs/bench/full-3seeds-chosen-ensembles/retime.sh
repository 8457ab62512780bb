#!/usr/bin/env bash
# Re-times the ensembles whose members 1-2 trained while other jobs shared the two cores (members
# over 145 s in the run; see the run's README section): members 1 and 2 retrain side by side with
# nothing else running, from member 0 of the run (same machine, deterministic: the scores must come
# out identical, only the seconds change). Each finished unit replaces the run's. Run from a clone at
# the run's commit.
set -euo pipefail
RUN=/work/scratch/record2
OUT=/work/scratch/retime
for job in "sprotts 42,43" "rucklidge 43,44" "aizawa 42,43,44" "lorenz96-5d 43,44" "sprottb 42,43" "lorenz63 43" "chen 42,43"; do
  set -- $job
  sys=$1; seeds=$2
  for s in ${seeds//,/ }; do
    for m in mamba phyxmamba; do
      dst=$OUT/models/${sys}__${m}__seed$s/members/0
      [ -f $dst/manifest.json ] || { mkdir -p $dst && cp -r $RUN/models/${sys}__${m}__seed$s/members/0/. $dst/; }
    done
  done
  ./forecaster bench --suite full --systems $sys --models mamba,phyxmamba --seeds $seeds --out $OUT >> $OUT.log 2>&1
  for s in ${seeds//,/ }; do
    for m in mamba phyxmamba; do
      u=${sys}__${m}__seed$s.json
      if cmp -s <(python3 -c "import json,sys;d=json.load(open(sys.argv[1]));d.pop('trainSeconds');print(d)" $OUT/units/$u) \
                <(python3 -c "import json,sys;d=json.load(open(sys.argv[1]));d.pop('trainSeconds');print(d)" $RUN/units/$u); then
        python3 -c "import json,sys;a=json.load(open(sys.argv[1]));b=json.load(open(sys.argv[2]));print('%s: same scores; train s %.0f -> %.0f'%(sys.argv[3],b['trainSeconds'],a['trainSeconds']))" $OUT/units/$u $RUN/units/$u $u
        cp $OUT/units/$u $RUN/units/$u
      else
        echo "$u: DIFFERENT scores, not replaced"
      fi
    done
  done
done
