import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where one method's CPU samples went: of the execution samples whose stack holds {@code
 * Class.method}, the share under each method it calls (inclusive) and each top frame (exclusive).
 * JfrSummary says which operator costs what; this says why. Run with the JDK's single-file launcher:
 *
 * <pre>java load-tests/tools/JfrSubtree.java recording.jfr fully.qualified.Class.method</pre>
 */
public class JfrSubtree {
  public static void main(String[] args) throws Exception {
    String root = args[1];
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> inclusive = new HashMap<>();
    int total = 0;
    int under = 0;
    for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
      if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null)
        continue;
      total++;
      List<RecordedFrame> frames = e.getStackTrace().getFrames();
      int at = -1;
      for (int i = 0; i < frames.size() && at < 0; i++) if (name(frames.get(i)).equals(root)) at = i;
      if (at < 0) continue;
      under++;
      self.merge(name(frames.get(0)), 1, Integer::sum);
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < at; i++) {
        if (seen.add(name(frames.get(i)))) inclusive.merge(name(frames.get(i)), 1, Integer::sum);
      }
    }
    System.out.printf("%d execution samples, %d under %s%n", total, under, root);
    print("inclusive (share of the samples under it)", inclusive, under, 25);
    print("top frames (exclusive)", self, under, 15);
  }

  private static String name(RecordedFrame f) {
    return f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }

  private static void print(String title, Map<String, Integer> counts, int of, int rows) {
    System.out.println(title + ":");
    counts.entrySet().stream()
        .sorted((a, b) -> b.getValue() - a.getValue())
        .limit(rows)
        .forEach(x -> System.out.printf("  %5.1f %%  %s%n", 100.0 * x.getValue() / of, x.getKey()));
  }
}
