package io.chaoscast.models.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoscast.models.artifact.InvalidArtifactException;
import io.chaoscast.models.artifact.LoadedModel;
import io.chaoscast.models.artifact.ModelArtifacts;
import io.chaoscast.models.artifact.ModelManifest;
import io.chaoscast.models.ensemble.EnsembleForecaster;
import io.chaoscast.models.metrics.Standardisation;
import io.chaoscast.models.training.Dataset;
import io.chaoscast.models.training.Validation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --ensemble 2} on ESNs (seconds per member): members in child JVMs, member 0 equal to
 * the single model, the served mean, resumption, a failing member, hostile member lists.
 */
class EnsembleTrainingTest {

  static final Dataset LORENZ = Dataset.simulate("lorenz63", 1000);
  static final TrainCommand.Options TWO = TrainCommand.Options.defaults().withEnsemble(2);

  @TempDir static Path shared;
  static Path ensemble;
  static TrainResult trained;

  @BeforeAll
  static void trainAnEsnEnsembleOfTwo() throws IOException {
    ensemble = shared.resolve("ensemble");
    trained = TrainCommand.train(LORENZ, "esn", ensemble, TWO);
  }

  @Test
  void memberZeroShouldBeTheSingleModelAndMemberOneAnotherSeed(@TempDir Path single)
      throws IOException {
    TrainCommand.train(LORENZ, "esn", single, TrainCommand.Options.defaults());
    ModelManifest m = trained.manifest();

    assertThat(m.type()).isEqualTo("ensemble");
    assertThat(m.modelId()).startsWith("ensemble2-esn");
    assertThat(m.hyperparameters())
        .containsEntry("members", 2)
        .containsEntry("member_model", "esn")
        .containsEntry("member_seeds", List.of(42L, 1042L));
    assertThat(m.command()).contains("--ensemble 2");
    assertThat(Files.readString(ensemble.resolve("members.json")))
        .contains("members/0")
        .contains("members/1");
    assertThat(Files.readAllBytes(ensemble.resolve("members/0/weights.json")))
        .isEqualTo(Files.readAllBytes(single.resolve("weights.json")));
    assertThat(Files.readAllBytes(ensemble.resolve("members/1/weights.json")))
        .isNotEqualTo(Files.readAllBytes(single.resolve("weights.json")));
    assertThat(ensemble.resolve("members/0/" + EnsembleTraining.REQUEST)).doesNotExist();
  }

  @Test
  void theLoadedEnsembleShouldForecastTheMembersMeanAndBeValidatedAsSuch() {
    double[][] context = Arrays.copyOfRange(LORENZ.values(), 500, 650);
    try (LoadedModel all = ModelArtifacts.load(ensemble, 3);
        LoadedModel first = ModelArtifacts.load(ensemble.resolve("members/0"), 3);
        LoadedModel second = ModelArtifacts.load(ensemble.resolve("members/1"), 3)) {
      assertThat(all.forecaster()).isInstanceOf(EnsembleForecaster.class);
      double[][] mean = all.forecaster().forecast(context, 40);
      double[][] a = first.forecaster().forecast(context, 40);
      double[][] b = second.forecaster().forecast(context, 40);
      for (int t = 0; t < 40; t++) {
        for (int c = 0; c < 3; c++) {
          assertThat(mean[t][c]).isEqualTo((a[t][c] + b[t][c]) / 2);
        }
      }
      ModelManifest m = all.manifest();
      var validation =
          Validation.evaluate(
              all.forecaster(),
              LORENZ,
              800,
              new Standardisation(m.normalisationMean(), m.normalisationStd()),
              150,
              300);
      assertThat(m.validationMetrics().get("smape_horizon")).isEqualTo(validation.smapeHorizon());
      assertThat(m.validationMetrics().get("vpt_lyapunov")).isEqualTo(validation.vptLyapunov());
    }
  }

  @Test
  void aRerunShouldTrainOnlyTheMembersThatAreNotFinished(@TempDir Path dir) throws IOException {
    copy(ensemble, dir);
    Files.delete(dir.resolve("members/1/manifest.json"));
    var firstWeights = Files.getLastModifiedTime(dir.resolve("members/0/weights.json"));

    TrainResult again = TrainCommand.train(LORENZ, "esn", dir, TWO);

    assertThat(again.manifest().hyperparameters()).containsEntry("members_resumed", 1);
    assertThat(Files.getLastModifiedTime(dir.resolve("members/0/weights.json")))
        .isEqualTo(firstWeights);
    assertThat(Files.readAllBytes(dir.resolve("members/1/weights.json")))
        .isEqualTo(Files.readAllBytes(ensemble.resolve("members/1/weights.json")));
  }

  @Test
  void aFailingMemberShouldStopTheCommandAndBeNamed(@TempDir Path dir) throws IOException {
    // member 1 cannot write its weights: a non-empty directory stands where the file goes
    Files.createDirectories(dir.resolve("members/1/weights.json/occupied"));

    assertThatThrownBy(() -> TrainCommand.train(LORENZ, "esn", dir, TWO))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("ensemble member 1")
        .hasMessageContaining("exit code");
    assertThat(dir.resolve(ModelArtifacts.MANIFEST)).doesNotExist();
  }

  @Test
  void nvarAndFewerThanOneMemberShouldBeRefusedBeforeAnythingRuns(@TempDir Path dir) {
    assertThatThrownBy(() -> TrainCommand.train(LORENZ, "nvar", dir, TWO))
        .hasMessageContaining("does not depend on the seed");
    assertThatThrownBy(() -> TrainCommand.Options.defaults().withEnsemble(0))
        .hasMessageContaining("--ensemble must be at least 1");
    assertThat(dir.resolve("members")).doesNotExist();
  }

  @Test
  void aMemberListThatLeavesTheArtifactOrNestsAnEnsembleShouldBeRefused(@TempDir Path dir)
      throws IOException {
    copy(ensemble, dir);
    Path list = dir.resolve("members.json");

    Files.writeString(list, "[\"members/0\", \"../ensemble/members/1\"]");
    assertThatThrownBy(() -> ModelArtifacts.load(dir))
        .isInstanceOf(InvalidArtifactException.class)
        .hasMessageContaining("outside");
    Files.writeString(list, "[\"members/0\", \".\"]");
    assertThatThrownBy(() -> ModelArtifacts.load(dir))
        .isInstanceOf(InvalidArtifactException.class)
        .hasMessageContaining("cannot be an ensemble");
    Files.writeString(list, "[\"members/0\"]");
    assertThatThrownBy(() -> ModelArtifacts.load(dir))
        .isInstanceOf(InvalidArtifactException.class)
        .hasMessageContaining("at least two members");
    Files.writeString(list, "{\"members\": 2}");
    assertThatThrownBy(() -> ModelArtifacts.load(dir))
        .isInstanceOf(InvalidArtifactException.class)
        .hasMessageContaining("not a JSON array");
  }

  static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) Files.createDirectories(target);
        else Files.copy(f, target);
      }
    }
  }
}
