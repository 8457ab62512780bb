package io.chaoscast.connectors.synthetic;

import java.util.List;

/** An endless multichannel signal, sampled one vector at a time. Not thread-safe. */
public interface SignalSource {

  List<String> channelNames();

  /** The next sample; a fresh array each call. */
  double[] next();
}
