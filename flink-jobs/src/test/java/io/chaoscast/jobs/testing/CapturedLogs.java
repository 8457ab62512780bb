package io.chaoscast.jobs.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Everything logged in this JVM while open, as text with stack traces: the root logger's events,
 * and the named loggers' from INFO up (where Kafka prints its client configurations), which still
 * reach the console only from WARN up.
 */
public final class CapturedLogs implements AutoCloseable {

  private final List<String> lines = new ArrayList<>();
  private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
  private final Appender appender;
  private final List<String> loggers;

  public CapturedLogs(String... infoLoggers) {
    this.loggers = List.of(infoLoggers);
    appender =
        new AbstractAppender("captured", null, null, true, Property.EMPTY_ARRAY) {
          @Override
          public void append(LogEvent event) {
            StringWriter text = new StringWriter();
            text.append(event.getLoggerName())
                .append(' ')
                .append(event.getMessage().getFormattedMessage());
            if (event.getThrown() != null) {
              text.append('\n');
              event.getThrown().printStackTrace(new PrintWriter(text));
            }
            synchronized (lines) {
              lines.add(text.toString());
            }
          }
        };
    appender.start();
    Configuration config = context.getConfiguration();
    config.addAppender(appender);
    config.getRootLogger().addAppender(appender, Level.ALL, null);
    Appender console = config.getAppender("console");
    for (String name : loggers) {
      LoggerConfig logger = new LoggerConfig(name, Level.INFO, false);
      logger.addAppender(appender, Level.ALL, null);
      if (console != null) logger.addAppender(console, Level.WARN, null);
      config.addLogger(name, logger);
    }
    context.updateLoggers();
  }

  /** Every line so far, in order. */
  public List<String> lines() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  @Override
  public void close() {
    Configuration config = context.getConfiguration();
    for (String name : loggers) config.removeLogger(name);
    config.getRootLogger().removeAppender(appender.getName());
    context.updateLoggers();
    appender.stop();
  }
}
