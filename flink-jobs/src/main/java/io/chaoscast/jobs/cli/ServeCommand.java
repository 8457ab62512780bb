package io.chaoscast.jobs.cli;

import io.chaoscast.jobs.serving.DynamicBatcher;
import io.chaoscast.jobs.serving.InferenceServer;
import io.chaoscast.jobs.serving.ServedModel;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description =
        "Serve a model artifact over the KServe v2 inference protocol (HTTP), with dynamic batching.")
final class ServeCommand implements Callable<Integer> {

  @Option(
      names = "--model",
      required = true,
      description = "Model directory written by `forecaster train`.")
  Path model;

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "HTTP port (default ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Address to bind (default ${DEFAULT-VALUE}; 0.0.0.0 in a container).")
  String host;

  @Option(
      names = "--name",
      defaultValue = "forecaster",
      description = "Model name in the URLs (default ${DEFAULT-VALUE}).")
  String name;

  @Option(
      names = "--device",
      defaultValue = "auto",
      description = "cpu, gpu or auto (default ${DEFAULT-VALUE}).")
  String device;

  @Option(
      names = "--max-batch",
      defaultValue = "1024",
      description = "Most context windows per model call (default ${DEFAULT-VALUE}).")
  int maxBatch;

  @Option(
      names = "--max-delay-ms",
      defaultValue = "2",
      description = "Longest wait for a batch to fill (default ${DEFAULT-VALUE}).")
  long maxDelayMs;

  @Override
  public Integer call() throws Exception {
    if (!model.resolve("manifest.json").toFile().isFile())
      throw new IllegalArgumentException("no model artifact at " + model);
    ServedModel served = ServedModel.load(name, model, device);
    var server =
        new InferenceServer(
            served, new DynamicBatcher(served.forecaster(), maxBatch, maxDelayMs), host, port);
    System.err.printf(
        "serving %s (%s) on http://%s:%d/v2/models/%s: backend %s (%s)%n",
        name, served.version(), host, server.port(), name, served.backend(), served.reason());
    var stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    server.close();
                    served.close();
                  } catch (Exception e) {
                    System.err.println("error while stopping: " + e);
                  }
                  stopped.countDown();
                },
                "serve-shutdown"));
    stopped.await();
    return 0;
  }
}
