package io.chaoscast.jobs.serving;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The optional shared bearer token. It comes from a file or the environment, never from a
 * command-line value (which {@code ps} and shell history would show), and is compared in constant
 * time: both sides are hashed first, so neither the content nor the length leaks through timing.
 */
public final class BearerAuth {

  /** The environment variable read when no token file is given. */
  public static final String ENV = "CHAOSCAST_SERVE_TOKEN";

  private final byte[] expectedDigest;

  private BearerAuth(String token) {
    if (token.isEmpty()) throw new IllegalArgumentException("the bearer token is empty");
    this.expectedDigest = sha256(token);
  }

  /**
   * The token in {@code file} (trimmed) if one is given, else {@link #ENV} if set and not blank,
   * else none (no authentication).
   */
  public static Optional<BearerAuth> from(Path file, String env) throws IOException {
    if (file != null) {
      String token = Files.readString(file, StandardCharsets.UTF_8).trim();
      if (token.isEmpty())
        throw new IllegalArgumentException("--auth-token-file " + file + " is empty");
      return Optional.of(new BearerAuth(token));
    }
    if (env != null && !env.isBlank()) return Optional.of(new BearerAuth(env.trim()));
    return Optional.empty();
  }

  /** Whether an {@code Authorization} header value carries the token. */
  public boolean accepts(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7))
      return false;
    return MessageDigest.isEqual(expectedDigest, sha256(authorization.substring(7).trim()));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
