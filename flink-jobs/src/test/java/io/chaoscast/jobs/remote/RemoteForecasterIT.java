package io.chaoscast.jobs.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chaoscast.jobs.config.JobConfig.Breaker;
import io.chaoscast.jobs.config.JobConfig.RemoteInference;
import io.chaoscast.jobs.serving.DynamicBatcher;
import io.chaoscast.jobs.serving.InferenceServer;
import io.chaoscast.jobs.serving.ServedModel;
import io.chaoscast.models.cli.TrainCommand;
import io.chaoscast.models.forecast.PersistenceForecaster;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The remote forecaster against a real {@link InferenceServer} over real HTTP, serving an NVAR
 * artifact trained by the project's command; the fallback is persistence, whose output is easy to
 * recognise. The breaker's clock is driven by hand, so the cool-down needs no sleeping.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RemoteForecasterIT {

  private ServedModel model;
  private final PersistenceForecaster fallback = new PersistenceForecaster();
  private long now;
  private final List<String> changes = new ArrayList<>();

  @BeforeAll
  void train(@TempDir Path dir) throws Exception {
    Path artifact = dir.resolve("nvar");
    TrainCommand.train("lorenz63", "nvar", artifact);
    model = ServedModel.load("lorenz", artifact, "cpu");
  }

  @BeforeEach
  void forgetChanges() {
    changes.clear();
  }

  @AfterAll
  void unload() throws Exception {
    model.close();
  }

  private InferenceServer serve(int port) throws Exception {
    return new InferenceServer(
        model, new DynamicBatcher(model.forecaster(), 64, 1), "127.0.0.1", port);
  }

  private RemoteForecaster client(
      int port, int retries, long timeoutMs, RemoteForecaster.Counters c) {
    var settings =
        new RemoteInference(
            true,
            "http://127.0.0.1:" + port,
            "lorenz",
            timeoutMs,
            retries,
            10,
            new Breaker(1, 1.0, 10, 5_000),
            "persistence",
            RemoteInference.DEFAULT_MAX_RESPONSE_BYTES,
            null,
            null,
            null);
    return new RemoteForecaster(
        settings, fallback, c, () -> now, (f, t) -> changes.add(f + "->" + t));
  }

  private double[][][] contexts(int batch, long seed) {
    Random r = new Random(seed);
    double[][][] c = new double[batch][model.contextLength()][model.channels()];
    for (double[][] w : c)
      for (double[] row : w) for (int i = 0; i < row.length; i++) row[i] = 5 * r.nextGaussian();
    return c;
  }

  private static void assertClose(double[][][] actual, double[][][] expected) {
    assertThat(actual.length).isEqualTo(expected.length);
    for (int b = 0; b < expected.length; b++)
      for (int h = 0; h < expected[b].length; h++)
        for (int c = 0; c < expected[b][h].length; c++) {
          double v = expected[b][h][c];
          // the server answers in FP32
          assertThat(actual[b][h][c]).isCloseTo(v, within(1e-5 * Math.max(1, Math.abs(v))));
        }
  }

  @Test
  void shouldFallBackWhenTheServerStopsAndReturnWhenItIsBackAfterTheCoolDown() throws Exception {
    InferenceServer server = serve(0);
    int port = server.port();
    var counters = RemoteForecaster.Counters.unregistered();
    try (var remote = client(port, 2, 2_000, counters)) {
      double[][][] x = contexts(4, 1);

      // Up: the server's results are the model's own, and the id is the served model's.
      assertClose(remote.forecast(x, 7), model.forecaster().forecast(x, 7));
      assertThat(remote.id()).isEqualTo(model.version());
      assertThat(remote.fallbackActive()).isFalse();

      // Stopped: the call fails (first try and 2 retries), the batch falls back, the breaker opens.
      server.close();
      double[][][] down = remote.forecast(x, 7);
      assertThat(down).isDeepEqualTo(fallback.forecast(x, 7));
      assertThat(remote.id()).isEqualTo(fallback.id());
      assertThat(changes).containsExactly("CLOSED->OPEN");
      assertThat(remote.fallbackActive()).isTrue();
      assertThat(counters.calls().getCount()).isEqualTo(1 + 3);
      assertThat(counters.failures().getCount()).isEqualTo(3);

      // Open: no request goes out at all until the cool-down has passed.
      remote.forecast(x, 7);
      assertThat(counters.calls().getCount()).isEqualTo(4);
      assertThat(counters.fallbackForecasts().getCount()).isEqualTo(8);

      // Restarted on the same port: still the fallback until the cool-down, then the probe closes.
      server = serve(port);
      remote.forecast(x, 7);
      assertThat(remote.id()).isEqualTo(fallback.id());
      now += TimeUnit.MILLISECONDS.toNanos(5_000);
      assertClose(remote.forecast(x, 7), model.forecaster().forecast(x, 7));
      assertThat(remote.id()).isEqualTo(model.version());
      assertThat(changes).containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED");
      assertThat(remote.fallbackActive()).isFalse();
    } finally {
      server.close();
    }
  }

  @Test
  void shouldFallBackWhenTheServerAcceptsButNeverAnswers() throws Exception {
    // A real socket that takes the connection and then says nothing: only the timeout ends the
    // wait.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      List<Socket> held = new ArrayList<>();
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) held.add(silent.accept());
                } catch (Exception e) {
                  // closed
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      var counters = RemoteForecaster.Counters.unregistered();
      try (var remote = client(silent.getLocalPort(), 0, 300, counters)) {
        double[][][] x = contexts(2, 2);
        assertThat(remote.forecast(x, 5)).isDeepEqualTo(fallback.forecast(x, 5));
        assertThat(counters.failures().getCount()).isEqualTo(1);
        assertThat(changes).containsExactly("CLOSED->OPEN");
      }
    }
  }

  @Test
  void shouldFallBackWithoutBlamingTheServerWhenItRejectsTheRequest() throws Exception {
    try (InferenceServer server = serve(0);
        var remote = client(server.port(), 2, 2_000, RemoteForecaster.Counters.unregistered())) {
      double[][][] twoChannels = new double[1][model.contextLength()][2]; // the model has 3
      assertThat(remote.forecast(twoChannels, 5)).isDeepEqualTo(fallback.forecast(twoChannels, 5));
      assertThat(remote.fallbackActive()).isFalse();
      assertThat(changes).isEmpty();
    }
  }
}
