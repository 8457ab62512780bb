#!/usr/bin/env bash
# Reruns the run of record's 135 mamba, phyxmamba and esn units (docs/bench/full-3seeds-chosen-ensembles)
# with the revised selection (four trajectories, 160 origins) from the members that run trained:
# evaluation only, nothing retrains (a unit resumes from finished members). Run from a clone at
# 5694789 or later, on the run of record's machine (its members live in /work/scratch).
# Each member is the model behind the run of record's unit, timed with nothing else running: the
# re-timed ensembles of retime.sh, and Chua 42 / Rossler 43 as trained from nothing alone
# (whole-units.sh); every other member as the run trained it.
set -euo pipefail
RUN=/work/scratch/record2
OUT=/work/scratch/record3
mkdir -p $OUT/units $OUT/models
cp -r $RUN/models/. $OUT/models/
for d in /work/scratch/retime/models/* /work/scratch/whole-chua-42/models/* /work/scratch/whole-rossler-43/models/*; do
  rm -rf $OUT/models/$(basename $d) && cp -r $d $OUT/models/
done
for f in $RUN/units/*.json; do  # the baselines' units do not depend on the selection
  case "$(basename $f)" in *__mamba__*|*__phyxmamba__*|*__esn__*) ;; *) cp $f $OUT/units/;; esac
done
./forecaster bench --suite full --systems lorenz63,rossler,lorenz96-5d,thomas,halvorsen,chen,sprottb --out $OUT > $OUT-a.log 2>&1 &
./forecaster bench --suite full --systems aizawa,chua,arneodo,dadras,rucklidge,sprotts,hadley,moorespiegel --out $OUT > $OUT-b.log 2>&1
wait
./forecaster bench --suite full --out $OUT  # all 315 units finished: writes results.md / results.json
