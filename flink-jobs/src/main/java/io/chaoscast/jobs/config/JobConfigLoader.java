package io.chaoscast.jobs.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a job YAML file over the defaults and validates it. Unknown keys, wrong types and invalid
 * values all fail at start with a message naming the key, never later inside the running job.
 *
 * <p>{@code ${env:NAME}} in a scalar value is replaced by the environment variable NAME after the
 * YAML is parsed, so that secrets (SASL credentials, trust-store passwords) come from a Kubernetes
 * Secret or the shell rather than from the file. The value lands in that one scalar as plain text
 * and is never parsed as YAML: quotes or newlines in a JAAS line cannot break the document or add
 * keys. An unset variable is an error naming it, not an empty string. Keys are not expanded.
 *
 * <p>Anchors and aliases are refused: Jackson would read an alias as the anchor's name, silently.
 *
 * <p>Error messages go to the JobManager's log, so none of them shows a secret-bearing value (see
 * {@link Redactor}); a YAML syntax error is reported by line, column and key, without the text
 * around it.
 */
public final class JobConfigLoader {

  private static final Pattern ENV_REFERENCE =
      Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)\\}");

  private final Function<String, String> environment;

  /** Reads {@code ${env:NAME}} references from the process environment. */
  public JobConfigLoader() {
    this(System::getenv);
  }

  /**
   * @param environment looks up environment variables (null when unset)
   */
  public JobConfigLoader(Function<String, String> environment) {
    this.environment = environment;
  }

  private final ObjectMapper yaml =
      JsonMapper.builder(new YAMLFactory())
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
          .build();

  public JobConfig load(Path file) {
    if (!Files.isReadable(file)) {
      throw new InvalidConfigException("cannot read configuration file " + file);
    }
    try {
      return parse(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new InvalidConfigException(
          "cannot read configuration file " + file + ": " + e.getClass().getSimpleName());
    }
  }

  /** Parses YAML text over the defaults; {@code origin} names it in error messages. */
  public JobConfig parse(String text, String origin) {
    Redactor redactor = new Redactor();
    JsonNode override = readTree(text, origin);
    List<String> missing = new ArrayList<>();
    override = expandEnvironment(override, "", redactor, missing);
    if (!missing.isEmpty()) {
      throw new InvalidConfigException(
          origin
              + ": environment variable(s) referenced as ${env:...} are not set: "
              + String.join(", ", missing));
    }
    collectSecrets(override, redactor);
    JobConfig config;
    try {
      JsonNode merged = yaml.valueToTree(JobConfig.defaults());
      if (override != null && !override.isMissingNode() && !override.isNull()) {
        merged = yaml.readerForUpdating(merged).readValue(override);
      }
      config = yaml.treeToValue(merged, JobConfig.class);
    } catch (UnrecognizedPropertyException e) {
      throw new InvalidConfigException(
          origin
              + ": unknown key '"
              + e.getPropertyName()
              + "' at "
              + path(e)
              + "; known keys there: "
              + e.getKnownPropertyIds());
    } catch (JsonMappingException e) {
      throw new InvalidConfigException(origin + ": at '" + path(e) + "': " + describe(e, redactor));
    } catch (IOException e) {
      throw new InvalidConfigException(
          origin + ": cannot be read: " + redactor.redact(e.getMessage()));
    }
    var problems = config.problems();
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(
          origin + ": " + redactor.redact(String.join("; ", problems)));
    }
    return config;
  }

  /** The document as a tree, after {@link YamlStructure#check} has refused what Jackson cannot. */
  private JsonNode readTree(String text, String origin) {
    YamlStructure.check(text, origin);
    try {
      return yaml.readTree(text);
    } catch (IOException e) { // rarely: SnakeYAML read the same text without error
      throw new InvalidConfigException(
          origin + ": not valid YAML: " + e.getClass().getSimpleName());
    }
  }

  /**
   * Replaces {@code ${env:NAME}} in every text scalar under {@code node}; each value that came from
   * the environment, and each scalar it went into, becomes a secret for the {@code redactor}. Unset
   * variables are added to {@code missing} with the key that names them.
   */
  private JsonNode expandEnvironment(
      JsonNode node, String key, Redactor redactor, List<String> missing) {
    if (node instanceof ObjectNode object) {
      var names = new ArrayList<String>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        String child = key.isEmpty() ? name : key + "." + name;
        object.set(name, expandEnvironment(object.get(name), child, redactor, missing));
      }
      return object;
    }
    if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, expandEnvironment(array.get(i), key + "[" + i + "]", redactor, missing));
      }
      return array;
    }
    if (!(node instanceof TextNode) || !node.textValue().contains("${env:")) return node;
    Matcher m = ENV_REFERENCE.matcher(node.textValue());
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = environment.apply(m.group(1));
      if (value == null) {
        missing.add(m.group(1) + " (at " + key + ")");
        value = "";
      }
      redactor.add(value);
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    redactor.add(out.toString());
    return TextNode.valueOf(out.toString());
  }

  /** Credential-bearing values the file holds itself: Kafka's secret properties, the token. */
  private static void collectSecrets(JsonNode root, Redactor redactor) {
    if (root == null) return;
    JsonNode properties = root.path("kafka").path("properties");
    properties
        .fields()
        .forEachRemaining(
            e -> {
              if (Redactor.isSensitiveKey(e.getKey())) addScalars(e.getValue(), redactor);
            });
    addScalars(root.path("remote_inference").path("auth_token"), redactor);
  }

  private static void addScalars(JsonNode node, Redactor redactor) {
    if (node.isValueNode()) {
      redactor.add(node.asText());
    } else {
      node.elements().forEachRemaining(n -> addScalars(n, redactor));
    }
  }

  /**
   * What is wrong with a value, from Jackson's exception; the value itself only when it is not a
   * secret, and never through Jackson's message, which shortens long values (so that they would no
   * longer match their redaction).
   */
  private static String describe(JsonMappingException e, Redactor redactor) {
    if (e instanceof InvalidFormatException f) {
      return "expected "
          + typeName(f.getTargetType())
          + ", not '"
          + redactor.redact(String.valueOf(f.getValue()))
          + "'";
    }
    if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      return "expected " + typeName(m.getTargetType()) + " here";
    }
    return redactor.redact(e.getOriginalMessage());
  }

  private static String typeName(Class<?> type) {
    if (type == null) return "another value";
    if (type.isEnum()) {
      List<String> names = new ArrayList<>();
      for (Object c : type.getEnumConstants()) names.add(c.toString().toLowerCase(Locale.ROOT));
      return "one of " + names;
    }
    return switch (type.getSimpleName()) {
      case "int", "Integer", "long", "Long" -> "an integer";
      case "double", "Double" -> "a number";
      case "boolean", "Boolean" -> "true or false";
      case "String" -> "a string";
      case "List" -> "a list";
      case "Map" -> "a mapping of names to strings";
      default -> "a mapping (" + type.getSimpleName() + ")";
    };
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (var ref : e.getPath()) {
      if (ref.getFieldName() == null) continue;
      if (sb.length() > 0) sb.append('.');
      sb.append(ref.getFieldName());
    }
    return sb.toString();
  }
}
