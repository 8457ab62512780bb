package io.chaoscast.models.bench;

import io.chaoscast.models.mamba.MambaTrainer;
import io.chaoscast.models.training.Dataset;
import io.chaoscast.models.training.TrainedModel;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Seconds per stage-1 epoch of {@code train --system lorenz63 --model mamba} (1,000 points, the
 * last 200 validation, context 150, validation horizon 300 capped to 100, {@link
 * MambaTrainer.Options#defaults}, seed 42): the wall time between consecutive epoch lines (40
 * optimiser steps of batch 32 and one validation each), the first epoch left out as warm-up, and
 * the process's CPU seconds per epoch over the same span, which a machine shared with other jobs
 * disturbs less than the wall time. Prints every epoch's progress line too (loss and validation
 * VPT: two builds of the trainer given the same seed must print the same ones). Not JMH: an epoch
 * is seconds long and the figure is its mean. Run from the repository root after {@code
 * models/bench.sh -h} has built the classpath (docs/bench/trainer-speed.txt):
 *
 * <pre>
 * java -Dai.djl.offline=true \
 *   -cp "models/target/test-classes:models/target/classes:$(cat models/target/bench.classpath)" \
 *   io.chaoscast.models.bench.MambaTrainingSpeed [epochs, default 6]
 * </pre>
 */
public final class MambaTrainingSpeed {

  private MambaTrainingSpeed() {}

  public static void main(String[] args) throws Exception {
    int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 6;
    if (epochs < 2) throw new IllegalArgumentException("epochs must be >= 2 (one is warm-up)");
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    Dataset data = Dataset.simulate("lorenz63", 1000);
    Path dir = Files.createTempDirectory("trainer-speed");
    List<long[]> marks = new ArrayList<>(); // {wall ns, process CPU ns} at each epoch line
    PrintStream progress =
        new PrintStream(
            new OutputStream() {
              private final StringBuilder line = new StringBuilder();

              @Override
              public void write(int b) {
                if (b != '\n') {
                  line.append((char) b);
                  return;
                }
                if (line.indexOf(" epoch ") >= 0) {
                  marks.add(new long[] {System.nanoTime(), os.getProcessCpuTime()});
                }
                System.out.println(line);
                line.setLength(0);
              }
            },
            true,
            StandardCharsets.UTF_8);
    TrainedModel t =
        MambaTrainer.train(
            data, 800, 150, 300, MambaTrainer.Options.defaults(epochs, 42), dir, progress);
    ((AutoCloseable) t.forecaster()).close();
    long[] first = marks.get(0);
    long[] last = marks.get(marks.size() - 1);
    int timed = marks.size() - 1;
    System.out.printf(
        Locale.ROOT,
        "epochs 2-%d: %.3f s/epoch wall, %.3f CPU s/epoch, load average %.2f, %d cores%n",
        marks.size(),
        (last[0] - first[0]) / 1e9 / timed,
        (last[1] - first[1]) / 1e9 / timed,
        os.getSystemLoadAverage(),
        os.getAvailableProcessors());
  }
}
