cd REPO
CP="models/target/test-classes:models/target/classes:$(cat models/target/bench.classpath)"
B=OUT/base
run() { java -Dchaoscast.mamba.nvarBase=true -cp "$CP" io.chaoscast.models.mamba.FreshTrajectoryStudy "$@"; }
q1() {
  run chen 43 $B/chen__e240p240n4d32P5lr0.01noise0.0tau7m1__seed43 7,1 0.0 > OUT/fresh2-chen-43.txt 2>OUT/more-chen-43.err
  run halvorsen 43 $B/halvorsen__e240p240n4d32P5lr0.01noise0.0__seed43 - 0.0 > OUT/fresh2-halvorsen-43.txt 2>OUT/more-halvorsen-43.err
}
q2() {
  run lorenz63 44 $B/lorenz63__e240p240n4d32P5lr0.01noise0.0__seed44 - 0.0 > OUT/fresh2-lorenz63-44.txt 2>OUT/more-lorenz63-44.err
  run lorenz96-5d 43 $B/lorenz96-5d__e240p240n4d32P5lr0.01noise0.0__seed43 - 0.0 > OUT/fresh2-lorenz96-5d-43.txt 2>OUT/more-l96-43.err
}
q1 & q2 & wait
echo done > OUT/more.done
