package io.chaoscast.jobs.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BearerAuthTest {

  @Test
  void shouldPreferTheFileTrimmedOverTheEnvironment(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("token"), "  abc123\n");
    var auth = BearerAuth.from(file, "other").orElseThrow();

    assertThat(auth.accepts("Bearer abc123")).isTrue();
    assertThat(auth.accepts("bearer abc123")).isTrue();
    assertThat(auth.accepts("Bearer other")).isFalse();
    assertThat(auth.accepts("Bearer abc1234")).isFalse();
    assertThat(auth.accepts("abc123")).isFalse();
    assertThat(auth.accepts(null)).isFalse();
  }

  @Test
  void shouldReadTheEnvironmentWithoutAFileAndNothingWithNeither() throws Exception {
    assertThat(BearerAuth.from(null, "xyz").orElseThrow().accepts("Bearer xyz")).isTrue();
    assertThat(BearerAuth.from(null, null)).isEmpty();
    assertThat(BearerAuth.from(null, "  ")).isEmpty();
  }

  @Test
  void shouldRefuseAnEmptyTokenFile(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("token"), "\n");
    assertThatThrownBy(() -> BearerAuth.from(file, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--auth-token-file");
  }
}
