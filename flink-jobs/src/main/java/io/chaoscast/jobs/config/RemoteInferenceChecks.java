package io.chaoscast.jobs.config;

import io.chaoscast.jobs.config.JobConfig.RemoteInference;
import io.chaoscast.jobs.remote.Credentials;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks of the remote-inference client's limits and credentials, run at start so that a
 * missing token file or a bad certificate stops the job there rather than in every batch.
 */
final class RemoteInferenceChecks {

  /** 1 KiB: a smaller cap would refuse even one small forecast. */
  static final long MIN_RESPONSE_BYTES = 1024;

  private RemoteInferenceChecks() {}

  static List<String> problems(RemoteInference r) {
    List<String> p = new ArrayList<>();
    if (r.maxResponseBytes() < MIN_RESPONSE_BYTES || r.maxResponseBytes() > Integer.MAX_VALUE) {
      p.add(
          "remote_inference.max_response_bytes must be in "
              + MIN_RESPONSE_BYTES
              + ".."
              + Integer.MAX_VALUE);
    }
    if (r.authToken() != null && r.authTokenFile() != null) {
      p.add(
          "set one of remote_inference.auth_token and remote_inference.auth_token_file, not both");
    } else {
      check(p, () -> Credentials.bearerToken(r));
    }
    if (r.tlsTrustFile() != null) {
      if (r.url() != null && !r.url().startsWith("https://")) {
        p.add("remote_inference.tls_trust_file is set but remote_inference.url is not https://");
      }
      check(p, () -> Credentials.sslContext(r));
    }
    return p;
  }

  private static void check(List<String> p, Runnable read) {
    try {
      read.run();
    } catch (IllegalArgumentException e) {
      p.add(e.getMessage());
    }
  }
}
