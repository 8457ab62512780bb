package io.chaoscast.models.mamba.cuda;

import io.chaoscast.models.forecast.Forecaster;
import io.chaoscast.models.mamba.cpu.JavaMambaEngine;
import io.chaoscast.models.mamba.f32.MambaWeights;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Picks the engine that serves a Mamba artifact's portable export ({@code mamba.f32}): {@code gpu}
 * demands the CUDA engine and fails with the reason it is unusable; {@code cpu} takes the pure-Java
 * engine; {@code auto} takes CUDA when a driver and a compute 8.0+ device are present, otherwise
 * the Java engine, and says why.
 */
public final class MambaEngines {

  /** What was chosen, and why. {@code engine} is AutoCloseable: close it. */
  public record Selection(Forecaster engine, String backend, String reason)
      implements AutoCloseable {
    @Override
    public void close() throws Exception {
      ((AutoCloseable) engine).close();
    }
  }

  private MambaEngines() {}

  /** {@code device} is {@code cpu}, {@code gpu} or {@code auto}. */
  public static Selection select(String device, Path artifactDir) throws IOException {
    return select(device, MambaWeights.read(artifactDir));
  }

  public static Selection select(String device, MambaWeights weights) {
    String d = device == null ? "auto" : device.toLowerCase(Locale.ROOT);
    switch (d) {
      case "cpu":
        return cpu(weights, "device=cpu requested");
      case "gpu":
      case "cuda":
        {
          CudaProbe.Result probe = CudaProbe.probe();
          if (!probe.available()) {
            throw new CudaUnavailableException("device=gpu requested but " + probe.reason());
          }
          return new Selection(new CudaMambaEngine(weights), "cuda", probe.reason());
        }
      case "auto":
        {
          CudaProbe.Result probe = CudaProbe.probe();
          if (probe.available()) {
            try {
              return new Selection(new CudaMambaEngine(weights), "cuda", probe.reason());
            } catch (CudaUnavailableException e) {
              return cpu(weights, e.getMessage());
            }
          }
          return cpu(weights, probe.reason());
        }
      default:
        throw new IllegalArgumentException("device must be cpu, gpu or auto, not '" + device + "'");
    }
  }

  private static Selection cpu(MambaWeights weights, String reason) {
    JavaMambaEngine e = new JavaMambaEngine(weights);
    String kernel = e.kernel().name().toLowerCase(java.util.Locale.ROOT);
    return new Selection(
        e, "java (" + kernel + " kernel, " + e.parallelism() + " threads)", reason);
  }
}
