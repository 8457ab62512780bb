package io.chaoscast.models.mamba;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chaoscast.models.artifact.AtomicFiles;
import io.chaoscast.models.training.Dataset;
import io.chaoscast.models.training.TrainedModel;
import io.chaoscast.models.training.Validation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Chooses the Mamba's delay embedding on validation when AMI / Cao asks for delay copies (m > 1):
 * two short trainings from the same seed, one on Cao's (tau, m) and one on the observed channels
 * alone (m = 1), side by side (the first in a child JVM, {@link ProbeJvm}), and the better
 * validation score ({@link Validation#score}; of the first series when a model trains on several)
 * is kept for the full training. On fully observed flows Cao's E1 stays under its threshold, so it
 * adds copies that help some systems and hurt others: at 240 epochs m = 1 took Thomas's validation
 * VPT from 0.36 to 1.48 Lyapunov times and lowered Chua's sMAPE, and did worse on SprottS, Arneodo
 * and Rucklidge; a 40-epoch probe of both picked what the 240-epoch runs confirmed
 * (docs/bench/mamba-budget-validation.txt, section 10; the full suite: docs/forecasting.md).
 * Estimated embeddings with m = 1 and given ones are used as they are.
 *
 * <p>Where the network learns the residual of a global NVAR ({@link NvarResidualChoice}) it sees
 * the channels alone and nothing is probed: the NVAR already forecasts from delayed samples, and in
 * the 15-system run (docs/bench/full-3seeds-nvar-residual) the probes of the nine hybrid units that
 * probed (Chen, Rucklidge, SprottS) all reached the validation cap and kept the channels alone in 8
 * of 9, by sMAPE tie-break margins of at most 2.5e-5; the rule takes that choice without the
 * probe's 80 epochs, a quarter of such a unit's training.
 *
 * <p>The decision is written to {@value #DECISION} in the checkpoint directory and read back on a
 * rerun with the same options, so a resumed or a phyxmamba run (whose stage 1 is the mamba run's,
 * {@link MambaTrainer#reuseStageOne}) does not probe again. The probes' checkpoints lie in {@code
 * probe-cao/} and {@code probe-channels/} and resume like any stage.
 */
public final class EmbeddingProbe {

  /** The decision file in a checkpoint directory. */
  static final String DECISION = "embedding-probe.json";

  /**
   * What was chosen and why.
   *
   * @param options the stage-1 options the decision was made for, without the epoch budget
   * @param probeEpochs epochs each probe trained
   * @param caoDelay tau by AMI
   * @param caoDimension m by Cao (> 1 when the probe ran)
   * @param caoScore validation score of the probe on (tau, m)
   * @param channelsScore validation score of the probe on the channels alone
   */
  record Decision(
      String options,
      int probeEpochs,
      int caoDelay,
      int caoDimension,
      double caoScore,
      double channelsScore) {

    boolean keepsChannels() {
      return channelsScore > caoScore;
    }

    int delay() {
      return keepsChannels() ? 1 : caoDelay;
    }

    int dimension() {
      return keepsChannels() ? 1 : caoDimension;
    }
  }

  /**
   * The options to train with and what the manifest should say about where the embedding came from.
   */
  public record Choice(MambaTrainer.Options options, Map<String, Object> hyperparameters) {
    public Choice {
      hyperparameters = Map.copyOf(hyperparameters);
    }
  }

  private EmbeddingProbe() {}

  /**
   * {@code o} with the embedding fixed by the probe when AMI / Cao's m exceeds 1 and {@code
   * probeEpochs > 0}; otherwise {@code o} unchanged. The arguments are {@link
   * MambaTrainer#train}'s.
   */
  public static Choice choose(
      List<Dataset> data,
      List<Integer> trainEnds,
      int context,
      int horizon,
      MambaTrainer.Options o,
      int probeEpochs,
      Path checkpoints,
      PrintStream progress)
      throws IOException {
    if (o.embeddingDelay() > 0 || probeEpochs <= 0) return new Choice(o, Map.of());
    List<double[][]> fits = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) fits.add(data.get(i).slice(0, trainEnds.get(i)).values());
    MambaConfig cao = MambaTrainer.configure(fits, context, o);
    if (cao.dimension() <= 1) return new Choice(o, Map.of());
    NvarResidualChoice.Choice base =
        MambaTrainer.nvarResidual(data, trainEnds, context, horizon, o);
    if (base != null && base.residual() != null) {
      progress.printf(
          Locale.ROOT,
          "[train mamba] embedding: the channels alone (m = 1), not Cao's tau=%d m=%d and no"
              + " probe: the NVAR base forecasts from its own delays%n",
          cao.delay(),
          cao.dimension());
      return new Choice(
          o.withEmbedding(1, 1),
          Map.of(
              "embedding_source", "channels (NVAR base)",
              "embedding_cao_delay", cao.delay(),
              "embedding_cao_dimension", cao.dimension()));
    }
    String key = MambaTrainer.withoutBudget(o.toString());
    Path file = checkpoints.resolve(DECISION);
    ObjectMapper json = new ObjectMapper();
    Decision d = null;
    if (Files.isRegularFile(file)) {
      try {
        Decision saved = json.readValue(file.toFile(), Decision.class);
        if (saved.options().equals(key) && saved.probeEpochs() == probeEpochs) d = saved;
      } catch (IOException e) { // written whole (AtomicFiles), so damaged by something else
        progress.println("[train mamba] " + file + " cannot be read (" + e + "); probing again");
      }
    }
    if (d == null) {
      MambaTrainer.Options probe = o.withBudget(probeEpochs);
      double caoScore;
      double channelsScore;
      // side by side: the probe on Cao's embedding in a child JVM, the other here; each trains on
      // one intra-op thread (DjlRuntime), so on two cores the pair takes as long as the slower one
      try (ProbeJvm caoProbe =
          ProbeJvm.start(
              new ProbeJvm.Request(
                  data,
                  trainEnds,
                  context,
                  horizon,
                  probe.withEmbedding(cao.delay(), cao.dimension())),
              checkpoints.resolve("probe-cao"),
              "[probe cao] ",
              progress)) {
        channelsScore =
            probeScore(
                data,
                trainEnds,
                context,
                horizon,
                probe.withEmbedding(1, 1),
                checkpoints.resolve("probe-channels"),
                prefixed(progress, "[probe channels] "));
        caoScore = caoProbe.score();
      }
      d = new Decision(key, probeEpochs, cao.delay(), cao.dimension(), caoScore, channelsScore);
      Files.createDirectories(checkpoints);
      AtomicFiles.writeJson(file, json, d);
    }
    progress.printf(
        Locale.ROOT,
        "[train mamba] embedding probe (%d epochs): Cao tau=%d m=%d scored %.4f, the channels"
            + " alone %.4f; training with m=%d%n",
        probeEpochs,
        d.caoDelay(),
        d.caoDimension(),
        d.caoScore(),
        d.channelsScore(),
        d.dimension());
    Map<String, Object> hp = new LinkedHashMap<>();
    hp.put("embedding_source", "probe");
    hp.put("embedding_probe_epochs", probeEpochs);
    hp.put("embedding_probe_cao_delay", d.caoDelay());
    hp.put("embedding_probe_cao_dimension", d.caoDimension());
    hp.put("embedding_probe_cao_score", d.caoScore());
    hp.put("embedding_probe_channels_score", d.channelsScore());
    return new Choice(o.withEmbedding(d.delay(), d.dimension()), hp);
  }

  /**
   * Lets the model trained with seed {@code toSeed} in checkpoint directory {@code to} take the
   * decision the probe made for seed {@code fromSeed} in {@code from}, instead of probing itself:
   * members of a seed ensemble share member 0's embedding (a property of the data, not of the
   * seed), which saves each further member the probe's 80 epochs. Returns whether a decision was
   * shared (false when {@code from} has none: its model did not probe, and a member trained on the
   * same data will not either).
   */
  public static boolean shareDecision(Path from, Path to, long fromSeed, long toSeed)
      throws IOException {
    Path file = from.resolve(DECISION);
    if (!Files.isRegularFile(file)) return false;
    ObjectMapper json = new ObjectMapper();
    Decision d = json.readValue(file.toFile(), Decision.class);
    String key = d.options().replace("seed=" + fromSeed + ",", "seed=" + toSeed + ",");
    if (key.equals(d.options()) && fromSeed != toSeed) {
      throw new IllegalStateException(
          file + " does not name seed " + fromSeed + ": " + d.options());
    }
    Files.createDirectories(to);
    AtomicFiles.writeJson(
        to.resolve(DECISION),
        json,
        new Decision(
            key, d.probeEpochs(), d.caoDelay(), d.caoDimension(), d.caoScore(), d.channelsScore()));
    return true;
  }

  /**
   * {@code out} with {@code prefix} before every line, written a whole line at a time so that it
   * does not interleave with the child probe's lines.
   */
  static PrintStream prefixed(PrintStream out, String prefix) {
    return new PrintStream(
        new OutputStream() {
          private final ByteArrayOutputStream line = new ByteArrayOutputStream();

          @Override
          public void write(int b) {
            if (b != '\n') {
              line.write(b);
              return;
            }
            out.println(prefix + line.toString(StandardCharsets.UTF_8));
            line.reset();
          }
        },
        true,
        StandardCharsets.UTF_8);
  }

  /** Trains one probe and returns its validation score ({@link Validation#score}). */
  static double probeScore(
      List<Dataset> data,
      List<Integer> trainEnds,
      int context,
      int horizon,
      MambaTrainer.Options o,
      Path dir,
      PrintStream progress)
      throws IOException {
    TrainedModel t = MambaTrainer.train(data, trainEnds, context, horizon, o, null, dir, progress);
    try {
      return Validation.score(t.validation());
    } finally {
      if (t.forecaster() instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception e) {
          throw new IOException("closing the embedding probe's model", e);
        }
      }
    }
  }
}
