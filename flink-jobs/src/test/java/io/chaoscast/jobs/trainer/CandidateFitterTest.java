package io.chaoscast.jobs.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.models.artifact.ModelArtifacts;
import io.chaoscast.models.training.Dataset;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CandidateFitterTest {

  @TempDir Path dir;

  @Test
  void shouldFitOnTheHistoryWithoutItsHeldOutStretchAndPickTheBestOnIt() {
    double[][] lorenz = Dataset.simulate("lorenz63", 1000).values();
    StreamHistory h = new StreamHistory(1000, 0);
    for (int i = 0; i < lorenz.length; i++) h.append(10L * i, lorenz[i], i);
    var fitter = new CandidateFitter(CandidateFitter.TYPES, 60, 20, 100);

    var outcome = fitter.fit("s", h.snapshot(), dir);

    assertThat(outcome.failures()).isEmpty();
    assertThat(outcome.candidates())
        .extracting(CandidateFitter.Candidate::type)
        .containsExactly("nvar", "esn");
    for (var c : outcome.candidates()) {
      var manifest = ModelArtifacts.readManifest(c.dir());
      // The held-out 100 samples were not fitted on, nor used to select hyperparameters.
      assertThat(manifest.training().points()).isEqualTo(900);
      assertThat(manifest.contextLength()).isEqualTo(60);
      assertThat(c.holdout().origins()).isEqualTo(10);
      assertThat(c.holdout().horizonSteps()).isEqualTo(20);
    }
    var best = outcome.best().orElseThrow();
    assertThat(best.score())
        .isEqualTo(
            outcome.candidates().stream()
                .mapToDouble(CandidateFitter.Candidate::score)
                .max()
                .orElseThrow());
    // On a smooth chaotic flow a fitted model outlasts persistence on the held-out stretch.
    assertThat(best.holdout().vptSteps()).isGreaterThan(outcome.persistence().vptSteps());
  }

  @Test
  void shouldReportACandidateThatCannotBeFittedAndKeepTheOthers() {
    double[][] lorenz = Dataset.simulate("lorenz63", 400).values();
    StreamHistory h = new StreamHistory(400, 0);
    for (int i = 0; i < lorenz.length; i++) h.append(10L * i, lorenz[i], i);
    var fitter = new CandidateFitter(CandidateFitter.TYPES, 60, 20, 100);

    var outcome = fitter.fit("s", h.snapshot(), dir);

    // 300 samples are too few for the 300-unit reservoir; NVAR still fits.
    assertThat(outcome.candidates())
        .extracting(CandidateFitter.Candidate::type)
        .containsExactly("nvar");
    assertThat(outcome.failures()).singleElement().asString().startsWith("esn:");
    assertThat(outcome.best()).isPresent();
  }
}
