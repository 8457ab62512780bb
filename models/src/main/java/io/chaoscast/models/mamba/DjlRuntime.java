package io.chaoscast.models.mamba;

import ai.djl.engine.Engine;

/**
 * The PyTorch engine, configured before first use: two intra-op threads (the cores one model may
 * use), one inter-op thread, offline (no download of native libraries). System properties set here
 * are defaults: a value given on the command line wins.
 */
final class DjlRuntime {

  private DjlRuntime() {}

  static Engine engine() {
    setIfAbsent("ai.djl.offline", "true");
    setIfAbsent("ai.djl.pytorch.num_threads", "2");
    setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
    return Engine.getEngine("PyTorch");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) System.setProperty(key, value);
  }
}
