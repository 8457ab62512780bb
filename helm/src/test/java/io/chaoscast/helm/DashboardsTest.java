package io.chaoscast.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DashboardsTest {

  private static final Pattern PENDING =
      Pattern.compile("pending: metric arrives with issue (\\d+)");

  static Stream<Path> dashboards() throws IOException {
    return Files.list(Chart.DIR.resolve("dashboards"))
        .filter(p -> p.toString().endsWith(".json"))
        .sorted();
  }

  private static JsonNode read(Path file) throws IOException {
    return Chart.JSON.readTree(file.toFile());
  }

  @Test
  void shouldShipTheThreeDashboardsTheIssueAsksFor() throws IOException {
    assertThat(dashboards().map(p -> p.getFileName().toString()))
        .containsExactly("alerts.json", "forecasting.json", "pipeline_health.json");
  }

  @Test
  void shouldGiveEveryDashboardItsOwnUidAndTitle() throws IOException {
    List<JsonNode> boards = new ArrayList<>();
    for (Path p : (Iterable<Path>) dashboards()::iterator) {
      boards.add(read(p));
    }
    assertThat(boards)
        .extracting(b -> b.path("uid").asText())
        .doesNotHaveDuplicates()
        .allMatch(u -> !u.isBlank());
    assertThat(boards)
        .extracting(b -> b.path("title").asText())
        .doesNotHaveDuplicates()
        .allMatch(t -> !t.isBlank());
  }

  @ParameterizedTest
  @MethodSource("dashboards")
  void shouldGiveEveryPanelAUniqueIdADatasourceAndAQuery(Path file) throws IOException {
    JsonNode board = read(file);
    Set<Integer> ids = new HashSet<>();
    assertThat(board.path("panels")).isNotEmpty();
    for (JsonNode panel : board.path("panels")) {
      String title = panel.path("title").asText();
      assertThat(ids.add(panel.path("id").asInt(-1))).as("unique id of %s", title).isTrue();
      assertThat(panel.path("datasource").path("uid").asText())
          .as("datasource of %s", title)
          .isEqualTo("${datasource}");
      assertThat(panel.path("description").asText()).as("description of %s", title).isNotBlank();
      assertThat(panel.path("targets")).as("targets of %s", title).isNotEmpty();
      for (JsonNode target : panel.path("targets")) {
        assertThat(target.path("expr").asText()).as("expr in %s", title).isNotBlank();
        assertThat(target.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("dashboards")
  void shouldDeclareTheDatasourceAndScopeVariablesItsQueriesUse(Path file) throws IOException {
    JsonNode board = read(file);
    List<String> variables = new ArrayList<>();
    board.path("templating").path("list").forEach(v -> variables.add(v.path("name").asText()));
    assertThat(variables).contains("datasource", "namespace", "job");
    for (JsonNode panel : board.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        assertThat(target.path("expr").asText())
            .as(panel.path("title").asText())
            .contains("namespace=\"$namespace\"", "job_name=~\"$job\"");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("dashboards")
  void shouldOnlyQueryPlausiblePromQlOverKnownMetrics(Path file) throws IOException {
    for (JsonNode panel : read(file).path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        String expr = target.path("expr").asText();
        assertThat(PromQl.problems(expr))
            .as("%s: %s", panel.path("title").asText(), expr)
            .isEmpty();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("dashboards")
  void shouldMarkEveryPanelOnAPendingMetricWithTheIssueItArrivesWith(Path file) throws IOException {
    for (JsonNode panel : read(file).path("panels")) {
      Matcher pending = PENDING.matcher(panel.path("description").asText());
      OptionalInt marked =
          pending.find() ? OptionalInt.of(Integer.parseInt(pending.group(1))) : OptionalInt.empty();
      for (JsonNode target : panel.path("targets")) {
        for (String metric : PromQl.metrics(target.path("expr").asText())) {
          OptionalInt arrives = PromQl.KNOWN.get(metric);
          if (arrives != null && arrives.isPresent()) {
            assertThat(marked)
                .as("panel %s uses %s", panel.path("title").asText(), metric)
                .isEqualTo(arrives);
          }
        }
      }
    }
  }

  @Test
  void shouldCoverTheSignalsTheIssueNames() throws IOException {
    StringBuilder all = new StringBuilder();
    for (Path p : (Iterable<Path>) dashboards()::iterator) {
      for (JsonNode panel : read(p).path("panels")) {
        all.append(panel.path("title").asText()).append('\n');
      }
    }
    assertThat(all.toString())
        .contains(
            "Observations in",
            "Kafka consumer lag",
            "Forecast latency percentiles",
            "Dead letters by reason",
            "Checkpoints",
            "Batch sizes",
            "Batched inference latency",
            "Forecast skill",
            "Valid prediction time",
            "Model versions in use",
            "Inference fallback",
            "Open alerts by kind",
            "Open alerts by kind and severity",
            "Alert rate by kind",
            "Internal errors and non-finite output",
            "Quarantined streams and stream limit",
            "Dead-letter share by reason",
            "Live streams per subtask");
  }
}
