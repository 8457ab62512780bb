package io.chaoscast.models.mamba;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The PyTorch engine, configured before first use: two intra-op threads (the cores one model may
 * use), one inter-op thread, offline (no download of native libraries). System properties set here
 * are defaults: a value given on the command line wins.
 *
 * <p>Training runs with its own intra-op thread count, {@value #TRAINING_THREADS} (default 1): its
 * operators are small (the largest tensors hold about a million floats) and many, and on a busy
 * machine each operator's OpenMP barrier waits for whichever thread the scheduler preempted: on
 * this 2-core machine shared with other jobs (load average 8) an epoch took 55 s with two threads
 * and 6.3 s with one (docs/bench/trainer-speed.txt). On an idle machine two may be faster (not
 * measured): set the property.
 */
final class DjlRuntime {

  /** System property: PyTorch intra-op threads while a Mamba model trains (default 1). */
  static final String TRAINING_THREADS = "chaoscast.mamba.training_threads";

  private DjlRuntime() {}

  static Engine engine() {
    setIfAbsent("ai.djl.offline", "true");
    setIfAbsent("ai.djl.pytorch.num_threads", "2");
    setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
    return Engine.getEngine("PyTorch");
  }

  /** {@value #TRAINING_THREADS}, 1 when not set. */
  static int trainingThreads() {
    String v = System.getProperty(TRAINING_THREADS, "1");
    try {
      int n = Integer.parseInt(v.trim());
      if (n >= 1) return n;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "system property " + TRAINING_THREADS + " must be an integer >= 1, got '" + v + "'");
  }

  /**
   * Sets PyTorch's intra-op thread count (for the calling thread's operators, process-wide where
   * OpenMP shares it) and returns the previous one, for a caller to restore. Treat it as global
   * state: it is not scoped to the caller, so a caller that changes it says so and restores it in a
   * {@code finally}, as {@code MambaTrainer.train} does.
   */
  static int intraOpThreads(int n) {
    engine();
    int before = JniUtils.getNumThreads();
    JniUtils.setNumThreads(n);
    return before;
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) System.setProperty(key, value);
  }
}
