/**
 * PNG charts for the reports the commands write (bench, alerts-eval, loadtest), drawn with
 * JFreeChart: stacked panels sharing one x axis, each with line or point series, horizontal
 * threshold lines and shaded intervals.
 */
package io.chaoscast.models.charts;
