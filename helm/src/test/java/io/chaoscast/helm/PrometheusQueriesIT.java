package io.chaoscast.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's real Prometheus server scrapes a running {@code ./forecaster demo}, loads the chart's
 * rendered alerting rules, and answers every PromQL expression of the dashboards and rules: each
 * must return data. Expressions over metrics or label values that arrive with later issues are
 * skipped: their panels are marked pending, their metrics too in known-metrics.tsv. Needs the
 * {@code prometheus} binary, which .ci/run installs; without it the test is skipped, saying so.
 */
class PrometheusQueriesIT {

  private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path work;

  @Test
  void shouldAnswerEveryDashboardAndRuleExpressionWithData() throws Exception {
    assumeTrue(
        onPath("prometheus"), "prometheus is not installed (.ci/run installs Debian's package)");
    int metricsPort = freePort();
    int prometheusPort = freePort();
    Map<String, String> expressions = expressions();
    assertThat(expressions).hasSizeGreaterThan(20);

    Process demo =
        new ProcessBuilder(
                REPOSITORY.resolve("forecaster").toString(),
                "demo",
                "--duration",
                "180s",
                "--metrics-port",
                Integer.toString(metricsPort),
                "--streams",
                "6")
            .directory(REPOSITORY.toFile())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("demo.log").toFile())
            .start();
    Process prometheus = null;
    try {
      awaitDemo(demo, "http://127.0.0.1:" + metricsPort + "/metrics", Duration.ofMinutes(5));
      prometheus = startPrometheus(metricsPort, prometheusPort);
      String api = "http://127.0.0.1:" + prometheusPort + "/api/v1/";
      awaitHttp(
          api
              + "query?query="
              + encode(
                  "count(rate(flink_taskmanager_job_task_operator_chaoscast_records_in[1m]) > 0)"),
          "\"value\"",
          Duration.ofMinutes(1));
      awaitHttp(api + "rules", "ChaoscastDeadLettersHigh", Duration.ofSeconds(30));
      Thread.sleep(5_000); // a few more scrapes, so that every rate() has points in range

      List<String> empty = new ArrayList<>();
      for (var e : expressions.entrySet()) {
        if (!answersWithData(api, e.getKey(), e.getValue())) {
          empty.add(e.getKey() + ": " + e.getValue());
        }
      }
      assertThat(empty).as("expressions that returned no data").isEmpty();
    } finally {
      if (prometheus != null) stop(prometheus);
      stop(demo);
    }
  }

  /**
   * Whether the expression returns data within a few scrapes. A scrape that times out (the demo's 2
   * MB of metrics on two busy cores) marks every series stale until the next one succeeds, so one
   * empty answer is asked again rather than taken as the expression's.
   */
  private static boolean answersWithData(String api, String name, String expr) throws Exception {
    for (int attempt = 0; attempt < 8; attempt++) {
      JsonNode answer = Chart.JSON.readTree(get(api + "query?query=" + encode(expr)));
      assertThat(answer.path("status").asText())
          .as("%s: %s -> %s", name, expr, answer)
          .isEqualTo("success");
      if (!answer.at("/data/result").isEmpty()) return true;
      Thread.sleep(2_000);
    }
    return false;
  }

  /**
   * Dashboard targets with Grafana's variables bound (namespace and pod as the PodMonitor's
   * relabelling would set them), and each rendered rule's expression without its threshold
   * comparison, so that a quiet system still returns the series the rule compares.
   */
  private static Map<String, String> expressions() throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(Chart.DIR.resolve("dashboards"))) {
      for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        for (JsonNode panel : Chart.JSON.readTree(file.toFile()).path("panels")) {
          for (JsonNode target : panel.path("targets")) {
            String expr = target.path("expr").asText();
            boolean pendingPanel =
                panel.path("description").asText().contains("pending: metric arrives with issue");
            if (expr.isBlank() || pendingPanel || pending(expr)) continue;
            out.put(
                file.getFileName()
                    + " / "
                    + panel.path("title").asText()
                    + " / "
                    + target.path("refId").asText(),
                expr.replace("$namespace", Chart.NAMESPACE)
                    .replace("$job", ".*")
                    .replace("$__rate_interval", "20s")
                    .replace("$__range", "5m"));
          }
        }
      }
    }
    for (JsonNode group : Chart.render().one("PrometheusRule").at("/spec/groups")) {
      for (JsonNode rule : group.path("rules")) {
        String expr = rule.path("expr").asText();
        if (!pending(expr)) {
          out.put(
              "rule " + rule.path("alert").asText(),
              expr.replaceAll("\\s*(>|<|>=|<=|==|!=)\\s*[0-9.eE+-]+\\s*$", ""));
        }
      }
    }
    return out;
  }

  /** Uses a metric of a later issue, or one the default demo does not export (remote inference). */
  private static boolean pending(String expr) {
    return PromQl.metrics(expr).stream()
        .anyMatch(
            m ->
                PromQl.KNOWN.getOrDefault(m, java.util.OptionalInt.empty()).isPresent()
                    || PromQl.CONDITIONAL.contains(m));
  }

  private Process startPrometheus(int metricsPort, int port) throws IOException {
    Path rules = work.resolve("rules.yaml");
    JsonNode spec = Chart.render().one("PrometheusRule").path("spec");
    Files.writeString(rules, Chart.YAML.writeValueAsString(spec));
    Path config = work.resolve("prometheus.yml");
    Files.writeString(
        config,
        """
        global:
          scrape_interval: 2s
          scrape_timeout: 2s
          evaluation_interval: 2s
        rule_files: ["%s"]
        scrape_configs:
          - job_name: chaoscast-demo
            static_configs:
              - targets: ["127.0.0.1:%d"]
                labels: {namespace: "%s", pod: "%s-chaoscast-demo"}
        """
            .formatted(rules, metricsPort, Chart.NAMESPACE, Chart.RELEASE));
    return new ProcessBuilder(
            "prometheus",
            "--config.file=" + config,
            "--storage.tsdb.path=" + work.resolve("tsdb"),
            "--web.listen-address=127.0.0.1:" + port)
        .redirectErrorStream(true)
        .redirectOutput(work.resolve("prometheus.log").toFile())
        .start();
  }

  /** Waits for the demo's metrics; fails at once, with the demo's output, if the demo exits. */
  private void awaitDemo(Process demo, String url, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!demo.isAlive()) {
        throw new AssertionError(
            "./forecaster demo exited with "
                + demo.exitValue()
                + ":\n"
                + tail(work.resolve("demo.log")));
      }
      try {
        if (get(url).contains("chaoscast_forecasts_out")) return;
      } catch (IOException notYet) {
        // the build (first use) or the job is still starting
      }
      Thread.sleep(1_000);
    }
    throw new AssertionError(
        "no demo metrics at " + url + " after " + timeout + ":\n" + tail(work.resolve("demo.log")));
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  private static void awaitHttp(String url, String needle, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      try {
        last = get(url);
        if (last.contains(needle)) return;
      } catch (IOException notYet) {
        last = notYet.toString();
      }
      Thread.sleep(1_000);
    }
    throw new AssertionError(
        "no '"
            + needle
            + "' at "
            + url
            + " after "
            + timeout
            + "; last answer: "
            + last.substring(0, Math.min(500, last.length())));
  }

  private static String get(String url) throws IOException, InterruptedException {
    var response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    return response.body();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static void stop(Process p) throws InterruptedException {
    p.destroy(); // SIGTERM: the demo's shutdown hook stops the job and the broker
    if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
  }

  static boolean onPath(String program) {
    return Stream.of(System.getenv("PATH").split(":"))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
