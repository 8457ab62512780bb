package io.chaoscast.connectors.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A key pair and self-signed certificate for 127.0.0.1 and localhost, made at test time with the
 * JDK's keytool (no key is ever committed): a PKCS12 key store for a server, a PKCS12 trust store
 * and a PEM file of the certificate for its clients, all under one password.
 */
public record SelfSignedCertificate(
    Path keyStore, Path trustStore, Path certificatePem, String password) {

  /** Writes the three files into {@code dir}. */
  public static SelfSignedCertificate create(Path dir) {
    String password = UUID.randomUUID().toString();
    var c =
        new SelfSignedCertificate(
            dir.resolve("server.p12"),
            dir.resolve("trust.p12"),
            dir.resolve("server.pem"),
            password);
    keytool(
        "-genkeypair",
        "-alias",
        "server",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-validity",
        "2",
        "-dname",
        "CN=localhost",
        "-ext",
        "SAN=ip:127.0.0.1,dns:localhost",
        "-storetype",
        "PKCS12",
        "-keystore",
        c.keyStore.toString(),
        "-storepass",
        password,
        "-keypass",
        password);
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "server",
        "-keystore",
        c.keyStore.toString(),
        "-storepass",
        password,
        "-file",
        c.certificatePem.toString());
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "server",
        "-file",
        c.certificatePem.toString(),
        "-storetype",
        "PKCS12",
        "-keystore",
        c.trustStore.toString(),
        "-storepass",
        password);
    return c;
  }

  private static void keytool(String... args) {
    var command = new java.util.ArrayList<String>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run keytool", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
