cd REPO
CP="models/target/test-classes:models/target/classes:$(cat models/target/bench.classpath)"
B=OUT/base
run() { java -Dchaoscast.mamba.nvarBase=true -cp "$CP" io.chaoscast.models.mamba.FreshTrajectoryStudy "$@" 2>/dev/null; }
run lorenz63 42 $B/lorenz63__e240p240n4d32P5lr0.01noise0.0__seed42 - 0.0 > OUT/fresh2-lorenz63-42.txt
run lorenz63 43 $B/lorenz63__e240p240n4d32P5lr0.01noise0.0__seed43 - 0.0 > OUT/fresh2-lorenz63-43.txt
run chen 42 $B/chen__e240p240n4d32P5lr0.01noise0.0tau7m1__seed42 7,1 0.0 BENCH/models/chen__mamba__seed42 > OUT/fresh2-chen-42.txt
run sprottb 42 $B/sprottb__e240p240n4d32P5lr0.01noise0.0__seed42 - 0.0 > OUT/fresh2-sprottb-42.txt
run halvorsen 42 $B/halvorsen__e240p240n4d32P5lr0.01noise0.0__seed42 - 0.0 > OUT/fresh2-halvorsen-42.txt
run lorenz96-5d 42 $B/lorenz96-5d__e240p240n4d32P5lr0.01noise0.0__seed42 - 0.0 > OUT/fresh2-lorenz96-5d-42.txt
run rossler 42 $B/rossler__e240p240n4d32P5lr0.01noise0.0__seed42 - 0.0 > OUT/fresh2-rossler-42.txt
run sprottb 43 $B/sprottb__e240p240n4d32P5lr0.01noise0.0__seed43 - 0.0 > OUT/fresh2-sprottb-43.txt
echo done > OUT/rerun.done
# The bench recipe's Mamba on Lorenz63, seed 42, for the "Mamba (bench recipe)" column (no property: the plain
# model, input noise 0.01), written before the ESN rows were added to the study:
# java -cp "$CP" io.chaoscast.models.mamba.FreshTrajectoryStudy lorenz63 42 OUT/plain/lorenz63__seed42 - 0.01 > lorenz63-42-plain-mamba.txt
