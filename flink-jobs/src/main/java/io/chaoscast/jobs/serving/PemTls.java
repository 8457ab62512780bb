package io.chaoscast.jobs.serving;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * TLS from the PEM files a Kubernetes secret of type {@code kubernetes.io/tls} holds: a certificate
 * chain and an unencrypted PKCS#8 private key ({@code BEGIN PRIVATE KEY}), RSA or EC.
 */
public record PemTls(Path certFile, Path keyFile) {

  private static final Pattern PKCS8 =
      Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

  /** Both or neither: one without the other is a misconfiguration. */
  public static Optional<PemTls> of(Path certFile, Path keyFile) {
    if ((certFile == null) != (keyFile == null))
      throw new IllegalArgumentException(
          "TLS needs both --tls-cert-file and --tls-key-file, or neither");
    return certFile == null ? Optional.empty() : Optional.of(new PemTls(certFile, keyFile));
  }

  SslContextFactory.Server sslContextFactory() throws IOException, GeneralSecurityException {
    Certificate[] chain;
    try (InputStream in = Files.newInputStream(certFile)) {
      chain =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(in)
              .toArray(Certificate[]::new);
    }
    if (chain.length == 0)
      throw new IllegalArgumentException("--tls-cert-file " + certFile + " holds no certificate");
    char[] password = new char[32];
    var random = new SecureRandom();
    for (int i = 0; i < password.length; i++) password[i] = (char) ('a' + random.nextInt(26));
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("server", privateKey(), password, chain);
    var factory = new SslContextFactory.Server();
    factory.setKeyStore(store);
    factory.setKeyStorePassword(new String(password));
    return factory;
  }

  private PrivateKey privateKey() throws IOException, GeneralSecurityException {
    String pem = Files.readString(keyFile, StandardCharsets.US_ASCII);
    Matcher m = PKCS8.matcher(pem);
    if (!m.find())
      throw new IllegalArgumentException(
          "--tls-key-file "
              + keyFile
              + " holds no unencrypted PKCS#8 key (BEGIN PRIVATE KEY); convert it with"
              + " `openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8`");
    var spec = new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(m.group(1)));
    for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    throw new IllegalArgumentException(
        "--tls-key-file " + keyFile + " is not an RSA, EC or Ed25519 PKCS#8 key");
  }
}
