package io.chaoscast.models.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandsTest {

  @TempDir Path dir;

  @Test
  void listsEveryCatalogueSystemAndTheEegSources() {
    List<SystemInfo> list = SystemsCommand.standard().list();
    assertThat(list).extracting(SystemInfo::name).contains("lorenz63", "henon", "jansenrit-onset");
    assertThat(list).hasSizeGreaterThan(35);
  }

  @Test
  void simulatesLorenzToCsvAndAnalysesItBackToItsInvariants() throws Exception {
    Path csv = dir.resolve("lorenz.csv");
    // 0.9 per time unit: 110 points per Lyapunov time gives dt of about 0.01
    SimulationResult sim = SystemsCommand.standard().simulate("lorenz63", 10_000, 110, csv);
    assertThat(sim.dtSeconds()).isCloseTo(1 / (0.8917 * 110), within(1e-6));
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines.get(0)).isEqualTo("time_s,x0,x1,x2");
    assertThat(lines).hasSize(10_001);

    Path xOnly = dir.resolve("lorenz-x.csv");
    CsvSeries s = CsvSeries.read(csv);
    double[][] x = new double[s.values().length][];
    for (int i = 0; i < x.length; i++) x[i] = new double[] {s.values()[i][0]};
    new CsvSeries(List.of("x"), s.times(), x).write(xOnly);

    AnalysisResult r = AnalyzeCommand.analyze(xOnly);
    assertThat(r.embeddingDimension()).isEqualTo(3);
    assertThat(r.lyapunovExponentPerSecond()).isCloseTo(0.906, within(0.12));
    assertThat(r.correlationDimension()).isCloseTo(2.05, within(0.15));
    JsonNode json = new ObjectMapper().readTree(r.toJson());
    assertThat(json.fieldNames())
        .toIterable()
        .contains(
            "tau_steps",
            "embedding_dimension",
            "lyapunov_exponent_per_second",
            "lyapunov_exponent_per_second_stderr",
            "correlation_dimension",
            "correlation_dimension_stderr");
    assertThat(r.toText()).contains("lambda_1", "D2");
  }

  @Test
  void simulatesAnEegSourceWithARegimeChange() throws Exception {
    Path csv = dir.resolve("eeg.csv");
    SimulationResult sim =
        SystemsCommand.standard().simulate("jansenrit-onset", 2048, Double.NaN, csv);
    assertThat(sim.dtSeconds()).isEqualTo(1 / 256.0);
    assertThat(CsvSeries.read(csv).channelNames()).containsExactly("eeg_mv");
  }
}
