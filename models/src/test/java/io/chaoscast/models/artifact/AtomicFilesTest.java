package io.chaoscast.models.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

  @Test
  void aWriteCutShortShouldLeaveThePreviousFileWholeAndTheNextWriteShouldSucceed(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("sub").resolve("weights.bin");
    AtomicFiles.writeString(file, "old content");

    assertThatThrownBy(
            () ->
                AtomicFiles.write(
                    file,
                    out -> {
                      out.write("half of the new".getBytes());
                      throw new IOException("disk full");
                    }))
        .hasMessage("cannot write " + file + ": disk full");
    assertThat(file).hasContent("old content");
    assertThat(file.resolveSibling("weights.bin.part"))
        .as("a failed write gives its space back")
        .doesNotExist();

    AtomicFiles.writeJson(file, new ObjectMapper(), Map.of("k", 1));
    assertThat(file).hasContent("{\"k\":1}");
    try (var files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file);
    }
  }
}
