package io.chaoscast.jobs.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The secret-bearing values of one configuration, and the one place that keeps them out of error
 * messages: every message the loader throws passes through {@link #redact}, which writes {@value
 * #REDACTED} wherever one of them appears. Secret-bearing are every value that came from the
 * environment (the variable's value and the whole scalar it was placed in) and every value under
 * {@code kafka.properties} whose key names a credential ({@link #isSensitiveKey}).
 *
 * <p>Redacting the finished message, rather than trusting every message to leave values out, also
 * covers the messages of Jackson and of the validation in {@link JobConfig#problems()}, which quote
 * the values they reject.
 */
final class Redactor {

  static final String REDACTED = "<redacted>";

  /**
   * Values this short are only redacted where they stand alone, so that an environment value such
   * as {@code 4} or {@code true} does not mangle every number in a message; longer ones wherever
   * they appear.
   */
  private static final int SHORT = 8;

  private static final Pattern SENSITIVE_KEY =
      Pattern.compile("password|passwd|jaas|secret|token|key|credential");

  private final List<String> secrets = new ArrayList<>();

  /** Whether a Kafka client property of this name holds a credential. */
  static boolean isSensitiveKey(String key) {
    return SENSITIVE_KEY.matcher(key.toLowerCase(Locale.ROOT)).find();
  }

  void add(String secret) {
    if (secret != null && !secret.isEmpty()) secrets.add(secret);
  }

  /** {@code message} with every secret-bearing value replaced by {@value #REDACTED}. */
  String redact(String message) {
    if (message == null) return null;
    List<String> longestFirst = new ArrayList<>(secrets);
    longestFirst.sort(Comparator.comparingInt(String::length).reversed());
    String out = message;
    for (String s : longestFirst) {
      if (s.length() >= SHORT) {
        out = out.replace(s, REDACTED);
      } else {
        out =
            out.replaceAll(
                "(?<![\\p{Alnum}])" + Pattern.quote(s) + "(?![\\p{Alnum}])",
                Matcher.quoteReplacement(REDACTED));
      }
    }
    return out;
  }
}
