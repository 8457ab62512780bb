package io.chaoscast.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.chaoscast.jobs.config.InvalidConfigException;
import io.chaoscast.jobs.config.JobConfig;
import io.chaoscast.jobs.config.JobConfigLoader;
import io.chaoscast.models.cli.CsvSeries;
import io.chaoscast.models.drift.MonitorConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "detect",
    mixinStandardHelpOptions = true,
    description =
        "Run the data-quality checks and the drift and stability monitor (same code, same"
            + " settings as the service) over a recorded series.")
final class DetectCliCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--csv",
      required = true,
      description =
          "Series: header, time in seconds, then channels; a missing value (empty, NaN, NA, null)"
              + " is rejected like a record with a null value.")
  Path csv;

  @Option(
      names = "--config",
      description =
          "A job configuration file: its drift and quality sections are used (the job's defaults"
              + " otherwise).")
  Path config;

  @Option(
      names = "--drift",
      description =
          "One drift setting as in the job file, over --config, e.g. --drift reference_samples=300"
              + " (repeatable).")
  Map<String, String> drift = new LinkedHashMap<>();

  @Option(
      names = "--quality",
      description =
          "One data-quality setting as in the job file, over --config, e.g. --quality"
              + " flat_line_samples=20 (repeatable).")
  Map<String, String> quality = new LinkedHashMap<>();

  @Option(names = "--json", description = "Print one JSON object on stdout.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Arguments.requireFile(csv);
    JobConfig job = settings(config, drift, quality);
    Detection result =
        Detection.run(CsvSeries.readWithMissing(csv), csv.getFileName().toString(), job);
    PrintWriter to = json ? spec.commandLine().getOut() : spec.commandLine().getErr();
    to.print(json ? result.toJson() + System.lineSeparator() : result.toText());
    to.flush();
    return 0;
  }

  /** The drift monitor's settings {@link #settings(Path, Map, Map)} gives. */
  static MonitorConfig settings(Path file, Map<String, String> drift) throws IOException {
    return settings(file, drift, Map.of()).drift().monitorConfig();
  }

  /**
   * The settings the job would run under: the drift and quality sections of the file (if any) with
   * the {@code --drift} and {@code --quality} settings written into them, read and checked by the
   * job's own loader, so that a wrong key or value fails here with the job's message. The rest of
   * the file is not read.
   */
  static JobConfig settings(Path file, Map<String, String> drift, Map<String, String> quality)
      throws IOException {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    ObjectNode root = yaml.createObjectNode();
    if (file != null) {
      Arguments.requireFile(file);
      var tree = yaml.readTree(Files.readString(file));
      if (tree != null && !tree.isObject() && !tree.isMissingNode() && !tree.isNull()) {
        throw new InvalidConfigException(file + ": not a YAML mapping");
      }
      if (tree instanceof ObjectNode o) root = o;
    }
    override(root, "drift", drift);
    override(root, "quality", quality);
    // only these sections matter here; the job checks the rest of its file when it starts
    ObjectNode only = yaml.createObjectNode();
    only.putObject("kafka").put("bootstrap_servers", "unused-by-detect:9092");
    for (String section : new String[] {"drift", "quality"}) {
      if (root.get(section) != null) only.set(section, root.get(section));
    }
    String origin = file == null ? "the command line" : file + " with the command line";
    return new JobConfigLoader().parse(yaml.writeValueAsString(only), origin);
  }

  private static void override(ObjectNode root, String section, Map<String, String> settings) {
    if (settings.isEmpty()) return;
    ObjectNode node = root.get(section) instanceof ObjectNode o ? o : root.putObject(section);
    settings.forEach(node::put);
  }
}
