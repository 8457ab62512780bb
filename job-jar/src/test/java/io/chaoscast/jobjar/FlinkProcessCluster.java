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
 *
 * <p>JobManager high availability through ZooKeeper, as a standalone deployment without Kubernetes
 * runs it (the chart's Kubernetes HA keeps the same metadata in ConfigMaps instead): the leader's
 * address, the submitted job and its completed checkpoints are in ZooKeeper and in {@link #haDir},
 * so a JobManager started after the last one died finds the job and resumes it from its latest
 * checkpoint, and the TaskManagers find the new JobManager. The ZooKeeper server is the caller's,
 * outside the cluster.
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
  private int jobManagers;

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
   * @param zookeeperQuorum host:port of the ZooKeeper server for high availability
   */
  static FlinkProcessCluster start(
      Path workDir, Path classpathFile, String jvmOpens, String zookeeperQuorum)
      throws IOException {
    String classpath = Files.readString(classpathFile).trim();
    List<String> opens =
        jvmOpens == null || jvmOpens.isBlank()
            ? List.of()
            : Arrays.asList(jvmOpens.trim().split("\\s+"));
    var cluster = new FlinkProcessCluster(workDir, classpath, opens, freePort());
    cluster.writeConfiguration(zookeeperQuorum);
    cluster.startJobManager();
    return cluster;
  }

  /**
   * Starts a JobManager process with the cluster's configuration: {@code jobmanager}, after a
   * restart {@code jobmanager-2} and so on (each with its own log). It answers on the same REST
   * port.
   */
  void startJobManager() throws IOException {
    jobManagers++;
    launch(jobManagerName(), JOB_MANAGER, "-Xmx384m");
  }

  /** The process name of the JobManager started last. */
  String jobManagerName() {
    return jobManagers == 1 ? "jobmanager" : "jobmanager-" + jobManagers;
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

  /** high-availability.storageDir: job graphs, jars and checkpoint metadata ZooKeeper points to. */
  Path haDir() {
    return workDir.resolve("ha");
  }

  /**
   * The highest id among the job's checkpoints in the checkpoint directory whose metadata is
   * written (a completed one; older ones are deleted once a newer one completes), or -1.
   */
  long latestCheckpointOnDisk(String jobId) throws IOException {
    Path dir = checkpointDir().resolve(jobId);
    if (!Files.isDirectory(dir)) return -1;
    try (var chk = Files.list(dir)) {
      return chk.filter(d -> d.getFileName().toString().startsWith("chk-"))
          .filter(d -> Files.isRegularFile(d.resolve("_metadata")))
          .mapToLong(d -> Long.parseLong(d.getFileName().toString().substring("chk-".length())))
          .max()
          .orElse(-1);
    }
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

  private void writeConfiguration(String zookeeperQuorum) throws IOException {
    Path tmp = Files.createDirectories(workDir.resolve("tmp"));
    Map<String, String> conf = new LinkedHashMap<>();
    // With HA the JobManager's RPC port is high-availability.jobmanager.port (any free one by
    // default) and TaskManagers find it through ZooKeeper, not through this address.
    conf.put("jobmanager.rpc.address", "127.0.0.1");
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
    conf.put("high-availability.type", "zookeeper");
    conf.put("high-availability.zookeeper.quorum", zookeeperQuorum);
    conf.put("high-availability.storageDir", haDir().toUri().toString());
    conf.put("high-availability.cluster-id", "/chaoscast-it");
    // A JobManager killed with -9 holds its leader latch until ZooKeeper expires its session; a
    // new one becomes leader only then. 60 s by default; 15 s is Kubernetes HA's default lease
    // duration, so the restart test measures what the chart's HA would take.
    conf.put("high-availability.zookeeper.client.session-timeout", "15 s");
    conf.put("high-availability.zookeeper.client.connection-timeout", "15 s");
    // A shared machine stalls a process for seconds now and then; by default a connection that
    // misses heartbeats for 2/3 of the session (suspended, not yet lost) costs the leader its
    // leadership and the job a restart. Only an expired session does here.
    conf.put("high-availability.zookeeper.client.tolerate-suspended-connections", "true");
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
