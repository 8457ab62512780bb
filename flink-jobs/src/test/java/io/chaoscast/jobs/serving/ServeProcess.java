package io.chaoscast.jobs.serving;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real {@code forecaster serve} entry point in its own JVM with a small heap, on loopback and
 * an ephemeral port: what a hostile client can do to it cannot be hidden by the test JVM's heap,
 * and an out-of-memory error ends that process, not the test run. Its output goes to a log file
 * that failures quote.
 */
final class ServeProcess implements AutoCloseable {

  private static final Pattern LISTENING = Pattern.compile("on https?://[^:/]+:(\\d+)/");

  private final Process process;
  private final Path log;
  final int port;

  private ServeProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /** Starts {@code serve --model artifact --name lorenz --port 0} plus {@code args}. */
  static ServeProcess start(Path artifact, Path log, Map<String, String> env, String... args)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-XX:+ExitOnOutOfMemoryError");
    // as ./forecaster starts it: the Java Mamba engine's vector kernel
    command.addAll(List.of("--add-modules", "jdk.incubator.vector"));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.chaoscast.jobs.cli.ForecasterCli");
    command.addAll(
        List.of(
            "serve",
            "--model",
            artifact.toString(),
            "--name",
            "lorenz",
            "--device",
            "cpu",
            "--host",
            "127.0.0.1",
            "--port",
            "0"));
    command.addAll(List.of(args));
    var builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove(BearerAuth.ENV);
    builder.environment().putAll(env);
    Process process = builder.start();
    var port = new CompletableFuture<Integer>();
    Thread pump =
        new Thread(
            () -> {
              try (var in =
                      new BufferedReader(
                          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                  var out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                  out.write(line);
                  out.newLine();
                  out.flush();
                  Matcher m = LISTENING.matcher(line);
                  if (m.find()) port.complete(Integer.parseInt(m.group(1)));
                }
              } catch (IOException e) {
                port.completeExceptionally(e);
              }
              port.completeExceptionally(new IllegalStateException("serve exited"));
            },
            "serve-log");
    pump.setDaemon(true);
    pump.start();
    try {
      return new ServeProcess(process, log, port.get(60, TimeUnit.SECONDS));
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IllegalStateException("serve did not start: " + output(log), e);
    }
  }

  boolean alive() {
    return process.isAlive();
  }

  String output() {
    return output(log);
  }

  private static String output(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** Stops the process and copies the end of its log to the test's output. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    List<String> lines = output().lines().toList();
    System.out.printf("serve log: %d lines, the last ones:%n", lines.size());
    lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(System.out::println);
  }
}
