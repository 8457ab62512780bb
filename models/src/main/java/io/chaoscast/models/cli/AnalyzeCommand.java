package io.chaoscast.models.cli;

import io.chaoscast.models.embedding.DelayEmbedding;
import io.chaoscast.models.embedding.EmbeddingEstimator;
import io.chaoscast.models.embedding.EmbeddingParameters;
import io.chaoscast.models.invariants.CorrelationDimension;
import io.chaoscast.models.invariants.Rosenstein;
import io.chaoscast.models.signal.Fft;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code ./forecaster analyze FILE.csv}: estimates (tau, m) with {@link EmbeddingEstimator}, embeds
 * all channels, and estimates lambda_1 (Rosenstein) and D2 (Grassberger-Procaccia) on the delay
 * vectors. The Theiler window is the larger of the mean period of the first channel (Rosenstein et
 * al. 1993) and (m - 1) max tau; the divergence curve runs for 40 max tau steps (at most a quarter
 * of the series). Assumes a uniformly sampled, stationary, low-noise series of 10^3-10^5 points.
 */
public final class AnalyzeCommand {

  private AnalyzeCommand() {}

  public static AnalysisResult analyze(Path csv) throws IOException {
    return analyze(CsvSeries.read(csv));
  }

  public static AnalysisResult analyze(CsvSeries series) {
    double dt = series.samplingInterval();
    double[][] channels = DelayEmbedding.channels(series.values());
    EmbeddingParameters p = EmbeddingEstimator.estimate(channels);
    int[] tau = p.tau();
    int m = p.dimension();
    int[] ms = new int[tau.length];
    java.util.Arrays.fill(ms, m);
    double[][] vectors = DelayEmbedding.embed(channels, tau, ms);
    int maxTau = java.util.Arrays.stream(tau).max().orElse(1);
    int theiler = (int) Math.max(Math.ceil(Fft.meanPeriod(channels[0])), (m - 1) * maxTau);
    theiler = Math.min(theiler, vectors.length / 10);
    int maxSteps = Math.max(10, Math.min(vectors.length / 4, 40 * maxTau));
    Rosenstein.Result lyap = Rosenstein.estimate(vectors, dt, theiler, maxSteps);
    CorrelationDimension.Result d2 = CorrelationDimension.estimate(vectors, theiler);
    return new AnalysisResult(
        series.times().length,
        channels.length,
        dt,
        tau,
        p.tauMethods()[0],
        m,
        p.fnnDimension(),
        theiler,
        lyap.estimate().value(),
        lyap.estimate().standardError(),
        d2.value(),
        d2.standardError());
  }
}
