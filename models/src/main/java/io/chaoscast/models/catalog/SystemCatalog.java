package io.chaoscast.models.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chaoscast.models.systems.DelayFlow;
import io.chaoscast.models.systems.EquationFlow;
import io.chaoscast.models.systems.EquationMap;
import io.chaoscast.models.systems.Flow;
import io.chaoscast.models.systems.FlowEquations;
import io.chaoscast.models.systems.Lorenz63;
import io.chaoscast.models.systems.Lorenz96;
import io.chaoscast.models.systems.MackeyGlass;
import io.chaoscast.models.systems.MapEquations;
import io.chaoscast.models.systems.Rossler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in systems, read once from {@code dysts-catalogue.json} (a subset of the dysts
 * catalogue; see the {@code _source} and {@code _licence} fields of that file). Immutable.
 *
 * <p>Deviations from dysts, each deliberate: Mackey-Glass uses the classic delay tau = 17 (Farmer
 * 1982) instead of dysts' 16, with its reference values computed by this project (dysts' are in a
 * rescaled time); flows other than Lorenz63 and Rossler use ten times the dysts {@code dt} (about
 * period / 500) as their fixed RK4 step; maps carry literature exponents where one is well
 * established (Henon) and none otherwise.
 */
public final class SystemCatalog {

  private static final String RESOURCE = "dysts-catalogue.json";

  private final List<CatalogEntry> entries;

  private SystemCatalog(List<CatalogEntry> entries) {
    this.entries = List.copyOf(entries);
  }

  private static final class Holder {
    static final SystemCatalog STANDARD = load();
  }

  /** The catalogue bundled with this module. */
  public static SystemCatalog standard() {
    return Holder.STANDARD;
  }

  /** All entries: flows and delay flows first, then maps, each group in catalogue order. */
  public List<CatalogEntry> all() {
    return entries;
  }

  /** The entry named {@code name} (case-insensitive; {@code lorenz} also finds lorenz63). */
  public Optional<CatalogEntry> find(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    if (key.equals("lorenz")) key = "lorenz63";
    for (CatalogEntry e : entries) if (e.name().equals(key)) return Optional.of(e);
    return Optional.empty();
  }

