package io.chaoscast.models.systems;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Right-hand sides of the catalogued three- and four-dimensional flows, keyed by their dysts name
 * and written from the cited papers (the citation of each is in the catalogue resource). Parameter
 * names follow dysts so that its parameter sets apply unchanged.
 */
public final class FlowEquations {

  private FlowEquations() {}

  /** Names of the flows this class can build (dysts spelling). */
  public static Set<String> names() {
    return new TreeSet<>(
        Set.of(
            "Aizawa",
            "Thomas",
            "Chua",
            "HindmarshRose",
            "Chen",
            "Halvorsen",
            "SprottB",
            "SprottC",
            "SprottD",
            "SprottE",
            "SprottF",
            "SprottG",
            "SprottH",
            "SprottI",
            "SprottJ",
            "SprottK",
            "SprottL",
            "SprottM",
            "SprottN",
            "SprottO",
            "SprottP",
            "SprottQ",
            "SprottR",
            "SprottS",
            "Arneodo",
            "GenesioTesi",
            "RabinovichFabrikant",
            "Rucklidge",
            "ShimizuMorioka",
            "Dadras",
            "Finance",
            "ChenLee",
            "LuChen",
            "QiChen",
            "HyperRossler",
            "HyperLorenz",
            "SprottJerk",
            "MooreSpiegel",
            "Hadley",
            "BurkeShaw",
            "Coullet",
            "NewtonLiepnik",
            "RikitakeDynamo",
            "VallisElNino",
            "WangSun"));
  }

  /** Dimension of the named flow. */
  public static int dimension(String name) {
    return switch (name) {
      case "HyperRossler", "HyperLorenz" -> 4;
      default -> 3;
    };
  }

