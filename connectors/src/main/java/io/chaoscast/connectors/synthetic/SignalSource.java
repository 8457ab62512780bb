package io.chaoscast.connectors.synthetic;

import java.util.List;

/** An endless multichannel signal, sampled one vector at a time. Not thread-safe. */
public interface SignalSource {

  List<String> channelNames();

  /** The next sample; a fresh array each call. */
  double[] next();

  /** Channel names {@code prefix0, prefix1, ...}. */
  static List<String> numberedNames(String prefix, int count) {
    return java.util.stream.IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
  }
}
