package io.chaoscast.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.chaoscast.jobs.config.InvalidConfigException;
import io.chaoscast.jobs.config.JobConfig;
import io.chaoscast.jobs.config.JobConfigLoader;
import io.chaoscast.models.cli.DetectCommand;
import io.chaoscast.models.drift.MonitorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "detect",
    mixinStandardHelpOptions = true,
    description =
        "Run the drift and stability monitor (same code, same settings as the service) over a"
            + " recorded series.")
final class DetectCliCommand implements Callable<Integer> {

  @Option(
      names = "--csv",
      required = true,
      description = "Series: header, time in seconds, then channels.")
  Path csv;

  @Option(
      names = "--config",
      description =
          "A job configuration file: its drift section is used (the job's defaults otherwise).")
  Path config;

  @Option(
      names = "--drift",
      description =
          "One drift setting as in the job file, over --config, e.g. --drift reference_samples=300"
              + " (repeatable).")
  Map<String, String> drift = new LinkedHashMap<>();

  @Option(names = "--json", description = "Print one JSON object on stdout.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Arguments.requireFile(csv);
    var result = DetectCommand.detect(csv, settings(config, drift));
    if (json) System.out.println(result.toJson());
    else System.err.print(result.toText());
    return 0;
  }

  /**
   * The monitor settings the job would run under: the drift section of the file (if any) with the
   * {@code --drift} settings written into it, read and checked by the job's own loader, so that a
   * wrong key or value fails here with the job's message. The rest of the file is not read.
   */
  static MonitorConfig settings(Path file, Map<String, String> drift) throws IOException {
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
    if (!drift.isEmpty()) {
      ObjectNode section = root.get("drift") instanceof ObjectNode o ? o : root.putObject("drift");
      drift.forEach(section::put);
    }
    // only the drift section matters here; the job checks the rest of its file when it starts
    ObjectNode only = yaml.createObjectNode();
    only.putObject("kafka").put("bootstrap_servers", "unused-by-detect:9092");
    if (root.get("drift") != null) only.set("drift", root.get("drift"));
    String origin = file == null ? "--drift" : file + " with --drift";
    JobConfig job = new JobConfigLoader().parse(yaml.writeValueAsString(only), origin);
    return job.drift().monitorConfig();
  }
}
