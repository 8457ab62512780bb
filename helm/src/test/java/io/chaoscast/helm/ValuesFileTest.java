package io.chaoscast.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ValuesFileTest {

  private static final Pattern KEY = Pattern.compile("^(\\s*)(- )?([A-Za-z0-9_.\\-/\"]+):");

  /**
   * Every key of values.yaml has a comment line right above it, except keys inside a value
   * documented as a whole with "# --" (its default content, e.g. a security context).
   */
  @Test
  void shouldDocumentEveryValueWithACommentAboveIt() throws Exception {
    List<String> lines = Files.readAllLines(Chart.DIR.resolve("values.yaml"));
    List<String> undocumented = new ArrayList<>();
    int documentedAsWhole = -1;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher key = KEY.matcher(line);
      if (line.strip().startsWith("#") || !key.find()) {
        continue;
      }
      int indent = key.group(1).length();
      if (documentedAsWhole >= 0 && indent > documentedAsWhole) {
        continue;
      }
      documentedAsWhole = -1;
      int j = i - 1;
      while (j >= 0 && lines.get(j).isBlank()) {
        j--;
      }
      String above = j >= 0 ? lines.get(j).strip() : "";
      if (!above.startsWith("#")) {
        undocumented.add((i + 1) + ": " + line.strip());
        continue;
      }
      int k = j;
      while (k >= 0
          && lines.get(k).strip().startsWith("#")
          && !lines.get(k).strip().startsWith("# --")) {
        k--;
      }
      if (k >= 0 && lines.get(k).strip().startsWith("# --")) {
        documentedAsWhole = indent;
      }
    }
    assertThat(undocumented).isEmpty();
  }

  @Test
  void shouldDeclareEveryValueInTheSchema() throws Exception {
    JsonNode values = Chart.YAML.readTree(Chart.DIR.resolve("values.yaml").toFile());
    JsonNode schema = Chart.JSON.readTree(Chart.DIR.resolve("values.schema.json").toFile());
    List<String> missing = new ArrayList<>();
    check(values, schema, "", missing);
    assertThat(missing).isEmpty();
  }

  @Test
  void shouldUseEmptyCollectionsRatherThanNullDefaults() throws Exception {
    JsonNode values = Chart.YAML.readTree(Chart.DIR.resolve("values.yaml").toFile());
    List<String> nulls = new ArrayList<>();
    nulls(values, "", nulls);
    assertThat(nulls).isEmpty();
  }

  private static void nulls(JsonNode node, String path, List<String> found) {
    if (node.isNull()) {
      found.add(path);
    }
    node.fields().forEachRemaining(e -> nulls(e.getValue(), path + "." + e.getKey(), found));
  }

  private static void check(JsonNode values, JsonNode schema, String path, List<String> missing) {
    if (!values.isObject() || !schema.has("properties")) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode property = schema.path("properties").path(e.getKey());
      if (property.isMissingNode()) {
        missing.add(path + "." + e.getKey());
      } else {
        check(e.getValue(), property, path + "." + e.getKey(), missing);
      }
    }
  }
}
