/**
 * Command logic behind {@code ./forecaster systems|simulate|analyze}, as plain classes whose
 * methods return results (the picocli launcher in flink-jobs only parses arguments and prints). CSV
 * files have a header; the first column is time in seconds, the others are channels.
 */
package io.chaoscast.models.cli;
