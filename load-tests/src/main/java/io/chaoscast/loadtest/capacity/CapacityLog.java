package io.chaoscast.loadtest.capacity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.chaoscast.connectors.serde.Json;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code DIR/capacity.jsonl}: one line per finished unit, appended as soon as the unit ends, so a
 * search that is interrupted keeps what it measured and a rerun picks up where it stopped. It holds
 * the units of one {@link CapacitySettings} only; opening it with other settings is refused.
 */
public final class CapacityLog {

  public static final String FILE = "capacity.jsonl";

  /**
   * The project's mapper writes a figure that could not be measured (NaN) as {@code null}; reading
   * it back must give NaN again, not the 0 Jackson gives a primitive, or a missing p99 would read
   * as 0 ms.
   */
  private static final ObjectMapper MAPPER =
      Json.mapper()
          .copy()
          .registerModule(
              new SimpleModule("null-as-nan")
                  .addDeserializer(
                      double.class,
                      new NumberDeserializers.DoubleDeserializer(double.class, Double.NaN)));

  private final Path file;
  private final List<CapacityRecord> records;

  private CapacityLog(Path file, List<CapacityRecord> records) {
    this.file = file;
    this.records = records;
  }

  /**
   * Reads {@code dir}'s results, if any.
   *
   * @throws IllegalArgumentException when they were measured under other settings
   */
  public static CapacityLog open(Path dir, CapacitySettings settings) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(FILE);
    List<CapacityRecord> records = new ArrayList<>();
    if (Files.exists(file)) {
      String text = dropTornTail(file);
      String[] lines = text.split("\n");
      for (int i = 0; i < lines.length; i++) {
        if (lines[i].isBlank()) continue;
        try {
          records.add(MAPPER.readValue(lines[i], CapacityRecord.class));
        } catch (IOException e) {
          throw new IOException(file + " line " + (i + 1) + " is not a capacity result: " + e, e);
        }
      }
    }
    Set<String> differences = new LinkedHashSet<>();
    for (CapacityRecord r : records) differences.addAll(settings.differences(r.settings()));
    if (!differences.isEmpty()) {
      throw new IllegalArgumentException(
          file
              + " holds results measured with other options ("
              + String.join("; ", differences)
              + "): they cannot be mixed in one table. Rerun with the same options, or give"
              + " another --report directory.");
    }
    return new CapacityLog(file, records);
  }

  /**
   * A line a killed process left half-written (no newline after it) is dropped: its unit is simply
   * run again. Everything else must parse.
   */
  private static String dropTornTail(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    int lastNewline = text.lastIndexOf('\n');
    if (lastNewline == text.length() - 1) return text;
    String kept = text.substring(0, lastNewline + 1);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.truncate(kept.getBytes(StandardCharsets.UTF_8).length);
    }
    return kept;
  }

  public Path file() {
    return file;
  }

  /** Every finished unit, in the order they finished. */
  public List<CapacityRecord> records() {
    return List.copyOf(records);
  }

  public Optional<CapacityRecord> find(CapacityUnit unit) {
    return records.stream().filter(r -> r.unit().equals(unit)).findFirst();
  }

  /** Appends one finished unit, written through before returning. */
  public void append(CapacityRecord record) throws IOException {
    String line = MAPPER.writeValueAsString(record);
    Files.write(
        file,
        (line + "\n").getBytes(StandardCharsets.UTF_8),
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND,
        StandardOpenOption.WRITE,
        StandardOpenOption.SYNC);
    // kept as a rerun will read it (no timeline), so a report is the same before and after
    records.add(MAPPER.readValue(line, CapacityRecord.class));
  }
}
