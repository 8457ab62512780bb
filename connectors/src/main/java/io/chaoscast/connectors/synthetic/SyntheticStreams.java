package io.chaoscast.connectors.synthetic;

import io.chaoscast.models.neural.JansenRit;
import io.chaoscast.models.systems.Lorenz63;
import io.chaoscast.models.systems.Rossler;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The demo's mix of streams: Lorenz63 and Rossler trajectories and an 8-channel EEG-like stream
 * (three Jansen-Rit columns in their alpha-rhythm regime, sampled at 256 Hz of model time and mixed
 * into 8 electrodes), repeated with different seeds up to the requested count. Sampling: Lorenz63
 * every 0.01 time units (~110 samples per Lyapunov time), Rossler every 0.05 (~120 per period).
 */
public final class SyntheticStreams {

  public static final int EEG_CHANNELS = 8;
  public static final int EEG_SOURCES = 3;
  public static final double EEG_SAMPLE_RATE_HZ = 256;

  private SyntheticStreams() {}

  /** Stream id to signal, in a stable order. */
  public static Map<String, SignalSource> demoMix(int count, long seed) {
    Map<String, SignalSource> streams = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      long s = seed * 1_000_003L + i;
      switch (i % 3) {
        case 0 -> streams.put("lorenz63-" + i, new FlowSignal(Lorenz63.classic(), 0.01, s, 5.0));
        case 1 -> streams.put("rossler-" + i, new FlowSignal(Rossler.classic(), 0.05, s, 50.0));
        default ->
            streams.put(
                "eeg-" + i,
                new MixedSignal(
                    new NeuralMassSignal(
                        JansenRit.background(), EEG_SOURCES, EEG_SAMPLE_RATE_HZ, s),
                    EEG_CHANNELS,
                    0.05,
                    s,
                    "ch"));
      }
    }
    return streams;
  }
}
