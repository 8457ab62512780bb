# How every file here was made (2026-12-05, 22:00-22:30 UTC, at 906b803 plus the study class; this machine, 2 cores;
# the members trained on core 1 while the run of record of that evening trained on core 0).
# 1. The members (single Rossler models, stage 1 = the bench's mamba unit), pinned to one core so that they leave
#    the other to the run of record; members-units/ and members-results.md are this run's files:
taskset -c 1 ./forecaster bench --suite full --systems rossler --models mamba \
  --seeds 42,1042,2042,1043,2043,1044,2044 --out /work/scratch/ross-members
# Seeds 43 and 44 (member 0 of those ensembles) are the run of record's models:
#   ./forecaster bench --suite full --out /work/scratch/bench-record
# 2. The study (decision-rule.txt was written before it ran): study.txt
mvn -B -q -o -DskipTests -pl models -am test-compile
mvn -B -q -o dependency:build-classpath -pl models -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
CP="models/target/test-classes:models/target/classes:$(cat models/target/bench.classpath)"
M=/work/scratch/ross-members/models R=/work/scratch/bench-record/models
java -Dai.djl.offline=true -cp "$CP" io.chaoscast.models.ensemble.FreshTrajectoryEnsembleStudy rossler \
  $M/rossler__mamba__seed42 $M/rossler__mamba__seed1042 $M/rossler__mamba__seed2042 \
  $R/rossler__mamba__seed43 $M/rossler__mamba__seed1043 $M/rossler__mamba__seed2043 \
  $R/rossler__mamba__seed44 $M/rossler__mamba__seed1044 $M/rossler__mamba__seed2044 > study.txt
# 3. analysis.txt
python3 analysis.py > analysis.txt
# 4. The addendum (seed 42 only; decision-rule.txt, addendum): more-members-units/, more-members-results.md, more-study.txt
taskset -c 1 ./forecaster bench --suite full --systems thomas,dadras,rucklidge,hadley,chua --models mamba \
  --seeds 42,1042,2042 --out /work/scratch/more-members
M=/work/scratch/more-members/models
for s in thomas dadras rucklidge hadley chua; do
  java -Dai.djl.offline=true -cp "$CP" io.chaoscast.models.ensemble.FreshTrajectoryEnsembleStudy $s \
    $M/${s}__mamba__seed42 $M/${s}__mamba__seed1042 $M/${s}__mamba__seed2042
done > more-study.txt
