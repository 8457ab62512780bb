package io.chaoscast.models.mamba.f32;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.chaoscast.models.artifact.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes a set of named float32 tensors as {@code NAME} (raw little-endian float32, the
 * tensors back to back, row-major) plus {@code NAME.json}: {@code {"format": "chaoscast-f32",
 * "version": 1, "meta": {...}, "tensors": [{"name", "shape", "offset"}]}} where offset counts
 * floats (not bytes) from the start of the blob.
 */
public final class F32Tensors {

  public static final String FORMAT = "chaoscast-f32";
  public static final int VERSION = 1;

  /** One tensor of the index. */
  public record Entry(String name, int[] shape, long offset) {
    public int size() {
      int n = 1;
      for (int s : shape) n *= s;
      return n;
    }
  }

  /** The JSON index: free-form metadata and the tensor entries, in file order. */
  public record Index(String format, int version, Map<String, Object> meta, List<Entry> tensors) {}

  private final Map<String, float[]> tensors;
  private final Map<String, int[]> shapes;
  private final Map<String, Object> meta;

  private F32Tensors(
      Map<String, float[]> tensors, Map<String, int[]> shapes, Map<String, Object> meta) {
    this.tensors = tensors;
    this.shapes = shapes;
    this.meta = meta;
  }

  /** Metadata of the index (architecture, normalisation...). */
  public Map<String, Object> meta() {
    return meta;
  }

  public List<String> names() {
    return List.copyOf(tensors.keySet());
  }

  /** The values of tensor {@code name}, row-major; fails clearly if absent or of another shape. */
  public float[] get(String name, int... shape) {
    float[] v = tensors.get(name);
    if (v == null) throw new IllegalArgumentException("no tensor '" + name + "' in the f32 export");
    if (!Arrays.equals(shapes.get(name), shape)) {
      throw new IllegalArgumentException(
          "tensor '"
              + name
              + "' has shape "
              + Arrays.toString(shapes.get(name))
              + ", expected "
              + Arrays.toString(shape));
    }
    return v.clone();
  }

  public int[] shape(String name) {
    return shapes.get(name).clone();
  }

  static ObjectMapper mapper() {
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  }

  /** Writes {@code blob} and {@code blob + ".json"}; tensors keep the map's iteration order. */
  public static void write(
      Path blob, Map<String, Object> meta, Map<String, float[]> values, Map<String, int[]> shapes)
      throws IOException {
    List<Entry> entries = new ArrayList<>();
    long offset = 0;
    for (Map.Entry<String, float[]> e : values.entrySet()) {
      int[] shape = shapes.get(e.getKey());
      Entry entry = new Entry(e.getKey(), shape, offset);
      if (entry.size() != e.getValue().length) {
        throw new IllegalArgumentException(
            e.getKey()
                + ": "
                + e.getValue().length
                + " values for shape "
                + Arrays.toString(shape));
      }
      entries.add(entry);
      offset += entry.size();
    }
    ByteBuffer buf =
        ByteBuffer.allocate(Math.toIntExact(offset * 4)).order(ByteOrder.LITTLE_ENDIAN);
    FloatBuffer fb = buf.asFloatBuffer();
    for (float[] v : values.values()) fb.put(v);
    AtomicFiles.writeBytes(blob, buf.array());
    AtomicFiles.writeJson(indexFile(blob), mapper(), new Index(FORMAT, VERSION, meta, entries));
  }

  public static Path indexFile(Path blob) {
    return blob.resolveSibling(blob.getFileName() + ".json");
  }

  /** Reads a blob and its index; checks the format, the version and the blob's length. */
  public static F32Tensors read(Path blob) throws IOException {
    Index index = mapper().readValue(indexFile(blob).toFile(), Index.class);
    if (!FORMAT.equals(index.format()) || index.version() > VERSION) {
      throw new IOException(
          indexFile(blob)
              + ": not a "
              + FORMAT
              + " v"
              + VERSION
              + " index ("
              + index.format()
              + " v"
              + index.version()
              + ")");
    }
    FloatBuffer fb =
        ByteBuffer.wrap(Files.readAllBytes(blob)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    Map<String, float[]> values = new LinkedHashMap<>();
    Map<String, int[]> shapes = new LinkedHashMap<>();
    for (Entry e : index.tensors()) {
      if (e.offset() < 0 || e.offset() + e.size() > fb.capacity()) {
        throw new IOException(blob + ": tensor '" + e.name() + "' lies outside the file");
      }
      float[] v = new float[e.size()];
      fb.get(Math.toIntExact(e.offset()), v);
      values.put(e.name(), v);
      shapes.put(e.name(), e.shape().clone());
    }
    return new F32Tensors(values, shapes, index.meta() == null ? Map.of() : index.meta());
  }
}
