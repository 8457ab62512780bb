package io.chaoscast.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** The chart under test: renders and lints it with the Helm library bundled by helm-java. */
final class Chart {

  static final Path DIR = Path.of("chaoscast").toAbsolutePath();
  static final String RELEASE = "forecaster";
  static final String NAMESPACE = "streaming";

  /**
   * Kubernetes version rendered against (helm template's built-in default is older than the chart
   * allows).
   */
  static final String KUBE_VERSION = "v1.31.0";

  static final YAMLMapper YAML = new YAMLMapper();
  static final ObjectMapper JSON = new ObjectMapper();

  private Chart() {}

  /** A values file shipped with the chart for a variant, under ci/. */
  static Path variant(String name) {
    return DIR.resolve("ci").resolve(name + "-values.yaml");
  }

  /** Renders the chart with the given values files (in order) and --set values. */
  static Manifests render(List<Path> valuesFiles, Map<String, Object> sets) {
    TemplateCommand template =
        new Helm(DIR)
            .template()
            .withName(RELEASE)
            .withNamespace(NAMESPACE)
            .withKubeVersion(KUBE_VERSION);
    for (Path file : valuesFiles) {
      template = template.withValuesFile(file);
    }
    for (Map.Entry<String, Object> set : sets.entrySet()) {
      template = template.set(set.getKey(), set.getValue());
    }
    return Manifests.parse(template.call());
  }

  static Manifests render() {
    return render(List.of(), Map.of());
  }

  static Manifests render(String variant) {
    return render(List.of(variant(variant)), Map.of());
  }

  static Manifests render(Map<String, Object> sets) {
    return render(List.of(), sets);
  }

  /**
   * Lints the chart strictly with values.yaml overlaid by the given file: helm lint takes no values
   * file through helm-java, so a copy of the chart gets the merged values as its values.yaml.
   */
  static LintResult lint(Optional<Path> overlay, Path scratch) {
    try {
      Path copy = scratch.resolve("chaoscast");
      copyTree(DIR, copy);
      if (overlay.isPresent()) {
        JsonNode base = YAML.readTree(DIR.resolve("values.yaml").toFile());
        JsonNode over = YAML.readTree(overlay.get().toFile());
        YAML.writeValue(copy.resolve("values.yaml").toFile(), merge(base.deepCopy(), over));
      }
      return new Helm(copy).lint().strict().call();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Helm's merge of values files: objects merge key by key, anything else replaces. */
  static JsonNode merge(JsonNode base, JsonNode over) {
    if (!(base instanceof ObjectNode target) || !over.isObject()) {
      return over;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = over.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode existing = target.get(field.getKey());
      target.set(
          field.getKey(), existing == null ? field.getValue() : merge(existing, field.getValue()));
    }
    return target;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path source : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
  }

  /** The documents of one rendering. */
  record Manifests(List<JsonNode> documents) {

    static Manifests parse(String rendered) {
      List<JsonNode> documents = new ArrayList<>();
      try (var parser = YAML.getFactory().createParser(rendered)) {
        for (Iterator<JsonNode> it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
          JsonNode document = it.next();
          if (document != null && document.isObject() && document.has("kind")) {
            documents.add(document);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("rendered chart is not YAML:\n" + rendered, e);
      }
      return new Manifests(documents);
    }

    List<JsonNode> ofKind(String kind) {
      return documents.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    JsonNode one(String kind) {
      List<JsonNode> found = ofKind(kind);
      if (found.size() != 1) {
        throw new AssertionError("expected one " + kind + " but found " + found.size());
      }
      return found.get(0);
    }

    JsonNode named(String kind, String name) {
      return ofKind(kind).stream()
          .filter(d -> name.equals(d.path("metadata").path("name").asText()))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
    }

    List<String> kinds() {
      return documents.stream().map(d -> d.path("kind").asText()).sorted().toList();
    }

    /**
     * Every container of every pod spec in the rendering, FlinkDeployment pod templates included.
     */
    List<JsonNode> containers() {
      List<JsonNode> containers = new ArrayList<>();
      for (JsonNode podSpec : podSpecs()) {
        podSpec.path("containers").forEach(containers::add);
        podSpec.path("initContainers").forEach(containers::add);
      }
      return containers;
    }

    List<JsonNode> podSpecs() {
      List<JsonNode> specs = new ArrayList<>();
      for (JsonNode d : documents) {
        switch (d.path("kind").asText()) {
          case "Deployment", "StatefulSet", "DaemonSet", "Job" ->
              specs.add(d.path("spec").path("template").path("spec"));
          case "FlinkDeployment" -> {
            JsonNode spec = d.path("spec");
            for (JsonNode template :
                List.of(
                    spec.path("podTemplate"),
                    spec.path("jobManager").path("podTemplate"),
                    spec.path("taskManager").path("podTemplate"))) {
              if (!template.isMissingNode()) {
                specs.add(template.path("spec"));
              }
            }
          }
          default -> {}
        }
      }
      return specs;
    }
  }
}
