package io.chaoscast.jobs.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChallengerPublisherTest {

  @Test
  void shouldOfferForDeletionTheVersionsBeyondTheNewestKeptByHistoryEndAndNothingElse(
      @TempDir Path slot) throws IOException {
    // history ends compared as numbers (900 is older than 1000), whatever the type
    for (String v : new String[] {"900-esn", "1000-nvar", "1200-esn", "1500-nvar"}) {
      Files.createDirectories(slot.resolve(v));
    }
    Files.createDirectories(slot.resolve("notes")); // not a version: left alone
    Files.writeString(slot.resolve("1100-nvar"), "a file, not a version directory");
    Path newest = Files.createDirectories(slot.resolve("2000-esn"));

    assertThat(ChallengerPublisher.olderVersions(newest, 3))
        .containsExactly(slot.resolve("1000-nvar"), slot.resolve("900-esn"));
    assertThat(ChallengerPublisher.olderVersions(newest, 1))
        .containsExactly(
            slot.resolve("1500-nvar"),
            slot.resolve("1200-esn"),
            slot.resolve("1000-nvar"),
            slot.resolve("900-esn"));
    assertThat(ChallengerPublisher.olderVersions(newest, 5)).isEmpty();
    assertThat(ChallengerPublisher.olderVersions(newest, 0)).as("0 keeps every version").isEmpty();
  }
}
