package io.chaoscast.jobjar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Flink's REST API as a user's tooling calls it: upload the jar, run it, watch the job, stop it
 * with a savepoint. Only the endpoints the cluster tests need.
 */
final class FlinkRest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  FlinkRest(String base) {
    this.base = base;
  }

  /** Waits until the JobManager answers and {@code taskManagers} TaskManagers registered. */
  void awaitTaskManagers(int taskManagers, Duration timeout) throws InterruptedException {
    await(
        "the cluster with " + taskManagers + " TaskManagers",
        timeout,
        () -> get("/taskmanagers").path("taskmanagers").size() >= taskManagers);
  }

  /** POST /jars/upload; returns the jar's id. */
  String upload(Path jar) throws IOException, InterruptedException {
    String boundary = "----chaoscast" + UUID.randomUUID();
    var body = new ByteArrayOutputStream();
    body.write(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                + jar.getFileName()
                + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.write(Files.readAllBytes(jar));
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    JsonNode answer =
        send(
            HttpRequest.newBuilder(URI.create(base + "/jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    String file = answer.path("filename").asText();
    if (file.isEmpty()) {
      throw new IllegalStateException("upload refused: " + answer);
    }
    return Path.of(file).getFileName().toString();
  }

  /**
   * POST /jars/{id}/run; returns the job id.
   *
   * @param savepoint the savepoint to start from, or null
   */
  String run(String jarId, String entryClass, List<String> args, String savepoint)
      throws IOException, InterruptedException {
    ObjectNode request = JSON.createObjectNode().put("entryClass", entryClass);
    args.forEach(request.putArray("programArgsList")::add);
    if (savepoint != null) {
      request.put("savepointPath", savepoint);
    }
    JsonNode answer = post("/jars/" + jarId + "/run", request);
    String job = answer.path("jobid").asText();
    if (job.isEmpty()) {
      throw new IllegalStateException("run refused: " + answer);
    }
    return job;
  }

  JsonNode job(String jobId) throws IOException, InterruptedException {
    return get("/jobs/" + jobId);
  }

  String state(String jobId) throws IOException, InterruptedException {
    return job(jobId).path("state").asText();
  }

  /** True when the job runs and every one of its tasks does. */
  boolean allTasksRunning(String jobId) throws IOException, InterruptedException {
    JsonNode job = job(jobId);
    if (!"RUNNING".equals(job.path("state").asText())) return false;
    for (JsonNode v : job.path("vertices")) {
      if (!"RUNNING".equals(v.path("status").asText())) return false;
    }
    return true;
  }

  JsonNode checkpoints(String jobId) throws IOException, InterruptedException {
    return get("/jobs/" + jobId + "/checkpoints");
  }

  /** Waits for a terminal state and returns it. */
  String awaitTerminal(String jobId, Duration timeout) throws InterruptedException {
    String[] last = {""};
    await(
        "job " + jobId + " to end",
        timeout,
        () -> {
          last[0] = state(jobId);
          return List.of("FINISHED", "FAILED", "CANCELED").contains(last[0]);
        });
    return last[0];
  }

  /** POST /jobs/{id}/stop, then polls until the savepoint is written; returns its path. */
  /**
   * @param drain emit the end-of-input watermark first (every event-time timer fires): for a job
   *     that will not be resumed
   */
  String stopWithSavepoint(String jobId, Path directory, boolean drain, Duration timeout)
      throws IOException, InterruptedException {
    ObjectNode request =
        JSON.createObjectNode()
            .put("targetDirectory", directory.toUri().toString())
            .put("drain", drain);
    String trigger = post("/jobs/" + jobId + "/stop", request).path("request-id").asText();
    JsonNode[] status = {null};
    await(
        "the savepoint of " + jobId,
        timeout,
        () -> {
          status[0] = get("/jobs/" + jobId + "/savepoints/" + trigger);
          return "COMPLETED".equals(status[0].path("status").path("id").asText());
        });
    String location = status[0].path("operation").path("location").asText();
    if (location.isEmpty()) {
      throw new IllegalStateException("savepoint failed: " + status[0]);
    }
    return location;
  }

  /** The resource ids of the TaskManagers running a task of the job. */
  List<String> taskManagersOf(String jobId) throws IOException, InterruptedException {
    List<String> ids = new java.util.ArrayList<>();
    for (JsonNode v : job(jobId).path("vertices")) {
      JsonNode tms = get("/jobs/" + jobId + "/vertices/" + v.path("id").asText() + "/taskmanagers");
      for (JsonNode tm : tms.path("taskmanagers")) {
        String id = tm.path("taskmanager-id").asText();
        if (!ids.contains(id)) ids.add(id);
      }
    }
    return ids;
  }

  String exceptions(String jobId) {
    try {
      return get("/jobs/" + jobId + "/exceptions").toString();
    } catch (Exception e) {
      return e.toString();
    }
  }

  JsonNode get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  private JsonNode post(String path, JsonNode body) throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new IOException(
          response.request().method()
              + " "
              + response.request().uri()
              + " -> "
              + response.statusCode()
              + ": "
              // the server's stack trace is long; its first lines say what went wrong
              + response.body().substring(0, Math.min(response.body().length(), 3000)));
    }
    return JSON.readTree(response.body());
  }

  interface Check {
    boolean holds() throws Exception;
  }

  /** Polls {@code check} every 200 ms; connection errors count as "not yet". */
  static void await(String what, Duration timeout, Check check) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        if (check.holds()) return;
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        last = e;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("timed out after " + timeout + " waiting for " + what, last);
  }
}