  /** Like {@link #find} but fails with the list of known names. */
  public CatalogEntry get(String name) {
    return find(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown system '"
                        + name
                        + "'; known: "
                        + entries.stream().map(CatalogEntry::name).toList()));
  }

  private static SystemCatalog load() {
    try (InputStream in = SystemCatalog.class.getResourceAsStream(RESOURCE)) {
      if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
      JsonNode root = new ObjectMapper().readTree(in);
      List<CatalogEntry> list = new ArrayList<>();
      for (Map.Entry<String, JsonNode> e : root.get("flows").properties()) {
        list.add(flowEntry(e.getKey(), e.getValue()));
      }
      list.add(lorenz96FiveSites(root.get("flows").get("Lorenz96")));
      for (Map.Entry<String, JsonNode> e : root.get("maps").properties()) {
        list.add(mapEntry(e.getKey(), e.getValue()));
      }
      return new SystemCatalog(list);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  private static CatalogEntry flowEntry(String dystsName, JsonNode n) {
    Map<String, Double> p = parameters(n.get("parameters"));
    double[] ic = doubles(n.get("initial_conditions"));
    double dt = n.get("dt").asDouble();
    ReferenceValues ref =
        new ReferenceValues(
            n.get("maximum_lyapunov_estimated").asDouble(),
            "dysts estimate",
            n.get("correlation_dimension").asDouble(),
            n.get("period").asDouble(),
            doubles(n.get("mean")),
            doubles(n.get("std")));
    String citation = n.path("citation").asText("");
    String description = n.path("description").asText("");
    switch (dystsName) {
      case "MackeyGlass":
        {
          DelayFlow mg = MackeyGlass.classic();
          Map<String, Double> mp = Map.of("beta", 0.2, "gamma", 0.1, "n", 10.0, "tau", mg.delay());
          // Computed by this project (Benettin two-trajectory on the full history, 1e5 time units,
          // 0.0051 +- 0.00014;
          // dominant period from the power spectrum of x). dysts values are in a rescaled time.
          ReferenceValues mgRef =
              new ReferenceValues(
                  MACKEY_GLASS_LYAPUNOV,
                  "this project (Benettin, tau=17)",
                  Double.NaN,
                  MACKEY_GLASS_PERIOD,
                  new double[0],
                  new double[0]);
          return new CatalogEntry("mackeyglass", citation, description, mp, mgRef, null, mg, null);
        }
      default:
        {
          Flow flow = flow(dystsName, p, ic, dt);
          return new CatalogEntry(flow.name(), citation, description, p, ref, flow, null, null);
        }
    }
  }

  /**
   * Lorenz96 with 5 sites, as in the PhyxMamba table (dysts' entry has the dimension of its initial
   * condition, 4) with dysts' forcing f = 20. lambda_1 measured by this project: Benettin, RK4, 100
   * time units of transient, 8,000 renormalisations every 0.5: 2.44 +- 0.03; period: mean interval
   * between upward mean crossings of x_0 over 2,000 time units, 0.63.
   */
  static final double LORENZ96_5_LYAPUNOV = 2.44;

  static final double LORENZ96_5_PERIOD = 0.63;

  private static CatalogEntry lorenz96FiveSites(JsonNode dysts) {
    double f = dysts.get("parameters").get("f").asDouble();
    Lorenz96 flow = Lorenz96.of(5, f);
    ReferenceValues ref =
        new ReferenceValues(
            LORENZ96_5_LYAPUNOV,
            "this project (Benettin, n=5)",
            Double.NaN,
            LORENZ96_5_PERIOD,
            new double[0],
            new double[0]);
    return new CatalogEntry(
        "lorenz96-5d",
        dysts.path("citation").asText(""),
        "Lorenz96 with 5 sites",
        Map.of("f", f, "n", 5.0),
        ref,
        flow,
        null,
        null);
  }

  /** Mackey-Glass (tau = 17) reference values measured by this project; see class comment. */
  static final double MACKEY_GLASS_LYAPUNOV = 0.0051;

  static final double MACKEY_GLASS_PERIOD = 50.0;

  private static Flow flow(String dystsName, Map<String, Double> p, double[] ic, double dt) {
    return switch (dystsName) {
      case "Lorenz" -> new Lorenz63(p.get("sigma"), p.get("rho"), p.get("beta"));
      case "Rossler" -> new Rossler(p.get("a"), p.get("b"), p.get("c"));
      case "Lorenz96" -> new Lorenz96(ic.length, p.get("f"), ic);
      default ->
          new EquationFlow(
              dystsName.toLowerCase(Locale.ROOT),
              FlowEquations.dimension(dystsName),
              FlowEquations.rhs(dystsName, p),
              ic,
              10.0 * dt);
    };
  }

  private static CatalogEntry mapEntry(String dystsName, JsonNode n) {
    Map<String, Double> p = parameters(n.get("parameters"));
    double[] ic = doubles(n.get("initial_conditions"));
    String name = dystsName.toLowerCase(Locale.ROOT);
    EquationMap map =
        new EquationMap(
            name, MapEquations.dimension(dystsName), MapEquations.rule(dystsName, p), ic);
    ReferenceValues ref =
        dystsName.equals("Henon")
            // Sprott (2003), Chaos and Time-Series Analysis, App. A; Grassberger and Procaccia
            // (1983), Physica D 9:189 (D2 = 1.21 +- 0.01).
            ? new ReferenceValues(
                0.41922, "Sprott (2003)", 1.21, Double.NaN, new double[0], new double[0])
            : new ReferenceValues(
                Double.NaN, "none", Double.NaN, Double.NaN, new double[0], new double[0]);
    return new CatalogEntry(name, n.path("citation").asText(""), "", p, ref, null, null, map);
  }

  private static Map<String, Double> parameters(JsonNode node) {
    Map<String, Double> p = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> f : node.properties())
      p.put(f.getKey(), f.getValue().asDouble());
    return p;
  }

  private static double[] doubles(JsonNode node) {
    if (node == null || !node.isArray()) return new double[0];
    double[] a = new double[node.size()];
    for (int i = 0; i < a.length; i++) a[i] = node.get(i).asDouble();
    return a;
  }
}
