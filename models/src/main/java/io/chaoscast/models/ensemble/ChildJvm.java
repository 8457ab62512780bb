package io.chaoscast.models.ensemble;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code main} class run in a child JVM with this JVM's class path, options ({@code -D}, {@code
 * -X}, {@code --add-opens}...) and working directory, its output forwarded line by line with a
 * prefix. Debugger and agent options are not passed on (a second JVM would fight for the port or
 * the agent's output file), nor are the options that make the JVM write a file of its own (a JFR
 * recording, {@code -Xlog} to a file): the child would write over the parent's.
 *
 * <p>Why a child JVM and not a thread: DJL's PyTorch engine lets one gradient recording run per JVM
 * ({@code PtGradientCollector}), so two models train side by side only in two processes.
 *
 * <p>A child started here watches its parent ({@link #exitWhenParentDies}): when the parent is
 * killed, even with SIGKILL, the child stops instead of training on for nobody.
 */
public final class ChildJvm implements AutoCloseable {

  /** System property the child reads its parent's pid from. */
  static final String PARENT_PID = "chaoscast.parent.pid";

  private final Process process;
  private final Thread pump;
  private final String outputPrefix;

  private ChildJvm(Process process, Thread pump, String outputPrefix) {
    this.process = process;
    this.pump = pump;
    this.outputPrefix = outputPrefix;
  }

  /** Starts {@code mainClass} with {@code args}; its stdout and stderr go to {@code out}. */
  public static ChildJvm start(
      Class<?> mainClass, List<String> args, String outputPrefix, PrintStream out)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (passedOn(option)) command.add(option);
    }
    command.add("-D" + PARENT_PID + "=" + ProcessHandle.current().pid());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(args);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    Thread pump = new Thread(() -> forward(p, outputPrefix, out), "child-output-" + p.pid());
    pump.setDaemon(true);
    pump.start();
    return new ChildJvm(p, pump, outputPrefix);
  }

  static boolean passedOn(String option) {
    return !(option.startsWith("-agentlib")
        || option.startsWith("-agentpath")
        || option.startsWith("-javaagent")
        || option.startsWith("-Xrunjdwp")
        || option.startsWith("-Xdebug")
        || option.startsWith("-XX:StartFlightRecording")
        || option.startsWith("-XX:FlightRecorderOptions")
        || logsToAFile(option)
        || option.startsWith("-D" + PARENT_PID + "="));
  }

  /** {@code -Xlog[:what[:output[:...]]]} whose output is neither stdout nor stderr (JEP 158). */
  private static boolean logsToAFile(String option) {
    if (!option.startsWith("-Xlog:")) return false;
    String[] parts = option.split(":", 4);
    if (parts.length < 3) return false;
    String output = parts[2];
    return !(output.isEmpty() || output.equals("stdout") || output.equals("stderr"));
  }

  private static void forward(Process p, String prefix, PrintStream out) {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) out.println(prefix + line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for the child to exit and for its last output line; returns its exit code. */
  public int waitFor() throws InterruptedException {
    int code = process.waitFor();
    pump.join();
    return code;
  }

  /**
   * Waits for the child like {@link #waitFor}; a non-zero exit is an {@link IOException} that names
   * {@code what} failed and where its own account of why is (the output lines with its prefix).
   */
  public void awaitSuccess(String what) throws IOException, InterruptedException {
    int code = waitFor();
    if (code != 0) {
      throw new IOException(
          what
              + " failed with exit code "
              + code
              + "; its output is above, prefixed "
              + outputPrefix.trim());
    }
  }

  /**
   * The JSON of the files a parent and its child exchange (a request, a score): the same mapper at
   * both ends, reading the bare {@code NaN} and {@code Infinity} a series or a setting may hold.
   */
  public static ObjectMapper exchangeJson() {
    return new ObjectMapper().enable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS);
  }

  /** What a child's {@code main} runs ({@link #runAsChild}). */
  @FunctionalInterface
  public interface ChildMain {
    void run() throws IOException;
  }

  /**
   * A child's {@code main}: watches the parent ({@link #exitWhenParentDies}), runs {@code body} and
   * exits 0; an {@link IOException} (a full disk, say) is printed as one {@code error:} line and
   * exits 1, so that the parent's {@link #awaitSuccess} message points at a reason, not a trace.
   */
  public static void runAsChild(ChildMain body) {
    exitWhenParentDies();
    try {
      body.run();
    } catch (IOException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(1);
    }
    System.exit(0);
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Kills the child (and whatever it started) if it still runs. */
  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  /**
   * In a child's {@code main}: halts this JVM when the parent that started it exits. A no-op in a
   * JVM not started by {@link #start}.
   */
  public static void exitWhenParentDies() {
    String pid = System.getProperty(PARENT_PID);
    if (pid == null) return;
    ProcessHandle.of(Long.parseLong(pid))
        .ifPresentOrElse(
            parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(3)),
            () -> Runtime.getRuntime().halt(3));
  }
}
