package io.chaoscast.jobs.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a job YAML file over the defaults and validates it. Unknown keys, wrong types and invalid
 * values all fail at start with a message naming the key, never later inside the running job.
 *
 * <p>{@code ${env:NAME}} anywhere in the text is replaced by the environment variable NAME before
 * parsing, so that secrets (SASL credentials, trust-store passwords) come from a Kubernetes Secret
 * or the shell rather than from the file. An unset variable is an error, not an empty string.
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
          "cannot read configuration file " + file + ": " + e.getMessage());
    }
  }

  /** Parses YAML text over the defaults; {@code origin} names it in error messages. */
  public JobConfig parse(String text, String origin) {
    text = expandEnvironment(text, origin);
    JobConfig config;
    try {
      JsonNode merged = yaml.valueToTree(JobConfig.defaults());
      JsonNode override = yaml.readTree(text);
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
      throw new InvalidConfigException(
          origin + ": at '" + path(e) + "': " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InvalidConfigException(origin + ": not valid YAML: " + e.getMessage());
    }
    var problems = config.problems();
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(origin + ": " + String.join("; ", problems));
    }
    return config;
  }

  private String expandEnvironment(String text, String origin) {
    Matcher m = ENV_REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    List<String> missing = new ArrayList<>();
    while (m.find()) {
      String value = environment.apply(m.group(1));
      if (value == null) {
        missing.add(m.group(1));
        value = "";
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    if (!missing.isEmpty()) {
      throw new InvalidConfigException(
          origin
              + ": environment variable(s) "
              + String.join(", ", missing)
              + " referenced as ${env:...} are not set");
    }
    return out.toString();
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
