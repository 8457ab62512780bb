package io.chaoscast.jobs.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.chaoscast.connectors.testing.SelfSignedCertificate;
import io.chaoscast.jobs.config.JobConfig;
import io.chaoscast.jobs.config.JobConfig.Breaker;
import io.chaoscast.jobs.config.JobConfig.RemoteInference;
import io.chaoscast.models.forecast.PersistenceForecaster;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The remote forecaster against a server that misbehaves on purpose, over real HTTP on 127.0.0.1:
 * every answer that is not a complete, well-formed, finite forecast within the timeout must be a
 * failure the breaker counts, and the batch must be served by the fallback (persistence, easy to
 * recognise). The breaker opens on the first failure, so {@code CLOSED->OPEN} proves it counted.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileServerTest {

  private static final int LENGTH = 10;
  private static final int HORIZON = 5;
  private static final int CHANNELS = 3;

  private final PersistenceForecaster fallback = new PersistenceForecaster();
  private final List<String> changes = new ArrayList<>();
  private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) server.stop(0);
  }

  private String serve(HttpHandler handler) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    return start(handler, "http");
  }

  private String start(HttpHandler handler, String scheme) {
    server.createContext(
        "/",
        exchange -> {
          authorizations.add(
              String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
          try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
          }
          handler.handle(exchange);
        });
    server.start();
    return scheme + "://127.0.0.1:" + server.getAddress().getPort();
  }

  private static RemoteInference settings(
      String url, long timeoutMs, long maxBytes, String token, String tokenFile, String trust) {
    return new RemoteInference(
        true,
        url,
        "m",
        timeoutMs,
        0,
        10,
        new Breaker(1, 1.0, 10, 60_000),
        "persistence",
        maxBytes,
        token,
        tokenFile,
        trust);
  }

  private RemoteForecaster client(RemoteInference settings, RemoteForecaster.Counters counters) {
    return new RemoteForecaster(
        settings, fallback, counters, System::nanoTime, (f, t) -> changes.add(f + "->" + t));
  }

  private static double[][][] contexts() {
    double[][][] c = new double[1][LENGTH][CHANNELS];
    for (int i = 0; i < LENGTH; i++) for (int j = 0; j < CHANNELS; j++) c[0][i][j] = i + 10 * j;
    return c;
  }

  private static String answer(String data) {
    return "{\"model_name\":\"m\",\"model_version\":\"v7\",\"outputs\":[{\"name\":\"forecast\","
        + "\"datatype\":\"FP64\",\"shape\":[1,"
        + HORIZON
        + ","
        + CHANNELS
        + "],\"data\":"
        + data
        + "}]}";
  }

  private static String numbers(String last) {
    StringJoiner j = new StringJoiner(",", "[", "]");
    for (int i = 0; i < HORIZON * CHANNELS - 1; i++) j.add(Double.toString(i));
    return j.add(last).toString();
  }

  private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static HttpHandler answering(int status, String body) {
    return exchange -> reply(exchange, status, body.getBytes(StandardCharsets.UTF_8));
  }

  /** Serves one batch from {@code handler} and asserts it fell back with a counted failure. */
  private void assertFallsBackCountingAFailure(HttpHandler handler, long timeoutMs, long maxBytes)
      throws Exception {
    var counters = RemoteForecaster.Counters.unregistered();
    try (var remote =
        client(settings(serve(handler), timeoutMs, maxBytes, null, null, null), counters)) {
      assertThat(remote.forecast(contexts(), HORIZON))
          .isDeepEqualTo(fallback.forecast(contexts(), HORIZON));
      assertThat(remote.id()).isEqualTo(fallback.id());
      assertThat(counters.failures().getCount()).isEqualTo(1);
      assertThat(changes).containsExactly("CLOSED->OPEN");
    }
  }

  @Test
  void shouldAnswerFromTheServerWhenItBehaves() throws Exception {
    var counters = RemoteForecaster.Counters.unregistered();
    String url = serve(answering(200, answer(numbers("14.0"))));
    try (var remote = client(settings(url, 2_000, 1 << 20, null, null, null), counters)) {
      double[][][] out = remote.forecast(contexts(), HORIZON);
      assertThat(out[0][4][2]).isEqualTo(14.0);
      assertThat(remote.id()).isEqualTo("v7");
      assertThat(authorizations).containsExactly("null"); // no token configured, none sent
    }
  }

  @Test
  void shouldGiveUpOnABodyTrickledPastTheTimeout() throws Exception {
    // Headers at once, then one byte every 100 ms for 8 s: the HTTP client's own request timeout
    // ends with the headers, so only a deadline over the whole call stops this.
    HttpHandler trickle =
        exchange -> {
          exchange.sendResponseHeaders(200, 0);
          try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < 80; i++) {
              out.write(' ');
              out.flush();
              Thread.sleep(100);
            }
          } catch (InterruptedException | IOException e) {
            // the client hung up, as it should
          }
        };
    long start = System.nanoTime();
    assertFallsBackCountingAFailure(trickle, 500, 1 << 20);
    // Liveness, generously bounded: the 0.5 s deadline, not the 8 s trickle, ended the call.
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(4_000);
  }

  @Test
  void shouldTreatDataThatIsAnObjectAsAServerFailure() throws Exception {
    StringJoiner object = new StringJoiner(",", "{", "}");
    for (int i = 0; i < HORIZON * CHANNELS; i++) object.add("\"k" + i + "\":" + i);
    assertFallsBackCountingAFailure(answering(200, answer(object.toString())), 2_000, 1 << 20);
  }

  @Test
  void shouldTreatNonFiniteValuesAsAServerFailure() throws Exception {
    assertFallsBackCountingAFailure(answering(200, answer(numbers("NaN"))), 2_000, 1 << 20);
  }

  @Test
  void shouldTreatStringsAndNullsForNumbersAsAServerFailure() throws Exception {
    assertFallsBackCountingAFailure(answering(200, answer(numbers("\"1.0\""))), 2_000, 1 << 20);
  }

  @Test
  void shouldTreatAnAnswerOverTheSizeCapAsAServerFailure() throws Exception {
    String padded = answer(numbers("14.0")).replace("\"m\"", "\"" + "m".repeat(100_000) + "\"");
    assertFallsBackCountingAFailure(answering(200, padded), 2_000, 64 * 1024);
  }

  @Test
  void shouldQuoteOnlyTheStartOfAHugeErrorBody() throws Exception {
    byte[] huge = ("x".repeat(5 << 20)).getBytes(StandardCharsets.UTF_8);
    String url = serve(exchange -> reply(exchange, 500, huge));
    try (KServeClient client = KServeClient.open(settings(url, 5_000, 8 << 20, null, null, null))) {
      assertThatThrownBy(() -> client.infer(contexts(), HORIZON))
          .isInstanceOf(RemoteInferenceException.class)
          .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400).contains("HTTP 500"));
    }
  }

  @Test
  void shouldSendTheBearerTokenFromTheTokenFileTrimmed(@TempDir Path dir) throws Exception {
    Path tokenFile = dir.resolve("token");
    Files.writeString(tokenFile, "s3cr3t-token\n");
    String url = serve(answering(200, answer(numbers("14.0"))));
    var counters = RemoteForecaster.Counters.unregistered();
    try (var remote =
        client(settings(url, 2_000, 1 << 20, null, tokenFile.toString(), null), counters)) {
      remote.forecast(contexts(), HORIZON);
      assertThat(remote.id()).isEqualTo("v7");
    }
    assertThat(authorizations).containsExactly("Bearer s3cr3t-token");
  }

  @Test
  void shouldCountARefusedTokenAgainstTheServer() throws Exception {
    assertFallsBackCountingAFailure(answering(401, "{\"error\":\"bad token\"}"), 2_000, 1 << 20);
  }

  @Test
  void shouldTrustTheConfiguredCertificateForHttps(@TempDir Path dir) throws Exception {
    var cert = SelfSignedCertificate.create(dir);
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(cert.keyStore())) {
      keys.load(in, cert.password().toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, cert.password().toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    https.setHttpsConfigurator(new HttpsConfigurator(tls));
    server = https;
    String url = start(answering(200, answer(numbers("14.0"))), "https");

    var trusted =
        client(
            settings(url, 5_000, 1 << 20, "tok", null, cert.certificatePem().toString()),
            RemoteForecaster.Counters.unregistered());
    try (trusted) {
      assertThat(trusted.forecast(contexts(), HORIZON)[0][4][2]).isEqualTo(14.0);
    }
    assertThat(authorizations).containsExactly("Bearer tok");
    // Without it, the JDK's trust store does not know the certificate: a failure, the fallback.
    try (var untrusted =
        client(
            settings(url, 5_000, 1 << 20, null, null, null),
            RemoteForecaster.Counters.unregistered())) {
      assertThat(untrusted.forecast(contexts(), HORIZON))
          .isDeepEqualTo(fallback.forecast(contexts(), HORIZON));
      assertThat(changes).containsExactly("CLOSED->OPEN");
    }
  }

  @Test
  void shouldRefuseUnusableCredentialsAtStartNamingTheKey(@TempDir Path dir) throws Exception {
    Path notPem = Files.writeString(dir.resolve("trust.pem"), "not a certificate");
    var base = JobConfig.defaults();
    var bad = settings("http://inference:8080", 1_000, 100, "two words", null, notPem.toString());
    var config =
        new JobConfig(
            new JobConfig.Kafka("b:9092", "g", "t", java.util.Map.of(), false),
            base.topics(),
            base.delivery(),
            base.checkpointIntervalMs(),
            base.parallelism(),
            base.networkBufferTimeoutMs(),
            base.streamStateTtlMs(),
            base.eventTime(),
            base.forecast(),
            base.batching(),
            base.quality(),
            bad,
            base.models(),
            base.modelRoot(),
            base.routing(),
            base.drift(),
            base.limits(),
            base.tolerableFailedCheckpoints(),
            base.checkpointDir());
    assertThat(String.join("; ", config.problems()))
        .contains("remote_inference.max_response_bytes must be in 1024..")
        .contains("remote_inference.auth_token must hold one token")
        .contains("remote_inference.tls_trust_file is set but remote_inference.url is not https://")
        .contains("remote_inference.tls_trust_file " + notPem + " must be readable PEM")
        .doesNotContain("two words");
  }
}
