package io.chaoscast.models.systems;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Update rules of the catalogued maps, keyed by their dysts name, with dysts parameter names. */
public final class MapEquations {

  private MapEquations() {}

  /** Names of the maps this class can build (dysts spelling). */
  public static Set<String> names() {
    return new TreeSet<>(
        Set.of("Logistic", "Henon", "Ikeda", "Tinkerbell", "Duffing", "Ricker", "DeJong"));
  }

  /** Dimension of the named map. */
  public static int dimension(String name) {
    return switch (name) {
      case "Logistic", "Ricker" -> 1;
      default -> 2;
    };
  }

  /** Builds the update rule of {@code name} with parameters {@code p}. */
  public static EquationMap.Rule rule(String name, Map<String, Double> p) {
    switch (name) {
      case "Logistic":
        { // May (1976), Nature 261:459: x' = r x (1 - x)
          double r = get(p, name, "r");
          return (s, o) -> o[0] = r * s[0] * (1.0 - s[0]);
        }
      case "Henon":
        { // Henon (1976), Commun. Math. Phys. 50:69: x' = 1 - a x^2 + y, y' = b x
          double a = get(p, name, "a"), b = get(p, name, "b");
          return (s, o) -> {
            o[0] = 1.0 - a * s[0] * s[0] + s[1];
            o[1] = b * s[0];
          };
        }
      case "Ikeda":
        { // Ikeda (1979); Hammel, Jones, Moloney (1985) real form
          double u = get(p, name, "u");
          return (s, o) -> {
            double t = 0.4 - 6.0 / (1.0 + s[0] * s[0] + s[1] * s[1]);
            double c = Math.cos(t), sn = Math.sin(t);
            o[0] = 1.0 + u * (s[0] * c - s[1] * sn);
            o[1] = u * (s[0] * sn + s[1] * c);
          };
        }
      case "Tinkerbell":
        { // Nusse and Yorke (1994): x' = x^2 - y^2 + a x + b y, y' = 2xy + c x + d y
          double a = get(p, name, "a"), b = get(p, name, "b"), c = get(p, name, "c");
          double d = get(p, name, "d");
          return (s, o) -> {
            o[0] = s[0] * s[0] - s[1] * s[1] + a * s[0] + b * s[1];
            o[1] = 2.0 * s[0] * s[1] + c * s[0] + d * s[1];
          };
        }
      case "Duffing":
        { // Holmes (1979) Duffing map: x' = y, y' = -b x + a y - y^3
          double a = get(p, name, "a"), b = get(p, name, "b");
          return (s, o) -> {
            o[0] = s[1];
            o[1] = -b * s[0] + a * s[1] - s[1] * s[1] * s[1];
          };
        }
      case "Ricker":
        { // Ricker (1954): x' = x exp(a (1 - x))
          double a = get(p, name, "a");
          return (s, o) -> o[0] = s[0] * Math.exp(a * (1.0 - s[0]));
        }
      case "DeJong":
        { // Peter de Jong attractor: x' = sin(a y) - cos(b x), y' = sin(c x) - cos(d y)
          double a = get(p, name, "a"), b = get(p, name, "b"), c = get(p, name, "c");
          double d = get(p, name, "d");
          return (s, o) -> {
            o[0] = Math.sin(a * s[1]) - Math.cos(b * s[0]);
            o[1] = Math.sin(c * s[0]) - Math.cos(d * s[1]);
          };
        }
      default:
        throw new IllegalArgumentException("no update rule for map " + name);
    }
  }

  private static double get(Map<String, Double> p, String system, String key) {
    Double v = p.get(key);
    if (v == null) throw new IllegalArgumentException(system + ": missing parameter " + key);
    return v;
  }
}
