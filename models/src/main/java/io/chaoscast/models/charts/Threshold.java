package io.chaoscast.models.charts;

/** A horizontal line across a panel (a detector's threshold, a goal). */
public record Threshold(String label, double y) {}
