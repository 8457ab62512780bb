package io.chaoscast.jobjar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the build left the shaded job jar (failsafe passes the path). */
final class JobJar {

  private JobJar() {}

  static Path path() {
    String jar = System.getProperty("chaoscast.job.jar");
    assertThat(jar).as("system property chaoscast.job.jar (set by failsafe)").isNotNull();
    Path path = Path.of(jar);
    assertThat(Files.isRegularFile(path)).as(path + " exists: run mvn verify").isTrue();
    return path;
  }
}
