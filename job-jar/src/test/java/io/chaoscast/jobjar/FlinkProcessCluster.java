package io.chaoscast.jobjar;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A Flink session cluster of separate JVM processes, started the way Flink's scripts start one
 * (StandaloneSessionClusterEntrypoint, TaskManagerRunner) from the Maven artifacts of a Flink
 * distribution's lib/: no Docker, loopback only, RocksDB state, checkpoints and savepoints in a
 * directory. Each process logs to its own file under the work directory. Small heaps and one slot
 * per TaskManager, so that the cluster fits a shared two-core machine.
 */
final class FlinkProcessCluster implements AutoCloseable {

  static final String JOB_MANAGER =
      "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
  static final String TASK_MANAGER = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";

  private final Path workDir;
  private final Path confDir;
  private final String classpath;
  private final List<String> jvmOptions;
  private final int restPort;
  private final Map<String, Process> processes = new LinkedHashMap<>();

  private FlinkProcessCluster(Path workDir, String classpath, List<String> jvmOptions, int restPort)
      throws IOException {
    this.workDir = workDir;
    this.confDir = Files.createDirectories(workDir.resolve("conf"));
    this.classpath = classpath;
    this.jvmOptions = jvmOptions;
    this.restPort = restPort;
  }

  /**
   * Writes the configuration and starts the JobManager; TaskManagers come with {@link
   * #startTaskManager}.
   *
   * @param classpathFile the cluster's class path, as the build wrote it (one line, path-separated)
   * @param jvmOpens the --add-opens Flink's scripts pass on Java 17
   */
  static FlinkProcessCluster start(Path workDir, Path classpathFile, String jvmOpens)
      throws IOException {
    String classpath = Files.readString(classpathFile).trim();
    List<String> opens =
        jvmOpens == null || jvmOpens.isBlank()
            ? List.of()
            : Arrays.asList(jvmOpens.trim().split("\\s+"));
    var cluster = new FlinkProcessCluster(workDir, classpath, opens, freePort());
    cluster.writeConfiguration(freePort());
    cluster.launch("jobmanager", JOB_MANAGER, "-Xmx384m");
    return cluster;
  }

  String restUrl() {
    return "http://127.0.0.1:" + restPort;
  }

  Path checkpointDir() {
    return workDir.resolve("checkpoints");
  }

  Path savepointDir() {
    return workDir.resolve("savepoints");
  }

  /** Starts a TaskManager process named {@code name} (its log: {@code <name>.log}). */
  void startTaskManager(String name) throws IOException {
    launch(name, TASK_MANAGER, "-Xmx256m", "-XX:MaxDirectMemorySize=256m");
  }

  /** TaskManagers register under their process name (taskmanager.resource-id). */
  private static List<String> dynamicProperties(String name) {
    return name.startsWith("taskmanager")
        ? List.of("-D", "taskmanager.resource-id=" + name)
        : List.of();
  }

  /** TaskManagers started so far, dead ones included (for unique names). */
  int startedTaskManagers() {
    return (int) processes.keySet().stream().filter(n -> n.startsWith("taskmanager")).count();
  }

  List<String> liveTaskManagerNames() {
    return processes.entrySet().stream()
        .filter(e -> e.getKey().startsWith("taskmanager") && e.getValue().isAlive())
        .map(Map.Entry::getKey)
        .toList();
  }

