package io.chaoscast.models.artifact;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file whole or not at all: the bytes go to {@code NAME.part} beside it, which is then
 * renamed over {@code NAME} (an atomic rename on one file system). A process killed mid-write
 * leaves the previous {@code NAME} intact and a stale {@code .part} that the next write replaces,
 * so a training run resumed after {@code kill -9}, or a server loading a model being retrained in
 * place, never reads half a file. A write that fails (a full disk, a read-only directory) deletes
 * its {@code .part}, so that the space it took is free again, and says which file it could not
 * write: the JDK's "No space left on device" names none. Not a defence against power loss: nothing
 * is fsynced, which would cost a checkpointing trainer a disk flush per epoch.
 */
public final class AtomicFiles {

  /** What writes the content; the stream is closed by {@link #write}. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private AtomicFiles() {}

  public static void write(Path file, Content content) throws IOException {
    Path part = file.resolveSibling(file.getFileName() + ".part");
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) Files.createDirectories(parent);
    try {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(part))) {
        content.writeTo(out);
      }
      Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(part);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  public static void writeBytes(Path file, byte[] bytes) throws IOException {
    write(file, out -> out.write(bytes));
  }

  public static void writeString(Path file, String text) throws IOException {
    writeBytes(file, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** {@code value} as JSON by {@code json} (whose own settings, e.g. indentation, apply). */
  public static void writeJson(Path file, ObjectMapper json, Object value) throws IOException {
    write(file, out -> json.writeValue(out, value));
  }
}
