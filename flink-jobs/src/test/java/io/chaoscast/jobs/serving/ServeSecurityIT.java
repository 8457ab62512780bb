package io.chaoscast.jobs.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.connectors.testing.SelfSignedCertificate;
import io.chaoscast.models.cli.TrainCommand;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bearer-token authentication and TLS on the real {@code serve} process: a self-signed certificate
 * made for this run by the JDK's keytool (no key is committed), written as the PEM files a
 * Kubernetes TLS secret holds, and a token file like the chart's mount.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServeSecurityIT {

  private static final String TOKEN = "s3cret-token-for-this-test";

  private ServeProcess serve;
  private HttpClient trusting;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    Path artifact = dir.resolve("nvar");
    TrainCommand.train("lorenz63", "nvar", artifact);
    var certificate = SelfSignedCertificate.create(dir);
    char[] password = certificate.password().toCharArray();
    var store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(certificate.keyStore())) {
      store.load(in, password);
    }
    Path cert = dir.resolve("tls.crt");
    Path key = dir.resolve("tls.key");
    Files.writeString(cert, pem("CERTIFICATE", store.getCertificate("server").getEncoded()));
    Files.writeString(key, pem("PRIVATE KEY", store.getKey("server", password).getEncoded()));
    Path token = dir.resolve("token");
    Files.writeString(token, TOKEN + "\n");
    serve =
        ServeProcess.start(
            artifact,
            dir.resolve("serve.log"),
            // The file wins over the environment: this value must not be accepted.
            Map.of(BearerAuth.ENV, "from-the-environment"),
            "--auth-token-file",
            token.toString(),
            "--tls-cert-file",
            cert.toString(),
            "--tls-key-file",
            key.toString());
    var trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("server", store.getCertificate("server"));
    var tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    var ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    trusting =
        HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
  }

  @AfterAll
  void stop() throws Exception {
    if (serve != null) serve.close();
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private HttpResponse<String> get(String path, String authorization) throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + serve.port + path))
            // Generous: the first TLS handshakes of a fresh JVM on a loaded machine take seconds.
            .timeout(Duration.ofSeconds(30));
    if (authorization != null) request.header("Authorization", authorization);
    return trusting.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void shouldRefuseRequestsWithoutTheRightToken() throws Exception {
    for (String wrong :
        new String[] {null, "Bearer nope", "Bearer " + TOKEN + "x", "Basic " + TOKEN, "Bearer "}) {
      var response = get("/v2/models/lorenz", wrong);
      assertThat(response.statusCode()).as(String.valueOf(wrong)).isEqualTo(401);
      assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
      assertThat(response.body()).startsWith("{\"error\":");
    }
    assertThat(get("/v2/models/lorenz", "Bearer from-the-environment").statusCode()).isEqualTo(401);
    var infer =
        trusting.send(
            HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + serve.port + "/v2/models/lorenz/infer"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(infer.statusCode()).isEqualTo(401);
  }

  @Test
  void shouldServeOverTlsWithTheToken() throws Exception {
    var response = get("/v2/models/lorenz", "Bearer " + TOKEN);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).contains("\"name\":\"lorenz\"");
    assertThat(get("/v2/models/lorenz/ready", "bearer " + TOKEN).statusCode()).isEqualTo(200);
  }

  @Test
  void shouldLeaveTheHealthProbesOpen() throws Exception {
    assertThat(get("/v2/health/live", null).statusCode()).isEqualTo(200);
    assertThat(get("/v2/health/ready", null).statusCode()).isEqualTo(200);
  }

  @Test
  void shouldNotBeTrustedByAClientThatDoesNotKnowTheCertificate() throws Exception {
    var plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    try {
      plain.send(
          HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + serve.port + "/v2/health/live"))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      throw new AssertionError("a self-signed certificate was trusted");
    } catch (SSLHandshakeException expected) {
      // the connection is TLS, with this run's certificate
    }
  }
}
