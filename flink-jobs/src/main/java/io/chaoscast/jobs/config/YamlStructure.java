package io.chaoscast.jobs.config;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;

/**
 * A pass over a YAML document's events, before Jackson reads it, for what Jackson cannot report: a
 * key given twice in one mapping (Jackson keeps the last silently), an anchor or an alias anywhere
 * (Jackson reads an alias of a scalar as the anchor's name, and does not expose a scalar's anchor
 * at all), and a syntax error by line, column and key without the text around it (SnakeYAML's
 * message quotes the offending lines, which may hold a password).
 */
final class YamlStructure {

  private YamlStructure() {}

  /** One open mapping or sequence, and where the pass is in it. */
  private static final class Level {
    final boolean mapping;
    final Set<String> keys = new HashSet<>();
    boolean expectKey = true;
    String key;
    int index = -1;

    Level(boolean mapping) {
      this.mapping = mapping;
    }
  }

  /**
   * @throws InvalidConfigException naming {@code origin} and the key, for an anchor, an alias or a
   *     syntax error
   */
  static void check(String text, String origin) {
    Deque<Level> levels = new ArrayDeque<>();
    Iterator<Event> events = new Yaml(new LoaderOptions()).parse(new StringReader(text)).iterator();
    try {
      while (events.hasNext()) {
        Event e = events.next();
        if (e instanceof CollectionEndEvent) {
          levels.pop();
          valueDone(levels);
        } else if (e instanceof NodeEvent node) {
          Level top = levels.peek();
          boolean isKey = top != null && top.mapping && top.expectKey;
          if (top != null && !top.mapping) top.index++;
          if (node instanceof AliasEvent) {
            throw new InvalidConfigException(
                origin
                    + ": at '"
                    + path(levels)
                    + "': YAML aliases (*"
                    + node.getAnchor()
                    + ") are not supported; write the value out");
          }
          if (node.getAnchor() != null) {
            throw new InvalidConfigException(
                origin
                    + ": at '"
                    + path(levels)
                    + "': YAML anchors (&"
                    + node.getAnchor()
                    + ") are not supported; write the value out where it is used");
          }
          if (node instanceof CollectionStartEvent) {
            levels.push(new Level(node instanceof MappingStartEvent));
          } else if (isKey) {
            top.key = ((org.yaml.snakeyaml.events.ScalarEvent) node).getValue();
            top.expectKey = false;
            if (!top.keys.add(top.key)) {
              // Jackson keeps the last of two equal keys: the first section would vanish silently.
              throw new InvalidConfigException(
                  origin
                      + ": at '"
                      + path(levels)
                      + "': the key appears twice in the same mapping; write it once (YAML keeps"
                      + " only the last, so the first one's settings would be lost)");
            }
          } else {
            valueDone(levels);
          }
        }
      }
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark();
      String key = path(levels);
      throw new InvalidConfigException(
          origin
              + ": not valid YAML"
              + (mark == null
                  ? ""
                  : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1))
              + (key.isEmpty() ? "" : " (in '" + key + "')")
              + ": "
              + e.getProblem()
              + (text.contains("${env:")
                  ? "; inside {...} or [...] an ${env:NAME} reference must be quoted"
                  : ""));
    } catch (InvalidConfigException e) {
      throw e;
    } catch (RuntimeException e) { // other SnakeYAML errors carry no position and no text
      throw new InvalidConfigException(
          origin + ": not valid YAML (in '" + path(levels) + "'): " + e.getClass().getSimpleName());
    }
  }

  /** A value was read completely: its mapping expects a key next. */
  private static void valueDone(Deque<Level> levels) {
    Level top = levels.peek();
    if (top != null && top.mapping) top.expectKey = true;
  }

  /** {@code a.b[2].c}: the key being read. */
  private static String path(Deque<Level> levels) {
    List<String> parts = new ArrayList<>();
    var it = levels.descendingIterator();
    while (it.hasNext()) {
      Level l = it.next();
      if (l.mapping && l.key != null) {
        parts.add("." + l.key);
      } else if (!l.mapping && l.index >= 0) {
        parts.add("[" + l.index + "]");
      }
    }
    String p = String.join("", parts);
    return p.startsWith(".") ? p.substring(1) : p;
  }
}
