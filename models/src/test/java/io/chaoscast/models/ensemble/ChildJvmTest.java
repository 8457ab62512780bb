package io.chaoscast.models.ensemble;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Child JVMs: output forwarded with a prefix, exit codes, no orphan when a parent is killed, and
 * which of the parent's options a child does not get.
 */
class ChildJvmTest {

  /** Prints its arguments and exits with the code the first one gives. */
  public static final class Echo {
    public static void main(String[] args) {
      System.out.println("args " + String.join(" ", args));
      System.err.println("to stderr");
      System.exit(Integer.parseInt(args[0]));
    }
  }

  /** Watches its parent, says its pid and sleeps. */
  public static final class Sleeper {
    public static void main(String[] args) throws InterruptedException {
      ChildJvm.exitWhenParentDies();
      System.out.println("sleeper pid " + ProcessHandle.current().pid());
      Thread.sleep(TimeUnit.MINUTES.toMillis(5));
    }
  }

  /** Starts a {@link Sleeper} and sleeps: the middle of a three-generation chain. */
  public static final class Starter {
    public static void main(String[] args) throws Exception {
      ChildJvm.exitWhenParentDies();
      ChildJvm.start(Sleeper.class, List.of(), "", System.out);
      Thread.sleep(TimeUnit.MINUTES.toMillis(5));
    }
  }

  @Test
  void outputShouldBeForwardedWithThePrefixAndTheExitCodeReturned() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ChildJvm child =
        ChildJvm.start(
            Echo.class,
            List.of("7", "b"),
            "[child] ",
            new PrintStream(out, true, StandardCharsets.UTF_8))) {
      assertThat(child.waitFor()).isEqualTo(7);
    }
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("[child] args 7 b")
        .contains("[child] to stderr");
  }

  @Test
  void aChildShouldStopWhenItsParentIsKilled() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ChildJvm starter =
        ChildJvm.start(
            Starter.class, List.of(), "", new PrintStream(out, true, StandardCharsets.UTF_8))) {
      long sleeper = awaitSleeperPid(out);
      ProcessHandle grandchild = ProcessHandle.of(sleeper).orElseThrow();

      // SIGKILL: the starter runs no shutdown hook and cannot kill its child itself
      ProcessHandle.of(starter.pid()).orElseThrow().destroyForcibly();

      assertThat(grandchild.onExit().get(60, TimeUnit.SECONDS).isAlive()).isFalse();
    }
  }

  @Test
  void optionsThatWriteTheParentsFilesOrPortsShouldNotBePassedOn() {
    assertThat(ChildJvm.passedOn("-Xmx2g")).isTrue();
    assertThat(ChildJvm.passedOn("-Dai.djl.offline=true")).isTrue();
    assertThat(ChildJvm.passedOn("-Xlog:gc")).isTrue();
    assertThat(ChildJvm.passedOn("-Xlog:gc*:stderr:time")).isTrue();
    assertThat(ChildJvm.passedOn("-XX:StartFlightRecording=filename=rec.jfr,settings=profile"))
        .isFalse();
    assertThat(ChildJvm.passedOn("-XX:FlightRecorderOptions=repository=/tmp/jfr")).isFalse();
    assertThat(ChildJvm.passedOn("-Xlog:gc:file=GC.log:time,uptimemillis")).isFalse();
    assertThat(ChildJvm.passedOn("-Xlog:gc*:gc.txt")).isFalse();
    assertThat(ChildJvm.passedOn("-agentlib:jdwp=transport=dt_socket,server=y")).isFalse();
    assertThat(ChildJvm.passedOn("-D" + ChildJvm.PARENT_PID + "=12")).isFalse();
  }

  private static long awaitSleeperPid(ByteArrayOutputStream out) throws InterruptedException {
    Pattern pid = Pattern.compile("sleeper pid (\\d+)");
    for (int i = 0; i < 600; i++) {
      Matcher m = pid.matcher(out.toString(StandardCharsets.UTF_8));
      if (m.find()) return Long.parseLong(m.group(1));
      Thread.sleep(100);
    }
    throw new AssertionError("the sleeper never started; output: " + out);
  }
}
