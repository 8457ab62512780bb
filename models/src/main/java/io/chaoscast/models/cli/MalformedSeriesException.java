package io.chaoscast.models.cli;

import java.io.IOException;

/**
 * A series file that cannot be read as one ({@link CsvSeries}): the user's to fix, so the command
 * line prints its message (file, line and what is wrong) without a stack trace.
 */
public final class MalformedSeriesException extends IOException {

  private static final long serialVersionUID = 1L;

  public MalformedSeriesException(String message) {
    super(message);
  }
}
