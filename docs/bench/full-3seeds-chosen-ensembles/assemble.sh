#!/usr/bin/env bash
# Seeds the chosen-ensemble run with what the run of record (same machine, same trainer) already
# trained, as a resumed bench run would find it: the baselines' units, each neural unit's single
# model as its member 0, and the members 1 and 2 trained as plain units of seeds S+1000, S+2000.
# Idempotent: copies only what is missing. Args: SYSTEM... (members 1-2 are copied for these).
set -euo pipefail
OUT=/work/scratch/record2
REC=/work/scratch/bench-record
UNITS=/work/main/docs/bench/full-3seeds-new-trainer/units
mkdir -p $OUT/units $OUT/models
for f in $UNITS/*.json; do
  case "$(basename $f)" in *__mamba__*|*__phyxmamba__*) continue;; esac
  [ -f $OUT/units/$(basename $f) ] || cp $f $OUT/units/
done
# seed 42's run-of-record models are s42a/s42b's (retrained on this machine); bench-record's
# seed-42 model directories are the afternoon machine's and are not used
for d in $REC/models/*__mamba__seed4[34] $REC/models/*__phyxmamba__seed4[34] \
    /work/scratch/s42a/models/*__mamba__seed42 /work/scratch/s42a/models/*__phyxmamba__seed42 \
    /work/scratch/s42b/models/*__mamba__seed42 /work/scratch/s42b/models/*__phyxmamba__seed42; do
  dst=$OUT/models/$(basename $d)/members/0
  [ -f $dst/manifest.json ] && continue
  mkdir -p $dst && cp -r $d/. $dst/ && rm -f $dst/stage1-reused-seconds.txt
done
member_source() { # system seed -> dir of the plain unit of that seed, or nothing
  for r in /work/scratch/ross-members /work/scratch/more-members /work/scratch/members3/a /work/scratch/members3/a2 /work/scratch/members3/b /work/scratch/members3/c2 /work/scratch/members3/c2a /work/scratch/members3/c2b; do
    [ -f $r/models/$1__mamba__seed$2/manifest.json ] && [ -f $r/units/$1__mamba__seed$2.json ] && { echo $r/models/$1__mamba__seed$2; return; }
  done
}
for sys in "$@"; do
  for s in 42 43 44; do
    for k in 1 2; do
      dst=$OUT/models/${sys}__mamba__seed$s/members/$k
      [ -f $dst/manifest.json ] && continue
      src=$(member_source $sys $((s + 1000 * k)))
      if [ -z "$src" ]; then echo "no member $k of $sys seed $s yet" >&2; continue; fi
      mkdir -p $dst && cp -r $src/. $dst/
      echo "member $k of $sys seed $s <- $src"
    done
  done
done
