package io.chaoscast.jobs.lifecycle;

/**
 * A message on the models control topic: serve the artifact at {@code path} as {@code version} of
 * the configured model {@code name} from now on. Kept in broadcast state, so a restored job serves
 * the versions announced before its checkpoint.
 */
public record ModelAnnouncement(String name, String path, String version) {}
