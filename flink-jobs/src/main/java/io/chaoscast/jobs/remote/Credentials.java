package io.chaoscast.jobs.remote;

import io.chaoscast.jobs.config.JobConfig.RemoteInference;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * What the remote-inference client presents and trusts: the bearer token ({@code auth_token} or the
 * trimmed content of {@code auth_token_file}) and the TLS trust ({@code tls_trust_file}, PEM
 * certificates). Both are read when the client opens, inside the TaskManager, and checked once at
 * start by the configuration's validation with the same code. Messages name the key and the file,
 * never the token.
 */
public final class Credentials {

  private Credentials() {}

  /** The bearer token to send, if one is configured. */
  public static Optional<String> bearerToken(RemoteInference settings) {
    String key;
    String token;
    if (settings.authToken() != null) {
      key = "remote_inference.auth_token";
      token = settings.authToken().trim();
    } else if (settings.authTokenFile() != null) {
      Path file = Path.of(settings.authTokenFile());
      key = "remote_inference.auth_token_file " + file;
      try {
        token = Files.readString(file, StandardCharsets.UTF_8).trim();
      } catch (IOException e) {
        throw new IllegalArgumentException(
            key + " cannot be read (" + e.getClass().getSimpleName() + ")");
      }
    } else {
      return Optional.empty();
    }
    // A header value with a line break or a space would be refused by the HTTP client, which then
    // quotes it in its message.
    if (token.isEmpty() || token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
      throw new IllegalArgumentException(
          key + " must hold one token of printable ASCII characters without spaces");
    }
    return Optional.of(token);
  }

  /** An SSL context trusting exactly the certificates of {@code tls_trust_file}, if one is set. */
  public static Optional<SSLContext> sslContext(RemoteInference settings) {
    if (settings.tlsTrustFile() == null) return Optional.empty();
    Path file = Path.of(settings.tlsTrustFile());
    try (InputStream in = Files.newInputStream(file)) {
      Collection<? extends Certificate> certificates =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certificates.isEmpty()) throw new GeneralSecurityException("no certificate in it");
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      int i = 0;
      for (Certificate c : certificates) trust.setCertificateEntry("trusted-" + i++, c);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return Optional.of(context);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "remote_inference.tls_trust_file "
              + file
              + " must be readable PEM certificate(s): "
              + e.getMessage());
    }
  }
}
