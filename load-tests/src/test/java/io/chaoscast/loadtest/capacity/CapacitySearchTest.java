package io.chaoscast.loadtest.capacity;

import static io.chaoscast.loadtest.capacity.CapacityFixtures.measured;
import static io.chaoscast.loadtest.capacity.CapacityFixtures.settings;
import static io.chaoscast.loadtest.capacity.CapacityFixtures.upTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoscast.loadtest.LoadProfile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CapacitySearchTest {

  private static final CapacityJob PASSTHROUGH = CapacityJob.passthrough();
  private static final CapacityJob NVAR = CapacityJob.forecasting("nvar", 64);
  private static final CapacityJob MAMBA = CapacityJob.forecasting("models/default", 64);
  private static final List<CapacityJob> JOBS = List.of(PASSTHROUGH, NVAR, MAMBA);

  /** Capacities of the simulated jobs, events/s. */
  private static final Map<CapacityJob, Long> CAPACITY =
      Map.of(PASSTHROUGH, 50_000L, NVAR, 10_000L, MAMBA, 2_000L);

  @TempDir Path dir;
  private final ByteArrayOutputStream progress = new ByteArrayOutputStream();
  private final List<CapacityUnit> ran = new ArrayList<>();
  private final List<LoadProfile> offered = new ArrayList<>();
  private final AtomicLong clock = new AtomicLong(1_000_000);

  /** Runs each unit as the simulated job would, 6 minutes of clock per unit. */
  private final UnitRunner simulated =
      (unit, profile) -> {
        ran.add(unit);
        offered.add(profile);
        clock.addAndGet(360_000);
        return upTo(CAPACITY.get(unit.job()), unit.rateEventsPerS());
      };

  private CapacityReport search(List<Long> rates, UnitRunner runner) throws Exception {
    return search(settings(), JOBS, rates, runner);
  }

  private CapacityReport search(
      CapacitySettings settings, List<CapacityJob> jobs, List<Long> rates, UnitRunner runner)
      throws Exception {
    return new CapacitySearch(
            settings,
            jobs,
            rates,
            runner,
            CapacityLog.open(dir, settings),
            new PrintStream(progress, true, StandardCharsets.UTF_8),
            clock::get)
        .run();
  }

  private String progress() {
    return progress.toString(StandardCharsets.UTF_8);
  }

  @Test
  void shouldClimbEachLadderAscendingAndStopAtTheFirstRateNotHeld() throws Exception {
    var report = search(List.of(20_000L, 2_000L, 10_000L, 5_000L, 15_000L), simulated);

    assertThat(ran)
        .containsExactly(
            new CapacityUnit(PASSTHROUGH, 2_000),
            new CapacityUnit(PASSTHROUGH, 5_000),
            new CapacityUnit(PASSTHROUGH, 10_000),
            new CapacityUnit(PASSTHROUGH, 15_000),
            new CapacityUnit(PASSTHROUGH, 20_000),
            new CapacityUnit(NVAR, 2_000),
            new CapacityUnit(NVAR, 5_000),
            new CapacityUnit(NVAR, 10_000),
            new CapacityUnit(NVAR, 15_000),
            new CapacityUnit(MAMBA, 2_000),
            new CapacityUnit(MAMBA, 5_000));
    // 100 Hz per stream: 2,000 events/s is 20 streams of 3 channels
    assertThat(offered.get(0).streams()).isEqualTo(20);
    assertThat(offered.get(0).channels()).isEqualTo(3);
    assertThat(offered.get(0).offeredEventsPerS()).isEqualTo(2_000);

    assertThat(
            report.capacity(PASSTHROUGH).orElseThrow().highestHeld().orElseThrow().rateEventsPerS())
        .isEqualTo(20_000);
    assertThat(report.capacity(PASSTHROUGH).orElseThrow().firstNotHeld()).isEmpty();
    var nvar = report.capacity(NVAR).orElseThrow();
    assertThat(nvar.highestHeld().orElseThrow().rateEventsPerS()).isEqualTo(10_000);
    assertThat(nvar.firstNotHeld().orElseThrow().rateEventsPerS()).isEqualTo(15_000);
    assertThat(nvar.ratioToPassthrough()).isEqualTo(0.5);
    assertThat(report.capacity(MAMBA).orElseThrow().ratioToPassthrough()).isEqualTo(0.1);

    assertThat(report.toMarkdown("./forecaster loadtest --capacity"))
        .contains("| passthrough | 20,000 (every rate offered held) | 10 | 20 | 1.00 |")
        .contains(
            "| nvar (batch 64) | 10,000 (not 15,000: sustained 13500 < 98% of offered; lag growing; p99 5000 ms > 50 ms) | 10 | 20 | 0.50 |")
        .contains(
            "| models/default (batch 64) | 5,000 | 50 | 4,500 | 0.900 | yes | 0 | 2500 | 5000 | no"
                + " | sustained 4500 < 98% of offered; lag growing; p99 5000 ms > 50 ms |");
  }

  @Test
  void shouldReportNoCapacityWhenTheLowestRateIsNotHeld() throws Exception {
    var report = search(List.of(5_000L, 10_000L), simulated);

    var mamba = report.capacity(MAMBA).orElseThrow();
    assertThat(mamba.highestHeld()).isEmpty();
    assertThat(mamba.ratioToPassthrough()).isNaN();
    assertThat(report.toMarkdown("c")).contains("| models/default (batch 64) | none (not 5,000: ");
  }

  @Test
  void shouldAppendEveryUnitAsSoonAsItFinishesAndResumeAfterAnInterruption() throws Exception {
    List<Long> rates = List.of(2_000L, 5_000L, 10_000L);
    UnitRunner diesOnNvarAt5000 =
        (unit, profile) -> {
          if (unit.equals(new CapacityUnit(NVAR, 5_000))) throw new IOException("killed");
          return simulated.run(unit, profile);
        };
    assertThatThrownBy(() -> search(rates, diesOnNvarAt5000)).hasMessage("killed");
    // the four units that finished are on disk
    assertThat(Files.readAllLines(dir.resolve(CapacityLog.FILE))).hasSize(4);

    ran.clear();
    var report = search(rates, simulated);

    assertThat(ran)
        .containsExactly(
            new CapacityUnit(NVAR, 5_000),
            new CapacityUnit(NVAR, 10_000),
            new CapacityUnit(MAMBA, 2_000),
            new CapacityUnit(MAMBA, 5_000));
    assertThat(Files.readAllLines(dir.resolve(CapacityLog.FILE))).hasSize(8);
    assertThat(report.records()).hasSize(8);
    assertThat(progress()).contains("4 unit(s) already in");
  }

  @Test
  void shouldRunNothingWhenEveryUnitIsInTheResultsFile() throws Exception {
    List<Long> rates = List.of(2_000L, 5_000L);
    var first = search(rates, simulated);

    UnitRunner mustNotRun =
        (unit, profile) -> {
          throw new AssertionError("ran " + unit + " again");
        };
    var second = search(rates, mustNotRun);

    assertThat(second.toMarkdown("c")).isEqualTo(first.toMarkdown("c"));
    assertThat(second.capacities()).isEqualTo(first.capacities());
    assertThat(progress())
        .contains("models/default (batch 64) at 5,000 events/s did not hold in an earlier run");
  }

  @Test
  void shouldClimbOnlyTheLaddersThatHeldEverythingWhenARateIsAdded() throws Exception {
    search(List.of(2_000L, 5_000L), simulated);
    ran.clear();

    search(List.of(2_000L, 5_000L, 10_000L, 15_000L), simulated);

    // the Mamba ladder failed at 5,000 in the first run: nothing above it runs
    assertThat(ran)
        .containsExactly(
            new CapacityUnit(PASSTHROUGH, 10_000),
            new CapacityUnit(PASSTHROUGH, 15_000),
            new CapacityUnit(NVAR, 10_000),
            new CapacityUnit(NVAR, 15_000));
  }

  @Test
  void shouldRefuseToMixResultsOfOtherOptions() throws Exception {
    search(List.of(2_000L), simulated);

    assertThatThrownBy(() -> CapacityLog.open(dir, settings("PT1M", 50)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duration \"PT5M\" there, \"PT1M\" now")
        .hasMessageContaining("another --report directory");
    assertThatThrownBy(() -> CapacityLog.open(dir, settings("PT5M", 100)))
        .hasMessageContaining("p99_bound_ms 50.0 there, 100.0 now");
    var noDrift =
        new CapacitySettings(
            "PT5M", "uniform", 3, 100, 0, "at_least_once", 2, "sort", 100, 5, false, 50);
    assertThatThrownBy(() -> CapacityLog.open(dir, noDrift))
        .hasMessageContaining("drift true there, false now");
  }

  @Test
  void shouldReportProgressWithUnitCountsAndAnEta() throws Exception {
    search(List.of(2_000L, 5_000L, 10_000L), simulated);

    // 9 units if every rate held; Mamba fails at 5,000 so its 10,000 never runs: 8 in all.
    // The first ETA guesses 5 min + 20 s a unit (9 units: 48 min from 00:16:40); the next ones
    // use the 6 minutes the units took.
    assertThat(progress())
        .contains(
            "capacity: unit 1 of 9: passthrough at 2,000 events/s (20 streams), ETA 01:04 UTC"
                + " (48 min) if every rate left holds")
        .contains(
            "capacity: unit 2 of 9: passthrough at 5,000 events/s (50 streams), ETA 01:10 UTC")
        .contains("capacity: unit 8 of 9: models/default (batch 64) at 5,000 events/s")
        .contains("models/default (batch 64) at 5,000 events/s: not held (")
        .doesNotContain("unit 9 of");
  }

  @Test
  void shouldDropAHalfWrittenLastLineAndRunItsUnitAgain() throws Exception {
    search(settings(), List.of(PASSTHROUGH), List.of(2_000L, 5_000L), simulated);
    Path file = dir.resolve(CapacityLog.FILE);
    String[] lines = Files.readString(file).split("\n");
    Files.writeString(file, lines[0] + "\n" + lines[1].substring(0, 40));
    ran.clear();

    search(settings(), List.of(PASSTHROUGH), List.of(2_000L, 5_000L), simulated);

    assertThat(ran).containsExactly(new CapacityUnit(PASSTHROUGH, 5_000));
    assertThat(Files.readAllLines(file)).hasSize(2);
  }

  @Test
  void shouldReadAnUnmeasuredLatencyBackAsUnmeasured() throws Exception {
    UnitRunner noLatency = (unit, profile) -> measured(2_000, false, 0, Double.NaN);
    search(settings(), List.of(PASSTHROUGH), List.of(2_000L), noLatency);

    var record = CapacityLog.open(dir, settings()).records().get(0);

    assertThat(record.run().latencyMsP99()).isNaN();
    assertThat(record.holds()).isFalse();
    assertThat(record.failures()).containsExactly("no latency samples");
  }

  @Test
  void shouldRefuseARateThatIsNotAWholeNumberOfStreams() {
    assertThatThrownBy(() -> search(List.of(2_000L, 2_050L), simulated))
        .hasMessageContaining("rate 2050 events/s is not a whole number of streams at 100 Hz");
    assertThat(ran).isEmpty();
  }

  @Test
  void shouldRefuseAProfileThatCannotBeScaled() {
    assertThatThrownBy(
            () ->
                new CapacitySettings(
                    "PT5M", "eeg", 64, 256, 0, "at_least_once", 2, "sort", 100, 5, true, 50))
        .hasMessageContaining("--profile eeg");
  }

  @Test
  void shouldDrawP99AgainstOfferedRateOneLinePerJob() throws Exception {
    var report = search(List.of(2_000L, 5_000L, 10_000L), simulated);

    assertThat(report.p99AgainstRate())
        .extracting(io.chaoscast.models.charts.Series::name)
        .containsExactly("passthrough", "nvar (batch 64)", "models/default (batch 64)");
    assertThat(report.p99AgainstRate().get(2).x()).containsExactly(2_000, 5_000);
    Path png = dir.resolve("capacity.png");
    io.chaoscast.loadtest.LoadTestCharts.capacity(png, report.p99AgainstRate(), 50);
    assertThat(javax.imageio.ImageIO.read(png.toFile()).getWidth()).isEqualTo(900);
  }
}
