package io.chaoscast.models.mamba;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chaoscast.models.training.Dataset;
import io.chaoscast.models.training.TrainedModel;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingProbeTest {

  /** A tiny model: the probe's logic, not its skill, is under test. */
  private static final MambaTrainer.Options TINY =
      new MambaTrainer.Options(5, 8, 1, 4, 8, 4, 2, 2, 3e-3f, 5);

  @Test
  void theHigherValidationScoreDecidesAndTiesKeepCaosEmbedding() {
    var channels = new EmbeddingProbe.Decision("o", 40, 17, 3, 0.36, 1.48);
    assertThat(channels.keepsChannels()).isTrue();
    assertThat(channels.delay()).isEqualTo(1);
    assertThat(channels.dimension()).isEqualTo(1);
    var cao = new EmbeddingProbe.Decision("o", 40, 17, 3, 4.19, 3.90);
    assertThat(cao.delay()).isEqualTo(17);
    assertThat(cao.dimension()).isEqualTo(3);
    assertThat(new EmbeddingProbe.Decision("o", 40, 17, 3, 2.0, 2.0).dimension()).isEqualTo(3);
  }

  @Test
  void whenCaoAsksForDelayCopiesBothEmbeddingsAreProbedOnceAndTheBetterIsKept(@TempDir Path dir)
      throws Exception {
    Dataset thomas = Dataset.simulate("thomas", 1000);
    MambaConfig cao =
        MambaTrainer.configure(List.<double[][]>of(thomas.slice(0, 800).values()), 150, TINY);
    assertThat(cao.dimension()).as("Cao's m on Thomas").isGreaterThan(1);

    ByteArrayOutputStream log = new ByteArrayOutputStream();
    EmbeddingProbe.Choice first = choose(thomas, dir, log);
    String text = log.toString(StandardCharsets.UTF_8);
    System.err.print(text);
    assertThat(dir.resolve("probe-cao/stage1.json")).exists();
    assertThat(dir.resolve("probe-channels/stage1.json")).exists();
    var decision =
        new ObjectMapper()
            .readValue(
                dir.resolve(EmbeddingProbe.DECISION).toFile(), EmbeddingProbe.Decision.class);
    assertThat(decision.caoDelay()).isEqualTo(cao.delay());
    assertThat(decision.caoDimension()).isEqualTo(cao.dimension());
    assertThat(first.options().embeddingDelay()).isEqualTo(decision.delay());
    assertThat(first.options().embeddingDimension()).isEqualTo(decision.dimension());
    assertThat(first.options().maxEpochs()).as("the full budget, not the probe's").isEqualTo(2);
    assertThat(first.hyperparameters())
        .containsEntry("embedding_source", "probe")
        .containsEntry("embedding_probe_epochs", 1)
        .containsEntry("embedding_probe_cao_score", decision.caoScore())
        .containsEntry("embedding_probe_channels_score", decision.channelsScore());
    assertThat(text).contains("embedding probe (1 epochs)");

    // a rerun (or a phyxmamba run seeded from this directory) reads the decision back
    ByteArrayOutputStream again = new ByteArrayOutputStream();
    EmbeddingProbe.Choice second = choose(thomas, dir, again);
    assertThat(again.toString(StandardCharsets.UTF_8)).doesNotContain("stage1");
    assertThat(second).isEqualTo(first);

    // a damaged decision is probed again (the probes resume from their finished checkpoints)
    Files.writeString(dir.resolve(EmbeddingProbe.DECISION), "{\"options\": ");
    ByteArrayOutputStream damaged = new ByteArrayOutputStream();
    assertThat(choose(thomas, dir, damaged)).isEqualTo(first);
    assertThat(damaged.toString(StandardCharsets.UTF_8))
        .contains("cannot be read")
        .contains("probing again")
        .contains("resuming stage1");
  }

  /**
   * The Cao probe trains in a child JVM beside the other: each scores exactly what it scores when
   * trained alone here, and the output says which probe a line is from.
   */
  @Test
  void theProbesTrainedSideBySideScoreExactlyWhatEachScoresAlone(@TempDir Path dir)
      throws Exception {
    Dataset thomas = Dataset.simulate("thomas", 1000);
    // several epochs, so that a lost or mixed-up score would show
    MambaTrainer.Options three = TINY.withBudget(3);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    EmbeddingProbe.Choice together =
        EmbeddingProbe.choose(
            List.of(thomas),
            List.of(800),
            150,
            300,
            three,
            3,
            dir.resolve("together"),
            new PrintStream(log, true, StandardCharsets.UTF_8));
    String text = log.toString(StandardCharsets.UTF_8);
    assertThat(text.lines().filter(l -> l.contains(" epoch ")))
        .hasSize(6)
        .allMatch(l -> l.startsWith("[probe cao] ") || l.startsWith("[probe channels] "));

    MambaConfig cao =
        MambaTrainer.configure(List.<double[][]>of(thomas.slice(0, 800).values()), 150, three);
    double caoAlone =
        aloneScore(thomas, three.withEmbedding(cao.delay(), cao.dimension()), dir.resolve("a"));
    double channelsAlone = aloneScore(thomas, three.withEmbedding(1, 1), dir.resolve("b"));
    assertThat(together.hyperparameters())
        .containsEntry("embedding_probe_cao_score", caoAlone)
        .containsEntry("embedding_probe_channels_score", channelsAlone);
  }

  private static double aloneScore(Dataset data, MambaTrainer.Options o, Path dir)
      throws Exception {
    TrainedModel t =
        MambaTrainer.train(
            List.of(data),
            List.of(800),
            150,
            300,
            o,
            null,
            dir,
            new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
    try {
      return io.chaoscast.models.training.Validation.score(t.validation());
    } finally {
      ((AutoCloseable) t.forecaster()).close();
    }
  }

  @Test
  void anEmbeddingWithoutDelayCopiesOrAGivenOneIsUsedAsItIs(@TempDir Path dir) throws Exception {
    Dataset lorenz = Dataset.simulate("lorenz63", 1000);
    assertThat(
            MambaTrainer.configure(List.<double[][]>of(lorenz.slice(0, 800).values()), 150, TINY)
                .dimension())
        .isEqualTo(1);
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    EmbeddingProbe.Choice plain =
        EmbeddingProbe.choose(List.of(lorenz), List.of(800), 150, 300, TINY, 1, dir, quiet);
    assertThat(plain.options()).isEqualTo(TINY);
    assertThat(plain.hyperparameters()).isEmpty();

    Dataset thomas = Dataset.simulate("thomas", 1000);
    MambaTrainer.Options given = TINY.withEmbedding(3, 2);
    assertThat(
            EmbeddingProbe.choose(List.of(thomas), List.of(800), 150, 300, given, 1, dir, quiet)
                .options())
        .isEqualTo(given);
    assertThat(
            EmbeddingProbe.choose(List.of(thomas), List.of(800), 150, 300, TINY, 0, dir, quiet)
                .options())
        .isEqualTo(TINY);
    try (var files = Files.list(dir)) {
      assertThat(files).as("nothing was trained").isEmpty();
    }
  }

  @Test
  void overAnNvarBaseTheChannelsAloneAreUsedWithoutProbing(@TempDir Path dir) throws Exception {
    Dataset chen = Dataset.simulate("chen", 1000);
    MambaTrainer.Options hybrid = TINY.withRecipe(TINY.recipe().withNvarResidual(true));
    MambaConfig cao =
        MambaTrainer.configure(List.<double[][]>of(chen.slice(0, 800).values()), 150, hybrid);
    assertThat(cao.dimension()).as("Cao's m on Chen").isGreaterThan(1);
    assertThat(MambaTrainer.nvarResidual(List.of(chen), List.of(800), 150, 300, hybrid).residual())
        .as("Chen's NVAR reaches 2 Lyapunov times")
        .isNotNull();

    ByteArrayOutputStream log = new ByteArrayOutputStream();
    EmbeddingProbe.Choice choice =
        EmbeddingProbe.choose(
            List.of(chen),
            List.of(800),
            150,
            300,
            hybrid,
            1,
            dir,
            new PrintStream(log, true, StandardCharsets.UTF_8));

    assertThat(choice.options()).isEqualTo(hybrid.withEmbedding(1, 1));
    assertThat(choice.hyperparameters())
        .containsEntry("embedding_source", "channels (NVAR base)")
        .containsEntry("embedding_cao_dimension", cao.dimension());
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("no probe");
    try (var files = Files.list(dir)) {
      assertThat(files).as("nothing was trained").isEmpty();
    }
    // without the NVAR base the same series is probed
    assertThat(
            EmbeddingProbe.choose(
                    List.of(chen),
                    List.of(800),
                    150,
                    300,
                    TINY,
                    1,
                    dir,
                    new PrintStream(OutputStream.nullOutputStream()))
                .hyperparameters())
        .containsEntry("embedding_source", "probe");
  }

  @Test
  void aPhyxmambaRunSeededFromAMambaRunTakesItsEmbeddingDecision(@TempDir Path dir)
      throws Exception {
    Dataset thomas = Dataset.simulate("thomas", 1000);
    Path mamba = dir.resolve("mamba");
    EmbeddingProbe.Choice choice = choose(thomas, mamba, new ByteArrayOutputStream());
    TrainedModel stageOne =
        MambaTrainer.train(
            List.of(thomas),
            List.of(800),
            150,
            300,
            choice.options(),
            null,
            mamba,
            new PrintStream(OutputStream.nullOutputStream()));
    ((MambaForecaster) stageOne.forecaster()).close();
    Path phyx = dir.resolve("phyx");
    assertThat(MambaTrainer.reuseStageOne(mamba, phyx)).isTrue();
    assertThat(Files.readString(phyx.resolve(EmbeddingProbe.DECISION)))
        .isEqualTo(Files.readString(mamba.resolve(EmbeddingProbe.DECISION)));
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    assertThat(choose(thomas, phyx, log)).isEqualTo(choice);
    assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain("stage1");
  }

  @Test
  void aFurtherEnsembleMemberTakesMemberZerosDecisionInsteadOfProbing(@TempDir Path dir)
      throws Exception {
    Dataset thomas = Dataset.simulate("thomas", 1000);
    EmbeddingProbe.Choice zero = choose(thomas, dir.resolve("0"), new ByteArrayOutputStream());
    assertThat(EmbeddingProbe.shareDecision(dir.resolve("0"), dir.resolve("1"), 5, 1005)).isTrue();

    MambaTrainer.Options memberOne = new MambaTrainer.Options(5, 8, 1, 4, 8, 4, 2, 2, 3e-3f, 1005);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    EmbeddingProbe.Choice one =
        EmbeddingProbe.choose(
            List.of(thomas),
            List.of(800),
            150,
            300,
            memberOne,
            1,
            dir.resolve("1"),
            new PrintStream(log, true, StandardCharsets.UTF_8));
    assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain("stage1");
    assertThat(dir.resolve("1/probe-cao")).doesNotExist();
    assertThat(one.options())
        .isEqualTo(
            memberOne.withEmbedding(
                zero.options().embeddingDelay(), zero.options().embeddingDimension()));
    assertThat(one.hyperparameters()).isEqualTo(zero.hyperparameters());

    // nothing to share where member 0 did not probe
    assertThat(EmbeddingProbe.shareDecision(dir.resolve("none"), dir.resolve("2"), 5, 2005))
        .isFalse();
    assertThat(dir.resolve("2")).doesNotExist();
  }

  private static EmbeddingProbe.Choice choose(Dataset data, Path dir, ByteArrayOutputStream log)
      throws Exception {
    return EmbeddingProbe.choose(
        List.of(data),
        List.of(800),
        150,
        300,
        TINY,
        1,
        dir,
        new PrintStream(log, true, StandardCharsets.UTF_8));
  }
}
