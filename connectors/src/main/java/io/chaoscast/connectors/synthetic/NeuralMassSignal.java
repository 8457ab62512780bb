package io.chaoscast.connectors.synthetic;

import io.chaoscast.models.neural.JansenRit;
import io.chaoscast.models.neural.JansenRitGenerator;
import java.util.ArrayList;
import java.util.List;

/**
 * Several independent Jansen-Rit cortical columns (one per source), each driven by its own seeded
 * noise: the sources behind an EEG-like stream. Mix them into electrodes with {@link MixedSignal}.
 */
public final class NeuralMassSignal implements SignalSource {

  private final List<JansenRitGenerator> columns = new ArrayList<>();
  private final List<String> names;

  public NeuralMassSignal(JansenRit regime, int sources, double sampleRateHz, long seed) {
    for (int i = 0; i < sources; i++) {
      columns.add(new JansenRitGenerator(regime, sampleRateHz, seed * 31 + i));
    }
    names = SignalSource.numberedNames("source", sources);
  }

  @Override
  public List<String> channelNames() {
    return names;
  }

  @Override
  public double[] next() {
    double[] out = new double[columns.size()];
    for (int i = 0; i < out.length; i++) out[i] = columns.get(i).next();
    return out;
  }
}
