cd REPO
CP="models/target/test-classes:models/target/classes:$(cat models/target/bench.classpath)"
B=OUT/base
U=BENCH/models
run() { java -Dchaoscast.mamba.nvarBase=true -cp "$CP" io.chaoscast.models.mamba.FreshTrajectoryStudy "$@"; }
q1() {
  run thomas 42 $B/thomas__tau17m1__seed42 17,1 0.0 $U/thomas__mamba__seed42 > OUT/fresh2-thomas-42.txt 2>OUT/more3-thomas.err
  run arneodo 42 $B/arneodo__tau5m1__seed42 5,1 0.0 $U/arneodo__mamba__seed42 > OUT/fresh2-arneodo-42.txt 2>OUT/more3-arneodo.err
  run moorespiegel 42 $B/moorespiegel__seed42 - 0.0 > OUT/fresh2-moorespiegel-42.txt 2>OUT/more3-moorespiegel.err
}
q2() {
  run chua 42 $B/chua__tau16m1__seed42 16,1 0.0 $U/chua__mamba__seed42 > OUT/fresh2-chua-42.txt 2>OUT/more3-chua.err
  run dadras 42 $B/dadras__seed42 - 0.0 > OUT/fresh2-dadras-42.txt 2>OUT/more3-dadras.err
}
q1 & q2 & wait
echo done > OUT/more3.done
