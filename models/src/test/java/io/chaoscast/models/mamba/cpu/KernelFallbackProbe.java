package io.chaoscast.models.mamba.cpu;

import io.chaoscast.models.mamba.f32.MambaDims;
import io.chaoscast.models.mamba.f32.MambaWeights;

/**
 * Run in a child JVM by {@code JavaMambaEngineKernelTest}: builds an engine the default way and
 * prints its kernel, one forecast value, and what asking for the vector kernel does.
 */
public final class KernelFallbackProbe {

  private KernelFallbackProbe() {}

  public static void main(String[] args) {
    MambaWeights w =
        MambaWeights.random(new MambaDims(3, 2, 2, 5, 16, 2, 2, 8, 4, 1, false), 40, 3);
    try (JavaMambaEngine engine = new JavaMambaEngine(w, 1)) {
      float[] ctx = new float[40 * 3];
      for (int i = 0; i < ctx.length; i++) ctx[i] = (float) Math.sin(0.1 * i);
      float[] out = engine.forecastStandardised(ctx, 1, 40, 5);
      System.out.println("kernel=" + engine.kernel() + " forecast=" + out[14]);
    }
    try (JavaMambaEngine vector = new JavaMambaEngine(w, 1, JavaMambaEngine.Kernel.VECTOR)) {
      System.out.println("vector=" + vector.kernel());
    } catch (IllegalArgumentException e) {
      System.out.println("refused=" + e.getMessage());
    }
  }
}
