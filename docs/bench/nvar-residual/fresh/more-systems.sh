cd REPO
CP="models/target/test-classes:models/target/classes:$(cat models/target/bench.classpath)"
B=OUT/base
U=BENCH/models
run() { java -Dchaoscast.mamba.nvarBase=true -cp "$CP" io.chaoscast.models.mamba.FreshTrajectoryStudy "$@"; }
q1() {
  run aizawa 42 $B/aizawa__seed42 - 0.0 > OUT/fresh2-aizawa-42.txt 2>OUT/more2-aizawa.err
  run sprotts 42 $B/sprotts__tau7m1__seed42 7,1 0.0 $U/sprotts__mamba__seed42 > OUT/fresh2-sprotts-42.txt 2>OUT/more2-sprotts.err
}
q2() {
  run hadley 42 $B/hadley__seed42 - 0.0 > OUT/fresh2-hadley-42.txt 2>OUT/more2-hadley.err
  run rucklidge 42 $B/rucklidge__tau5m1__seed42 5,1 0.0 $U/rucklidge__mamba__seed42 > OUT/fresh2-rucklidge-42.txt 2>OUT/more2-rucklidge.err
}
q1 & q2 & wait
echo done > OUT/more2.done
