package io.chaoscast.models.mamba.cuda;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Looks for the CUDA driver library (libcuda.so.1) where the dynamic loader would, without loading
 * it: LD_LIBRARY_PATH, the usual driver directories and the loader cache. Loading JCuda's binding
 * without it fails in a way a JVM cannot retry, so the probe asks here first.
 */
final class Libcuda {

  static final String NAME = "libcuda.so.1";

  static final List<String> DIRECTORIES =
      List.of(
          "/usr/lib/x86_64-linux-gnu",
          "/usr/lib64",
          "/usr/lib",
          "/lib/x86_64-linux-gnu",
          "/lib64",
          "/usr/local/nvidia/lib64",
          "/usr/local/nvidia/lib",
          "/usr/lib/wsl/lib");

  private Libcuda() {}

  static boolean present() {
    String ld = System.getenv("LD_LIBRARY_PATH");
    if (ld != null) {
      for (String dir : ld.split(File.pathSeparator)) {
        if (!dir.isEmpty() && Files.exists(Path.of(dir, NAME))) return true;
      }
    }
    for (String dir : DIRECTORIES) {
      if (Files.exists(Path.of(dir, NAME))) return true;
    }
    try {
      Path cache = Path.of("/etc/ld.so.cache");
      if (Files.isReadable(cache)) {
        String text = new String(Files.readAllBytes(cache), StandardCharsets.ISO_8859_1);
        return text.contains(NAME);
      }
    } catch (IOException e) {
      return false;
    }
    return false;
  }
}
