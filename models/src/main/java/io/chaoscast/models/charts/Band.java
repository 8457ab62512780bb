package io.chaoscast.models.charts;

/** A shaded x interval: an alert that was open, a known change, a warm-up. */
public record Band(String label, double from, double to) {}
