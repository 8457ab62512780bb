package io.chaoscast.jobs.trainer;

import java.nio.file.Path;

/**
 * A challenger the trainer announced on the models topic.
 *
 * @param slot the configured model it is a new version of
 * @param stream the stream whose history it was trained on
 * @param version its version, as the job's forecasts will carry it ({@code slot/version})
 * @param path its artifact directory in the model store
 * @param json the record as sent
 */
public record Announcement(String slot, String stream, String version, Path path, String json) {}
