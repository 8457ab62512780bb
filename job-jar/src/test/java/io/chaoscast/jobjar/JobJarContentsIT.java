package io.chaoscast.jobjar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the shaded job jar holds: the entry class and the Kafka connector a cluster lacks, and none
 * of what the cluster brings (Flink, logging) or the job never runs (command line, demo, load test,
 * training, charts, the embedded broker, DJL and its libtorch natives). Runs after {@code package}.
 */
class JobJarContentsIT {

  static final String ENTRY_CLASS = "io.chaoscast.jobs.pipeline.ForecastingJobMain";

  /**
   * An upper bound, so that a dependency dragged in unnoticed (libtorch alone is ~200 MB) fails the
   * build; today most of the jar is the Kafka client's compression natives.
   */
  static final long MAX_BYTES = 40L * 1024 * 1024;

  private static Path jar;
  private static List<String> entries;

  @BeforeAll
  static void open() throws IOException {
    jar = JobJar.path();
    try (JarFile file = new JarFile(jar.toFile())) {
      entries = Collections.list(file.entries()).stream().map(ZipEntry::getName).toList();
      assertThat(file.getManifest().getMainAttributes().getValue("Main-Class"))
          .isEqualTo(ENTRY_CLASS);
    }
  }

  @Test
  void shouldHoldTheEntryClassTheJobAndTheKafkaConnector() {
    assertThat(entries)
        .contains(
            ENTRY_CLASS.replace('.', '/') + ".class",
            "io/chaoscast/jobs/pipeline/ForecastingJob.class",
            "io/chaoscast/jobs/config/JobConfigLoader.class",
            "io/chaoscast/connectors/kafka/KafkaEndpoint.class",
            "org/apache/flink/connector/kafka/source/KafkaSource.class",
            "org/apache/flink/connector/kafka/sink/KafkaSink.class",
            "org/apache/kafka/clients/producer/KafkaProducer.class",
            "com/fasterxml/jackson/dataformat/yaml/YAMLFactory.class",
            // the DJL-free engines that serve Mamba artifacts in the job, and the CUDA one's
            // binding
            "io/chaoscast/models/mamba/cpu/JavaMambaEngine.class",
            "io/chaoscast/models/mamba/cuda/CudaMambaEngine.class",
            "jcuda/driver/JCudaDriver.class");
  }

  @Test
  void shouldLeaveOutFlinkLoggingAndEverythingTheJobNeverRuns() {
    List<String> forbidden =
        List.of(
            // Flink itself and logging: the cluster's
            "org/apache/flink/runtime/",
            "org/apache/flink/api/common/",
            "org/apache/flink/streaming/api/",
            "org/apache/flink/client/",
            "org/apache/logging/",
            "org/slf4j/",
            // the command line, demo, load test and replay
            "picocli/",
            "io/chaoscast/jobs/cli/",
            "io/chaoscast/jobs/demo/",
            "io/chaoscast/jobs/loadtest/",
            "io/chaoscast/jobs/replay/",
            "io/chaoscast/loadtest/",
            "io/chaoscast/models/cli/",
            // training, charts and DJL with its natives
            "io/chaoscast/models/training/",
            "io/chaoscast/models/charts/",
            "io/chaoscast/models/mamba/MambaTrainer",
            "ai/djl/",
            "pytorch/",
            "org/jfree/",
            // the embedded broker, the broker itself and Scala
            "io/chaoscast/connectors/embedded/",
            "kafka/server/",
            "org/apache/kafka/raft/",
            "org/apache/kafka/controller/",
            "scala/",
            // the inference server
            "org/eclipse/jetty/",
            "io/chaoscast/jobs/serving/InferenceServer");
    for (String prefix : forbidden) {
      assertThat(entries).as("entries under " + prefix).noneMatch(e -> e.startsWith(prefix));
    }
    assertThat(entries)
        .as("native libraries other than JCuda's and the Kafka client's compression codecs")
        .filteredOn(e -> e.endsWith(".so") || e.endsWith(".dll") || e.endsWith(".dylib"))
        .allMatch(
            e ->
                e.contains("zstd-jni")
                    || e.contains("snappy")
                    || e.contains("lz4")
                    || e.startsWith("lib/libJ")); // JCuda's, linux-x86_64 only
  }

  @Test
  void shouldStayWellUnderTheSizeOfADjlBundle() throws IOException {
    long bytes = Files.size(jar);
    System.out.printf("job jar %s: %d bytes (%.1f MiB)%n", jar, bytes, bytes / 1048576.0);
    assertThat(bytes).isLessThan(MAX_BYTES);
  }
}
