package io.chaoscast.models.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading series files: complete ones strictly, with missing values only where asked. */
class CsvSeriesTest {

  @TempDir Path dir;

  @Test
  void aCompleteSeriesRefusesAMissingOrNonFiniteCellNamingItsLineAndColumn() throws Exception {
    for (String cell : new String[] {"", "NaN", "nan", "Infinity", "abc"}) {
      Path f = Files.writeString(dir.resolve("s.csv"), "t,x,y\n0,1,2\n1," + cell + ",3\n");
      assertThatThrownBy(() -> CsvSeries.read(f))
          .as("cell '%s'", cell)
          .isInstanceOf(MalformedSeriesException.class)
          .hasMessageContaining("s.csv:3: column x is not a finite number: '" + cell + "'");
    }
  }

  @Test
  void missingValuesAreReadAsNaNAndInfinitiesWhenAsked() throws Exception {
    Path f =
        Files.writeString(
            dir.resolve("m.csv"), "t,x,y\n0,1,2\n1,,NA\n2,nan,null\n3,inf,-Infinity\n4,5,6\n");
    CsvSeries s = CsvSeries.readWithMissing(f);
    assertThat(s.times()).containsExactly(0, 1, 2, 3, 4);
    assertThat(s.values()[1]).containsExactly(Double.NaN, Double.NaN);
    assertThat(s.values()[2]).containsExactly(Double.NaN, Double.NaN);
    assertThat(s.values()[3]).containsExactly(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
    assertThat(s.values()[4]).containsExactly(5, 6);
  }

  @Test
  void evenWithMissingValuesGarbageAndMissingTimesAreRefused() throws Exception {
    Path garbage = Files.writeString(dir.resolve("g.csv"), "t,x\n0,1\n1,12abc\n");
    assertThatThrownBy(() -> CsvSeries.readWithMissing(garbage))
        .isInstanceOf(MalformedSeriesException.class)
        .hasMessageContaining("g.csv:3: column x is not a finite number: '12abc'");
    Path time = Files.writeString(dir.resolve("t.csv"), "t,x\n0,1\nnan,2\n");
    assertThatThrownBy(() -> CsvSeries.readWithMissing(time))
        .isInstanceOf(MalformedSeriesException.class)
        .hasMessageContaining("t.csv:3: time is not a finite number: 'nan'");
    Path short_ = Files.writeString(dir.resolve("f.csv"), "t,x,y\n0,1\n");
    assertThatThrownBy(() -> CsvSeries.readWithMissing(short_))
        .isInstanceOf(MalformedSeriesException.class)
        .hasMessageContaining("f.csv:2: expected 3 fields, found 2");
  }
}