  /**
   * Builds the right-hand side of {@code name} with parameters {@code p}.
   *
   * @throws IllegalArgumentException for an unknown name or a missing parameter
   */
  public static EquationFlow.Rhs rhs(String name, Map<String, Double> params) {
    P k = new P(name, params);
    switch (name) {
      case "Aizawa":
        { // Aizawa (1982), via Langford (1984)
          double a = k.get("a"), b = k.get("b"), c = k.get("c"), d = k.get("d"), e = k.get("e");
          double f = k.get("f");
          return (s, o) -> {
            double x = s[0], y = s[1], z = s[2];
            o[0] = (z - b) * x - d * y;
            o[1] = d * x + (z - b) * y;
            o[2] =
                c + a * z - z * z * z / 3.0 - (x * x + y * y) * (1.0 + e * z) + f * z * x * x * x;
          };
        }
      case "Thomas":
        { // Thomas (1999), cyclically symmetric attractor
          double a = k.get("a"), b = k.get("b");
          return (s, o) -> {
            o[0] = -a * s[0] + b * Math.sin(s[1]);
            o[1] = -a * s[1] + b * Math.sin(s[2]);
            o[2] = -a * s[2] + b * Math.sin(s[0]);
          };
        }
      case "Chua":
        { // Chua, Komuro, Matsumoto (1986), piecewise-linear diode
          double alpha = k.get("alpha"), beta = k.get("beta"), m0 = k.get("m0"), m1 = k.get("m1");
          return (s, o) -> {
            double x = s[0];
            double g = m1 * x + 0.5 * (m0 - m1) * (Math.abs(x + 1.0) - Math.abs(x - 1.0));
            o[0] = alpha * (s[1] - x - g);
            o[1] = x - s[1] + s[2];
            o[2] = -beta * s[1];
          };
        }
      case "HindmarshRose":
        { // Hindmarsh and Rose (1984), time-scaled form of Marhl and Perc (2005)
          double a = k.get("a"), b = k.get("b"), c = k.get("c"), d = k.get("d"), sp = k.get("s");
          double tx = k.get("tx"), tz = k.get("tz");
          return (s, o) -> {
            double x = s[0], y = s[1], z = s[2];
            o[0] = -x + (y - a * x * x * x + b * x * x + z) / tx;
            o[1] = -a * x * x * x - (d - b) * x * x + z;
            o[2] = (-sp * x - z + c) / tz;
          };
        }
      case "Chen":
        { // Chen and Ueta (1999)
          double a = k.get("a"), b = k.get("b"), c = k.get("c");
          return (s, o) -> {
            o[0] = a * (s[1] - s[0]);
            o[1] = (c - a) * s[0] - s[0] * s[2] + c * s[1];
            o[2] = s[0] * s[1] - b * s[2];
          };
        }
      case "Halvorsen":
        { // Sprott (2010), Elegant Chaos
          double a = k.get("a"), b = k.get("b");
          return (s, o) -> {
            o[0] = -a * s[0] - b * (s[1] + s[2]) - s[1] * s[1];
            o[1] = -a * s[1] - b * (s[2] + s[0]) - s[2] * s[2];
            o[2] = -a * s[2] - b * (s[0] + s[1]) - s[0] * s[0];
          };
        }
      // Sprott (1994), "Some simple chaotic flows", Phys. Rev. E 50:R647, cases B-S.
      case "SprottB":
        return (s, o) -> {
          o[0] = s[1] * s[2];
          o[1] = s[0] - s[1];
          o[2] = 1.0 - s[0] * s[1];
        };
      case "SprottC":
        return (s, o) -> {
          o[0] = s[1] * s[2];
          o[1] = s[0] - s[1];
          o[2] = 1.0 - s[0] * s[0];
        };
      case "SprottD":
        return (s, o) -> {
          o[0] = -s[1];
          o[1] = s[0] + s[2];
          o[2] = s[0] * s[2] + 3.0 * s[1] * s[1];
        };
      case "SprottE":
        return (s, o) -> {
          o[0] = s[1] * s[2];
          o[1] = s[0] * s[0] - s[1];
          o[2] = 1.0 - 4.0 * s[0];
        };
      case "SprottF":
        {
          double a = k.get("a");
          return (s, o) -> {
            o[0] = s[1] + s[2];
            o[1] = -s[0] + a * s[1];
            o[2] = s[0] * s[0] - s[2];
          };
        }
      case "SprottG":
        {
          double a = k.get("a");
          return (s, o) -> {
            o[0] = a * s[0] + s[2];
            o[1] = s[0] * s[2] - s[1];
            o[2] = -s[0] + s[1];
          };
        }
      case "SprottH":
        {
          double a = k.get("a");
          return (s, o) -> {
            o[0] = -s[1] + s[2] * s[2];
            o[1] = s[0] + a * s[1];
            o[2] = s[0] - s[2];
          };
        }
      case "SprottI":
        {
          double a = k.get("a");
          return (s, o) -> {
            o[0] = -a * s[1];
            o[1] = s[0] + s[2];
            o[2] = s[0] + s[1] * s[1] - s[2];
          };
        }
      case "SprottJ":
        return (s, o) -> {
          o[0] = 2.0 * s[2];
          o[1] = -2.0 * s[1] + s[2];
          o[2] = -s[0] + s[1] + s[1] * s[1];
        };
      case "SprottK":
        {
          double a = k.get("a");
          return (s, o) -> {
            o[0] = s[0] * s[1] - s[2];
            o[1] = s[0] - s[1];
            o[2] = s[0] + a * s[2];
          };
        }
      case "SprottL":
        {
          double a = k.get("a"), b = k.get("b");
          return (s, o) -> {
            o[0] = s[1] + b * s[2];
            o[1] = a * s[0] * s[0] - s[1];
            o[2] = 1.0 - s[0];
          };
        }
      case "SprottM":
        {
          double a = k.get("a");
          return (s, o) -> {
            o[0] = -s[2];
            o[1] = -s[0] * s[0] - s[1];
            o[2] = a + a * s[0] + s[1];
          };
        }
      case "SprottN":
        return (s, o) -> {
          o[0] = -2.0 * s[1];
          o[1] = s[0] + s[2] * s[2];
          o[2] = 1.0 + s[1] - 2.0 * s[2];
        };
      case "SprottO":
        {
          double a = k.get("a");
          return (s, o) -> {
            o[0] = s[1];
            o[1] = s[0] - s[2];
            o[2] = s[0] + s[0] * s[2] + a * s[1];
          };
        }
      case "SprottP":
        {
          double a = k.get("a");
          return (s, o) -> {
            o[0] = a * s[1] + s[2];
            o[1] = -s[0] + s[1] * s[1];
            o[2] = s[0] + s[1];
          };
        }
      case "SprottQ":
        {
          double a = k.get("a"), b = k.get("b");
          return (s, o) -> {
            o[0] = -s[2];
            o[1] = s[0] - s[1];
            o[2] = a * s[0] + s[1] * s[1] + b * s[2];
          };
        }
      case "SprottR":
        {
          double a = k.get("a"), b = k.get("b");
          return (s, o) -> {
            o[0] = a - s[1];
            o[1] = b + s[2];
            o[2] = s[0] * s[1] - s[2];
          };
        }
      case "SprottS":
        return (s, o) -> {
          o[0] = -s[0] - 4.0 * s[1];
          o[1] = s[0] + s[2] * s[2];
          o[2] = 1.0 + s[0];
        };
      case "Arneodo":
        { // Arneodo, Coullet, Tresser (1981)
          double a = k.get("a"), b = k.get("b"), c = k.get("c"), d = k.get("d");
          return (s, o) -> {
            o[0] = s[1];
            o[1] = s[2];
            o[2] = -a * s[0] - b * s[1] - c * s[2] + d * s[0] * s[0] * s[0];
          };
        }
      case "GenesioTesi":
        { // Genesio and Tesi (1992)
          double a = k.get("a"), b = k.get("b"), c = k.get("c");
          return (s, o) -> {
            o[0] = s[1];
            o[1] = s[2];
            o[2] = -c * s[0] - b * s[1] - a * s[2] + s[0] * s[0];
          };
        }
      case "RabinovichFabrikant":
        { // Rabinovich and Fabrikant (1979)
          double a = k.get("a"), g = k.get("g");
          return (s, o) -> {
            double x = s[0], y = s[1], z = s[2];
            o[0] = y * (z - 1.0 + x * x) + g * x;
            o[1] = x * (3.0 * z + 1.0 - x * x) + g * y;
            o[2] = -2.0 * z * (a + x * y);
          };
        }
      case "Rucklidge":
        { // Rucklidge (1992), double convection
          double a = k.get("a"), b = k.get("b");
          return (s, o) -> {
            o[0] = -a * s[0] + b * s[1] - s[1] * s[2];
            o[1] = s[0];
            o[2] = -s[2] + s[1] * s[1];
          };
        }
      case "ShimizuMorioka":
        { // Shimizu and Morioka (1980)
          double a = k.get("a"), b = k.get("b");
          return (s, o) -> {
            o[0] = s[1];
            o[1] = s[0] - a * s[1] - s[0] * s[2];
            o[2] = -b * s[2] + s[0] * s[0];
          };
        }
      case "Dadras":
        { // Dadras and Momeni (2009)
          double p = k.get("p"), q = k.get("o"), r = k.get("r"), c = k.get("c"), e = k.get("e");
          return (s, o) -> {
            o[0] = s[1] - p * s[0] + q * s[1] * s[2];
            o[1] = r * s[1] - s[0] * s[2] + s[2];
            o[2] = c * s[0] * s[1] - e * s[2];
          };
        }
      case "Finance":
        { // Guoliang Cai and Juanjuan Huang (2007), finance system
          double a = k.get("a"), b = k.get("b"), c = k.get("c");
          return (s, o) -> {
            o[0] = (1.0 / b - a) * s[0] + s[2] + s[0] * s[1];
            o[1] = -b * s[1] - s[0] * s[0];
            o[2] = -s[0] - c * s[2];
          };
        }
      case "ChenLee":
        { // Chen and Lee (2004)
          double a = k.get("a"), b = k.get("b"), c = k.get("c");
          return (s, o) -> {
            o[0] = a * s[0] - s[1] * s[2];
            o[1] = b * s[1] + s[0] * s[2];
            o[2] = c * s[2] + s[0] * s[1] / 3.0;
          };
        }
      case "LuChen":
        { // Lu and Chen (2002)
          double a = k.get("a"), b = k.get("b"), c = k.get("c");
          return (s, o) -> {
            o[0] = a * (s[1] - s[0]);
            o[1] = -s[0] * s[2] + c * s[1];
            o[2] = s[0] * s[1] - b * s[2];
          };
        }
      case "QiChen":
        { // Qi, Chen, Du, Chen, Yuan (2005)
          double a = k.get("a"), b = k.get("b"), c = k.get("c");
          return (s, o) -> {
            o[0] = a * (s[1] - s[0]) + s[1] * s[2];
            o[1] = c * s[0] + s[1] - s[0] * s[2];
            o[2] = s[0] * s[1] - b * s[2];
          };
        }
      case "HyperRossler":
        { // Rossler (1979), hyperchaos
          double a = k.get("a"), b = k.get("b"), c = k.get("c"), d = k.get("d");
          return (s, o) -> {
            o[0] = -s[1] - s[2];
            o[1] = s[0] + a * s[1] + s[3];
            o[2] = b + s[0] * s[2];
            o[3] = -c * s[2] + d * s[3];
          };
        }
      case "HyperLorenz":
        { // Jia (2007), hyperchaotic Lorenz
          double a = k.get("a"), b = k.get("b"), c = k.get("c"), d = k.get("d");
          return (s, o) -> {
            o[0] = a * (s[1] - s[0]) + s[3];
            o[1] = -s[0] * s[2] + c * s[0] - s[1];
            o[2] = -b * s[2] + s[0] * s[1];
            o[3] = d * s[3] - s[0] * s[2];
          };
        }
      case "SprottJerk":
        { // Sprott (1997), simplest dissipative jerk
          double mu = k.get("mu");
          return (s, o) -> {
            o[0] = s[1];
            o[1] = s[2];
            o[2] = -s[0] + s[1] * s[1] - mu * s[2];
          };
        }
      case "MooreSpiegel":
        { // Moore and Spiegel (1966), thermally excited oscillator
          double a = k.get("a"), b = k.get("b"), eps = k.get("eps");
          return (s, o) -> {
            o[0] = s[1];
            o[1] = a * s[2];
            o[2] = -s[2] + eps * s[1] - s[1] * s[0] * s[0] - b * s[0];
          };
        }
      case "Hadley":
        { // Lorenz (1984), Hadley circulation
          double a = k.get("a"), b = k.get("b"), f = k.get("f"), g = k.get("g");
          return (s, o) -> {
            double x = s[0], y = s[1], z = s[2];
            o[0] = -y * y - z * z - a * x + a * f;
            o[1] = x * y - b * x * z - y + g;
            o[2] = b * x * y + x * z - z;
          };
        }
      case "BurkeShaw":
        { // Shaw (1981)
          double n = k.get("n"), e = k.get("e");
          return (s, o) -> {
            o[0] = -n * (s[0] + s[1]);
            o[1] = -s[1] - n * s[0] * s[2];
            o[2] = n * s[0] * s[1] + e;
          };
        }
      case "Coullet":
        { // Arneodo, Coullet, Tresser (1981)
          double a = k.get("a"), b = k.get("b"), c = k.get("c"), d = k.get("d");
          return (s, o) -> {
            o[0] = s[1];
            o[1] = s[2];
            o[2] = -a * s[0] - b * s[1] - c * s[2] + d * s[0] * s[0] * s[0];
          };
        }
      case "NewtonLiepnik":
        { // Leipnik and Newton (1981)
          double a = k.get("a"), b = k.get("b");
          return (s, o) -> {
            o[0] = -a * s[0] + s[1] + 10.0 * s[1] * s[2];
            o[1] = -s[0] - 0.4 * s[1] + 5.0 * s[0] * s[2];
            o[2] = b * s[2] - 5.0 * s[0] * s[1];
          };
        }
      case "RikitakeDynamo":
        { // Rikitake (1958), two-disc dynamo
          double a = k.get("a"), mu = k.get("mu");
          return (s, o) -> {
            o[0] = -mu * s[0] + s[1] * s[2];
            o[1] = -mu * s[1] - a * s[0] + s[0] * s[2];
            o[2] = 1.0 - s[0] * s[1];
          };
        }
      case "VallisElNino":
        { // Vallis (1988), El Nino box model
          double b = k.get("b"), c = k.get("c"), p = k.get("p");
          return (s, o) -> {
            o[0] = b * s[1] - c * (s[0] + p);
            o[1] = -s[1] + s[0] * s[2];
            o[2] = -s[2] - s[0] * s[1] + 1.0;
          };
        }
      case "WangSun":
        { // Wang and Sun (2005), four-scroll attractor
          double a = k.get("a"), b = k.get("b"), d = k.get("d"), e = k.get("e"), f = k.get("f");
          double q = k.get("q");
          return (s, o) -> {
            o[0] = a * s[0] + q * s[1] * s[2];
            o[1] = b * s[0] + d * s[1] - s[0] * s[2];
            o[2] = e * s[2] + f * s[0] * s[1];
          };
        }
      default:
        throw new IllegalArgumentException("no equations for flow " + name);
    }
  }

  /** Parameter lookup that names the system and parameter when one is missing. */
  private record P(String system, Map<String, Double> values) {
    double get(String key) {
      Double v = values.get(key);
      if (v == null) throw new IllegalArgumentException(system + ": missing parameter " + key);
      return v;
    }
  }
}
