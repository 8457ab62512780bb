package io.chaoscast.connectors.testing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of hostile record values for the parsers' property tests: random bytes, random JSON
 * trees, mutations of a valid record, extreme numbers and dates, and huge strings. Each produces
 * the raw bytes a producer could put on a topic.
 */
public final class HostileInputs {

  private HostileInputs() {}

  /** Any bytes at all, mostly short, some long. */
  public static Arbitrary<byte[]> randomBytes() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(4096);
  }

  /** Scalars a parser may trip over: extreme, malformed-looking, non-finite. */
  public static Arbitrary<String> extremeScalars() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            "0",
            "-0",
            "1e308",
            "-1e308",
            "1e309",
            "4.9e-324",
            "NaN",
            "-Infinity",
            "Infinity",
            "null",
            "true",
            "\"NaN\"",
            "\"\"",
            "\" \"",
            "\"\\u0000\"",
            "\"\\ud800\"",
            String.valueOf(Long.MIN_VALUE),
            String.valueOf(Long.MAX_VALUE),
            "9223372036854775808",
            "-9223372036854775809",
            "253402300800000",
            "-62167219200001",
            "1" + "0".repeat(400),
            "0." + "1".repeat(400),
            "1e-99999",
            "\"+999999999-12-31T23:59:59Z\"",
            "\"-999999999-01-01T00:00:00Z\"",
            "\"+999999999-12-31T23:59:59.999999999-18:00\"",
            "\"9999-12-31T23:59:59.999Z\"",
            "\"10000-01-01T00:00:00Z\"",
            "\"0000-01-01T00:00:00Z\"",
            "\"2026-02-30T00:00:00Z\"",
            "\"2026-01-01T25:00:00Z\"",
            "\"2026-01-01T00:00:00+25:00\"",
            "\"2026-01-01\"",
            "[]",
            "{}",
            "[null]",
            "[[1]]"),
        Arbitraries.longs().map(String::valueOf),
        Arbitraries.doubles().map(String::valueOf),
        Arbitraries.strings().ofMaxLength(30).map(HostileInputs::quote));
  }

  /** Random JSON trees, up to a few levels deep, over the observation schema's field names. */
  public static Arbitrary<String> randomJson() {
    return json(3);
  }

  private static Arbitrary<String> json(int depth) {
    Arbitrary<String> scalar = extremeScalars();
    if (depth == 0) return scalar;
    Arbitrary<String> child = Arbitraries.lazy(() -> json(depth - 1));
    Arbitrary<String> key =
        Arbitraries.oneOf(
            Arbitraries.of("stream", "ts", "values", "channels", "name", "path", "version"),
            Arbitraries.strings().ofMaxLength(8));
    Arbitrary<String> array = child.list().ofMaxSize(4).map(l -> "[" + String.join(",", l) + "]");
    Arbitrary<String> object =
        Combinators.combine(key, child)
            .as((k, v) -> quote(k) + ":" + v)
            .list()
            .ofMaxSize(4)
            .map(l -> "{" + String.join(",", l) + "}");
    return Arbitraries.frequencyOf(Tuple.of(1, scalar), Tuple.of(2, array), Tuple.of(4, object));
  }

  /** A valid record, then cut, spliced, overwritten or padded at random places. */
  public static Arbitrary<byte[]> mutated(String valid) {
    byte[] base = valid.getBytes(StandardCharsets.UTF_8);
    Arbitrary<Integer> at = Arbitraries.integers().between(0, base.length);
    Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(12);
    return Combinators.combine(at, at, noise, Arbitraries.integers().between(0, 3))
        .as(
            (from, to, insert, kind) -> {
              int a = Math.min(from, to);
              int b = Math.max(from, to);
              return switch (kind) {
                case 0 -> splice(base, a, b, new byte[0]); // delete a range
                case 1 -> splice(base, a, a, insert); // insert bytes
                case 2 -> splice(base, a, b, insert); // replace a range
                default -> splice(base, a, a, Arrays.copyOfRange(base, a, b)); // repeat
              };
            });
  }

  /** Records whose fields hold extreme scalars or deep or duplicate structure. */
  public static Arbitrary<String> extremeRecords() {
    Arbitrary<String> v = extremeScalars();
    return Arbitraries.oneOf(
        Combinators.combine(v, v, v)
            .as((s, t, x) -> "{\"stream\":" + s + ",\"ts\":" + t + ",\"values\":[" + x + "]}"),
        v.map(t -> "{\"stream\":\"s\",\"ts\":" + t + ",\"values\":[1]}"),
        v.list()
            .ofMaxSize(8)
            .map(l -> "{\"stream\":\"s\",\"ts\":1,\"values\":[" + String.join(",", l) + "]}"),
        Arbitraries.integers()
            .between(1, 3000)
            .map(
                n ->
                    "{\"stream\":\"s\",\"ts\":1,\"values\":"
                        + "[".repeat(n)
                        + "1"
                        + "]".repeat(n)
                        + "}"),
        Arbitraries.of(
            "{\"stream\":\"a\",\"stream\":\"b\",\"ts\":1,\"values\":[1]}",
            "{\"stream\":\"s\",\"ts\":1,\"values\":[1],\"values\":[2]}",
            "{\"name\":\"m\",\"name\":\"n\",\"path\":\"/p\",\"version\":\"1\"}"));
  }

  /** Records with one field a huge string (up to a megabyte). */
  public static Arbitrary<String> hugeStrings() {
    Arbitrary<String> huge =
        Arbitraries.integers()
            .between(1_000, 1_100_000)
            .flatMap(n -> Arbitraries.of('x', '9', '"', '\\', 'é').map(c -> repeat(c, n)));
    return Combinators.combine(huge, Arbitraries.integers().between(0, 5))
        .as(
            (h, field) ->
                switch (field) {
                  case 0 -> "{\"stream\":\"" + h + "\",\"ts\":1,\"values\":[1]}";
                  case 1 -> "{\"stream\":\"s\",\"ts\":\"" + h + "\",\"values\":[1]}";
                  case 2 -> "{\"stream\":\"s\",\"ts\":1,\"values\":[\"" + h + "\"]}";
                  case 3 ->
                      "{\"stream\":\"s\",\"ts\":1,\"values\":[1],\"channels\":[\"" + h + "\"]}";
                  case 4 -> "{\"name\":\"" + h + "\",\"path\":\"" + h + "\",\"version\":\"1\"}";
                  default ->
                      "{\"stream\":\"s\",\"ts\":"
                          + h.replaceAll("[^0-9]", "1")
                          + ",\"values\":[1]}";
                });
  }

  private static String repeat(char c, int n) {
    return String.valueOf(c).repeat(n);
  }

  private static byte[] splice(byte[] base, int from, int to, byte[] insert) {
    byte[] out = new byte[base.length - (to - from) + insert.length];
    System.arraycopy(base, 0, out, 0, from);
    System.arraycopy(insert, 0, out, from, insert.length);
    System.arraycopy(base, to, out, from + insert.length, base.length - to);
    return out;
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') b.append('\\').append(c);
      else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
      else b.append(c);
    }
    return b.append('"').toString();
  }

  /** Bytes of each string, for generators that produce text. */
  public static Arbitrary<byte[]> utf8(Arbitrary<String> text) {
    return text.map(s -> s.getBytes(StandardCharsets.UTF_8));
  }
}
