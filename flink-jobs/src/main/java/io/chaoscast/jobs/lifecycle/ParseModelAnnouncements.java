package io.chaoscast.jobs.lifecycle;

import io.chaoscast.connectors.schema.DeadLetter;
import io.chaoscast.connectors.schema.DeadLetterReason;
import io.chaoscast.connectors.schema.SourceRecord;
import io.chaoscast.connectors.serde.InvalidRecordException;
import io.chaoscast.connectors.serde.JsonRecords;
import io.chaoscast.jobs.config.JobConfig.ModelEntry;
import io.chaoscast.jobs.metrics.DeadLetterCounters;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Reads the models control topic ({@link ModelAnnouncementParser}). An announcement passes only if
 * it names a configured model, its path lies under {@code model_root} (see {@link ModelRoot};
 * relative paths are taken relative to it) and its artifact loads on that model's device and fits
 * the job's context length (checked once here, so a bad one becomes one dead letter with the reason
 * rather than a failure in every subtask); anything else goes to the dead-letter topic.
 */
public final class ParseModelAnnouncements
    extends ProcessFunction<SourceRecord, ModelAnnouncement> {

  private static final long serialVersionUID = 1L;

  private final ModelSetup setup;
  private transient ModelAnnouncementParser parser;
  private transient DeadLetterCounters deadLetters;

  public ParseModelAnnouncements(ModelSetup setup) {
    this.setup = setup;
  }

  @Override
  public void open(OpenContext openContext) {
    parser =
        new ModelAnnouncementParser(
            setup.models().stream().map(ModelEntry::name).collect(Collectors.toSet()));
    deadLetters = new DeadLetterCounters(getRuntimeContext().getMetricGroup());
  }

  @Override
  public void processElement(SourceRecord record, Context ctx, Collector<ModelAnnouncement> out) {
    ModelAnnouncement a;
    try {
      a = parser.parse(record);
    } catch (InvalidRecordException e) {
      reject(ctx, record, e.reason(), e.getMessage());
      return;
    }
    String name = JsonRecords.excerpt(a.name());
    String realPath;
    try {
      realPath = setup.modelRoot().announced(a.path()).toString();
    } catch (IllegalArgumentException e) {
      reject(ctx, record, DeadLetterReason.INVALID_FIELD, "model " + name + ": " + e.getMessage());
      return;
    }
    String problem =
        ModelLoader.check(setup.entry(a.name()).orElseThrow(), realPath, setup.contextLength());
    if (problem != null) {
      reject(ctx, record, DeadLetterReason.INVALID_FIELD, "model " + name + ": " + problem);
      return;
    }
    // The real path, so the subtasks load what was checked even if a link is swapped later.
    out.collect(new ModelAnnouncement(a.name(), realPath, a.version()));
  }

  private void reject(Context ctx, SourceRecord record, DeadLetterReason reason, String message) {
    deadLetters.send(new DeadLetter(reason, message, null, record), ctx::output);
  }
}
