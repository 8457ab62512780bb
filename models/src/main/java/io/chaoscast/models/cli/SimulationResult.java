package io.chaoscast.models.cli;

import java.nio.file.Path;

/** What {@code ./forecaster simulate} wrote. */
public record SimulationResult(String system, int points, double dtSeconds, Path file) {}