  /** {@code kill -9}: the process gets no chance to close anything. */
  void killForcibly(String name) throws InterruptedException {
    Process p = processes.get(name);
    p.destroyForcibly();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException(name + " survived kill -9");
    }
  }

  /** The last lines of each process's log, for a failing test's message. */
  String logTails(int lines) {
    StringBuilder out = new StringBuilder();
    for (String name : processes.keySet()) {
      try {
        List<String> all = Files.readAllLines(workDir.resolve(name + ".log"));
        out.append("---- ").append(name).append(".log (last ").append(lines).append(" lines)\n");
        all.subList(Math.max(0, all.size() - lines), all.size())
            .forEach(l -> out.append(l).append('\n'));
      } catch (IOException e) {
        out.append("---- ").append(name).append(": ").append(e).append('\n');
      }
    }
    return out.toString();
  }

  private void launch(String name, String mainClass, String... memory) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(memory));
    command.add("-XX:+UseSerialGC");
    command.addAll(jvmOptions);
    command.add("-Dlog4j.configurationFile=" + confDir.resolve("log4j2.properties").toUri());
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    command.add("--configDir");
    command.add(confDir.toString());
    command.addAll(dynamicProperties(name));
    Process p =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(workDir.resolve(name + ".log").toFile())
            .start();
    processes.put(name, p);
  }

  private void writeConfiguration(int rpcPort) throws IOException {
    Path tmp = Files.createDirectories(workDir.resolve("tmp"));
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("jobmanager.rpc.address", "127.0.0.1");
    conf.put("jobmanager.rpc.port", Integer.toString(rpcPort));
    conf.put("jobmanager.bind-host", "127.0.0.1");
    conf.put("rest.address", "127.0.0.1");
    conf.put("rest.bind-address", "127.0.0.1");
    conf.put("rest.port", Integer.toString(restPort));
    conf.put("web.upload.dir", tmp.toString());
    conf.put("io.tmp.dirs", tmp.toString());
    conf.put("taskmanager.host", "127.0.0.1");
    conf.put("taskmanager.bind-host", "127.0.0.1");
    conf.put("taskmanager.numberOfTaskSlots", "1");
    // Flink's scripts derive these from taskmanager.memory.process.size; a TaskManagerRunner
    // started directly needs them spelled out (and -Xmx to match: framework + task heap).
    conf.put("taskmanager.cpu.cores", "1");
    conf.put("taskmanager.memory.framework.heap.size", "64m");
    conf.put("taskmanager.memory.task.heap.size", "160m");
    conf.put("taskmanager.memory.framework.off-heap.size", "64m");
    conf.put("taskmanager.memory.task.off-heap.size", "16m");
    conf.put("taskmanager.memory.managed.size", "96m");
    conf.put("taskmanager.memory.network.min", "32m");
    conf.put("taskmanager.memory.network.max", "32m");
    conf.put("taskmanager.memory.jvm-metaspace.size", "192m");
    conf.put("taskmanager.memory.jvm-overhead.min", "64m");
    conf.put("taskmanager.memory.jvm-overhead.max", "64m");
    conf.put("state.backend.type", "rocksdb");
    conf.put("execution.checkpointing.dir", checkpointDir().toUri().toString());
    conf.put("execution.checkpointing.savepoint-dir", savepointDir().toUri().toString());
    conf.put("restart-strategy.type", "fixed-delay");
    conf.put("restart-strategy.fixed-delay.attempts", "30");
    conf.put("restart-strategy.fixed-delay.delay", "1 s");
    // A dead TaskManager is noticed by failed heartbeat RPCs (2 in a row) within seconds; the
    // timeout is generous because the machine is shared and GC pauses must not look like deaths.
    conf.put("heartbeat.interval", "1000");
    conf.put("heartbeat.timeout", "20000");
    conf.put("heartbeat.rpc-failure-threshold", "2");
    StringBuilder yaml = new StringBuilder();
    conf.forEach((k, v) -> yaml.append(k).append(": \"").append(v).append("\"\n"));
    Files.writeString(confDir.resolve("config.yaml"), yaml);
    Files.writeString(
        confDir.resolve("log4j2.properties"),
        """
        rootLogger.level = INFO
        rootLogger.appenderRef.console.ref = console
        appender.console.type = Console
        appender.console.name = console
        appender.console.layout.type = PatternLayout
        appender.console.layout.pattern = %d{HH:mm:ss.SSS} %-5p %c{1} - %m%n
        logger.kafka.name = org.apache.kafka
        logger.kafka.level = WARN
        """);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Every process, TaskManagers first; each gets a polite stop, then kill -9. */
  @Override
  public void close() throws InterruptedException {
    try {
      stopAll();
    } finally {
      keepLogs();
    }
  }

  /** The work directory goes with the test; the logs stay in target/cluster-logs for a look. */
  private void keepLogs() {
    String target = System.getProperty("chaoscast.cluster.logs");
    if (target == null) return;
    try (var logs = Files.newDirectoryStream(workDir, "*.log")) {
      Path dir = Files.createDirectories(Path.of(target));
      for (Path log : logs) {
        Files.copy(log, dir.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      System.err.println("could not keep the cluster logs: " + e);
    }
  }

  private void stopAll() throws InterruptedException {
    List<String> names = new ArrayList<>(processes.keySet());
    java.util.Collections.reverse(names);
    for (String name : names) {
      Process p = processes.get(name);
      p.destroy();
      if (!p.waitFor(15, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor(15, TimeUnit.SECONDS);
      }
    }
  }

  @Override
  public String toString() {
    return processes.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue().pid())
        .collect(Collectors.joining(", ", "FlinkProcessCluster[", "]"));
  }
}
