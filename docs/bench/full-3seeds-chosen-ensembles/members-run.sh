#!/usr/bin/env bash
# Members 1 and 2 (seeds S+1000, S+2000) of the systems whose single models reach the validation
# tail's cap: plain mamba bench units, identical to ensemble members (EnsembleTraining.memberOptions).
cd /work/runner
OUT=/work/scratch/members3
( taskset -c 0 ./forecaster bench --suite full --systems aizawa,arneodo,chen,lorenz63 --models mamba --seeds 1042,1043,1044,2042,2043,2044 --out $OUT/a ) > $OUT/a.log 2>&1 &
( taskset -c 1 ./forecaster bench --suite full --systems lorenz96-5d,sprottb,sprotts --models mamba --seeds 1042,1043,1044,2042,2043,2044 --out $OUT/b \
  && taskset -c 1 ./forecaster bench --suite full --systems chua,rucklidge --models mamba --seeds 1043,1044,2043,2044 --out $OUT/c ) > $OUT/b.log 2>&1 &
wait
