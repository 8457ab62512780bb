#!/usr/bin/env bash
# Rossler on seeds never trained or scored before (45, 46, 47), under the revised selection rule,
# from nothing, with nothing else running on the machine; then the same members chosen by the
# two-trajectory rule of the run of record (evaluation only). Two clones: NEW at 5694789 (or
# later: 0ad2115 only rewords the results file's protocol line), OLD at 9c1073c.
set -euo pipefail
NEW=${NEW:-/work/runner2}
OLD=${OLD:-/work/runner}
OUT=/work/scratch/fresh-seeds
(cd $NEW && ./forecaster bench --suite full --systems rossler --seeds 45,46,47 --out $OUT/rossler > $OUT/rossler.log 2>&1)
mkdir -p $OUT/rossler-old-rule/units
cp -r $OUT/rossler/models $OUT/rossler-old-rule/
for f in $OUT/rossler/units/*.json; do
  case "$(basename $f)" in *__mamba__*|*__phyxmamba__*|*__esn__*) ;; *) cp $f $OUT/rossler-old-rule/units/;; esac
done
(cd $OLD && ./forecaster bench --suite full --systems rossler --seeds 45,46,47 --out $OUT/rossler-old-rule > $OUT/rossler-old-rule.log 2>&1)
