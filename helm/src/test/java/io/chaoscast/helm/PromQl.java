package io.chaoscast.helm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plausibility check of PromQL expressions, not a parser: brackets balance outside string
 * literals, strings close, and every metric name is one the job exports (or a pending one).
 */
final class PromQl {

  /** Functions, aggregations and keywords that look like identifiers in an expression. */
  private static final Set<String> WORDS =
      Set.of(
          "sum",
          "min",
          "max",
          "avg",
          "count",
          "stddev",
          "stdvar",
          "topk",
          "bottomk",
          "quantile",
          "count_values",
          "group",
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "and",
          "or",
          "unless",
          "bool",
          "offset",
          "rate",
          "irate",
          "increase",
          "delta",
          "idelta",
          "deriv",
          "predict_linear",
          "histogram_quantile",
          "abs",
          "absent",
          "absent_over_time",
          "clamp_min",
          "clamp_max",
          "clamp",
          "ceil",
          "floor",
          "round",
          "label_replace",
          "label_join",
          "avg_over_time",
          "max_over_time",
          "min_over_time",
          "sum_over_time",
          "count_over_time",
          "quantile_over_time",
          "last_over_time",
          "changes",
          "resets",
          "time",
          "vector",
          "scalar",
          "sort",
          "sort_desc",
          "timestamp",
          "inf",
          "nan");

  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  /** known-metrics.tsv, one entry per name: its state column ("-", an issue, or when:FEATURE). */
  private static final Map<String, String> STATES = states();

  /** Known metric names, each with the issue it arrives with (empty when exported today). */
  static final Map<String, OptionalInt> KNOWN = known();

  /**
   * Metrics the job exports only when a feature is configured ({@code when:FEATURE} in the list),
   * so a default demo has none of them.
   */
  static final Set<String> CONDITIONAL = conditional();

  private PromQl() {}

  /** Problems found in an expression; empty when it is plausible. */
  static List<String> problems(String expr) {
    List<String> problems = new ArrayList<>();
    if (expr == null || expr.isBlank()) {
      return List.of("empty expression");
    }
    Deque<Character> open = new ArrayDeque<>();
    char quote = 0;
    for (int i = 0; i < expr.length(); i++) {
      char c = expr.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
        continue;
      }
      switch (c) {
        case '"', '\'', '`' -> quote = c;
        case '(', '{', '[' -> open.push(c);
        case ')', '}', ']' -> {
          char expected = c == ')' ? '(' : c == '}' ? '{' : '[';
          if (open.isEmpty() || open.pop() != expected) {
            problems.add("unbalanced '" + c + "' at " + i);
            return problems;
          }
        }
        default -> {}
      }
    }
    if (quote != 0) {
      problems.add("unterminated string");
    }
    if (!open.isEmpty()) {
      problems.add("unclosed '" + open.peek() + "'");
    }
    Set<String> identifiers = identifiers(expr);
    for (String word : identifiers) {
      if (word.endsWith("(")) {
        problems.add("unknown function " + word);
      }
    }
    Set<String> metrics = metrics(expr);
    if (metrics.isEmpty()) {
      problems.add("no metric name");
    }
    for (String metric : metrics) {
      if (!KNOWN.containsKey(metric)) {
        problems.add("unknown metric " + metric);
      }
    }
    return problems;
  }

  /** Metric names in an expression. */
  static Set<String> metrics(String expr) {
    Set<String> names = new LinkedHashSet<>(identifiers(expr));
    names.removeIf(n -> n.endsWith("("));
    return names;
  }

  /**
   * Metric names and unknown function calls (suffixed "(") in an expression: identifiers outside
   * strings, label matchers, range selectors and by/without/on/ignoring lists, that are not known
   * functions or keywords.
   */
  private static Set<String> identifiers(String expr) {
    Set<String> names = new LinkedHashSet<>();
    StringBuilder outside = new StringBuilder();
    int braces = 0;
    int brackets = 0;
    char quote = 0;
    for (int i = 0; i < expr.length(); i++) {
      char c = expr.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
        outside.append(' ');
        continue;
      }
      if (c == '"' || c == '\'' || c == '`') {
        quote = c;
        outside.append(' ');
      } else if (c == '{') {
        braces++;
        outside.append(' ');
      } else if (c == '}') {
        braces--;
        outside.append(' ');
      } else if (c == '[') {
        brackets++;
        outside.append(' ');
      } else if (c == ']') {
        brackets--;
        outside.append(' ');
      } else {
        outside.append(braces > 0 || brackets > 0 ? ' ' : c);
      }
    }
    String text =
        outside
            .toString()
            .replaceAll("(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "$1");
    Matcher m = IDENTIFIER.matcher(text);
    while (m.find()) {
      String word = m.group();
      int before = m.start() - 1;
      boolean partOfNumber =
          before >= 0 && (Character.isDigit(text.charAt(before)) || text.charAt(before) == '.');
      boolean variable = before >= 0 && text.charAt(before) == '$';
      int after = m.end();
      while (after < text.length() && text.charAt(after) == ' ') {
        after++;
      }
      boolean function = after < text.length() && text.charAt(after) == '(';
      if (partOfNumber || variable || WORDS.contains(word)) {
        continue;
      }
      names.add(function ? word + "(" : word);
    }
    return names;
  }

  private static Set<String> conditional() {
    Set<String> names = new java.util.HashSet<>();
    STATES.forEach(
        (name, state) -> {
          if (state.startsWith("when:")) names.add(name);
        });
    return names;
  }

  private static Map<String, OptionalInt> known() {
    Map<String, OptionalInt> known = new LinkedHashMap<>();
    STATES.forEach(
        (name, state) ->
            known.put(
                name,
                state.equals("-") || state.startsWith("when:")
                    ? OptionalInt.empty()
                    : OptionalInt.of(Integer.parseInt(state))));
    return known;
  }

  private static Map<String, String> states() {
    String text;
    try (InputStream in = PromQl.class.getResourceAsStream("/known-metrics.tsv")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> states = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) continue;
      String[] cols = line.split("\t");
      states.put(cols[0].trim(), cols[1].trim());
    }
    return states;
  }
}
