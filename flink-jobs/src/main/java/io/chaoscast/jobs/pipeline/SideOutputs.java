package io.chaoscast.jobs.pipeline;

import io.chaoscast.connectors.schema.Alert;
import io.chaoscast.connectors.schema.DeadLetter;
import io.chaoscast.connectors.schema.Forecast;
import io.chaoscast.jobs.drift.ServedRolloutFailure;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/** The side outputs every operator of the pipeline may write to. */
public final class SideOutputs {

  public static final OutputTag<DeadLetter> DEAD_LETTERS =
      new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

  public static final OutputTag<Alert> ALERTS =
      new OutputTag<>("alerts", TypeInformation.of(Alert.class));

  /** Forecasts of challenger models: scored by the skill join, never published. */
  public static final OutputTag<Forecast> CHALLENGER_FORECASTS =
      new OutputTag<>("challenger-forecasts", TypeInformation.of(Forecast.class));

  /** Champion forecasts that were not finite, hence not published: fed to the drift monitor. */
  public static final OutputTag<ServedRolloutFailure> SERVED_ROLLOUT_FAILURES =
      new OutputTag<>("served-rollout-failures", TypeInformation.of(ServedRolloutFailure.class));

  private SideOutputs() {}
}
