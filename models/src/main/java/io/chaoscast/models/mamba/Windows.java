package io.chaoscast.models.mamba;

import io.chaoscast.models.mamba.f32.Scaling;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random training windows from one or more fitting segments (raw units): a context of {@code
 * context} samples and the {@code future} samples after it, put on the model's scale with the
 * statistics {@link Scaling#of} gives for the context, exactly as a forecast will see it. A segment
 * is picked in proportion to the windows it holds, then a start uniformly.
 */
final class Windows {

  private final List<double[][]> segments;
  private final Scaling scaling;
  private final int context;

  Windows(List<double[][]> segments, Scaling scaling, int context) {
    this.segments = List.copyOf(segments);
    this.scaling = scaling;
    this.context = context;
  }

  /** Index of the last context sample in every window. */
  int lastContextSample() {
    return context - 1;
  }

  /** Whether some segment holds at least {@code extra} samples beyond one context. */
  boolean fits(int extra) {
    return segments.stream().anyMatch(s -> s.length >= context + extra);
  }

  /** A scaled window of {@code context + future} samples. */
  double[][] next(SplittableRandom rng, int future) {
    int len = context + future;
    long total = 0;
    for (double[][] s : segments) total += Math.max(0, s.length - len + 1);
    if (total == 0) throw new IllegalStateException("no segment holds " + len + " samples");
    long pick = rng.nextLong(total);
    for (double[][] s : segments) {
      int n = Math.max(0, s.length - len + 1);
      if (pick < n) return scaled(s, (int) pick, len);
      pick -= n;
    }
    throw new AssertionError("unreachable");
  }

  private double[][] scaled(double[][] s, int start, int len) {
    double[][] raw = java.util.Arrays.copyOfRange(s, start, start + len);
    return scaling.of(raw, context).apply(raw);
  }
}
