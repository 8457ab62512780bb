package io.chaoscast.jobs.cli;

import io.chaoscast.jobs.serving.BearerAuth;
import io.chaoscast.jobs.serving.DynamicBatcher;
import io.chaoscast.jobs.serving.InferenceServer;
import io.chaoscast.jobs.serving.PemTls;
import io.chaoscast.jobs.serving.ServeLimits;
import io.chaoscast.jobs.serving.ServedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description =
        "Serve a model artifact over the KServe v2 inference protocol (HTTP or HTTPS), with dynamic"
            + " batching, request limits and optional bearer-token authentication. Run it with"
            + " -XX:+ExitOnOutOfMemoryError (./forecaster adds it for serve).")
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

  @Option(
      names = "--max-queue",
      defaultValue = "" + ServeLimits.DEFAULT_MAX_QUEUE,
      description =
          "Most inference requests held at once (parsed, queued or in a model call); more are"
              + " answered 503 with Retry-After (default ${DEFAULT-VALUE}).")
  int maxQueue;

  @Option(
      names = "--max-body-bytes",
      defaultValue = "" + ServeLimits.DEFAULT_MAX_BODY_BYTES,
      description = "Largest request body; larger ones get 413 (default ${DEFAULT-VALUE}).")
  long maxBodyBytes;

  @Option(
      names = "--max-elements",
      defaultValue = "" + ServeLimits.DEFAULT_MAX_ELEMENTS,
      description =
          "Most values in a request's context [B, L, d] and in its forecast [B, H, d]; larger"
              + " shapes get 400 before anything is allocated (default ${DEFAULT-VALUE}).")
  long maxElements;

  @Option(
      names = "--auth-token-file",
      description =
          "File holding the bearer token every request but the health probes must carry"
              + " (trimmed). Without it, the environment variable "
              + BearerAuth.ENV
              + " is read; with neither, no authentication.")
  Path authTokenFile;

  @Option(
      names = "--tls-cert-file",
      description = "PEM certificate chain: serve HTTPS (needs --tls-key-file).")
  Path tlsCertFile;

  @Option(
      names = "--tls-key-file",
      description = "PEM private key, unencrypted PKCS#8 (BEGIN PRIVATE KEY), for --tls-cert-file.")
  Path tlsKeyFile;

  @Override
  public Integer call() throws Exception {
    if (!model.resolve("manifest.json").toFile().isFile())
      throw new IllegalArgumentException("no model artifact at " + model);
    ServeLimits limits;
    try {
      limits = ServeLimits.of(maxBodyBytes, maxElements, maxQueue);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--max-body-bytes (>= 1024), --max-elements and --max-queue (>= 1): " + e.getMessage());
    }
    readable(authTokenFile, "--auth-token-file");
    readable(tlsCertFile, "--tls-cert-file");
    readable(tlsKeyFile, "--tls-key-file");
    var settings =
        new InferenceServer.Settings(
            host,
            port,
            limits,
            BearerAuth.from(authTokenFile, System.getenv(BearerAuth.ENV)),
            PemTls.of(tlsCertFile, tlsKeyFile));
    ServedModel served = ServedModel.load(name, model, device);
    var batcher =
        new DynamicBatcher(
            served.forecaster(), maxBatch, maxDelayMs, maxQueue, limits.requestTimeout());
    var server = new InferenceServer(served, batcher, settings);
    System.err.printf(
        "serving %s (%s) on %s://%s:%d/v2/models/%s: backend %s (%s), authentication %s%n",
        name,
        served.version(),
        server.tls() ? "https" : "http",
        host,
        server.port(),
        name,
        served.backend(),
        served.reason(),
        settings.auth().isPresent() ? "bearer token" : "none");
    var stopping = new AtomicBoolean();
    var stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stopping.set(true);
                  try {
                    server.close();
                    served.close();
                  } catch (Exception e) {
                    System.err.println("error while stopping: " + e);
                  }
                  stopped.countDown();
                },
                "serve-shutdown"));
    // A batcher that stopped (an Error in a model call) cannot serve again: exit, so that the
    // supervisor restarts the process, instead of answering 503 until someone notices.
    while (!stopped.await(1, TimeUnit.SECONDS)) {
      if (!batcher.live() && !stopping.get()) {
        System.err.println("error: " + batcher.notServingReason() + "; exiting");
        return 70;
      }
    }
    return 0;
  }

  private static void readable(Path file, String flag) {
    if (file != null && !Files.isReadable(file))
      throw new IllegalArgumentException(flag + " " + file + " is not a readable file");
  }
}
