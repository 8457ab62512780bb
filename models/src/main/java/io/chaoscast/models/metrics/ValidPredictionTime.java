package io.chaoscast.models.metrics;

/**
 * Valid prediction time (PhyxMamba; Gilpin 2021; Vlachas et al. 2020 use an RMSE variant): with
 * cumulative sMAPE S_t = mean of sMAPE_1..sMAPE_t (0-200 scale, standardised series), the VPT is
 * the number of steps before the first t with S_t > 30, i.e. t* - 1 for the first exceeding step t*
 * (1-based); the whole horizon if none exceeds. Reported in steps, in seconds (steps x dt), and in
 * Lyapunov times (seconds x lambda_1).
 */
public record ValidPredictionTime(int steps, double seconds, double lyapunovTimes) {

  public static final double THRESHOLD = 30.0;

  /**
   * @param dt sampling interval in seconds
   * @param lyapunovExponent lambda_1 per second (NaN if unknown: lyapunovTimes is then NaN)
   */
  public static ValidPredictionTime of(
      double[][] forecast, double[][] actual, double dt, double lyapunovExponent) {
    double[] s = Smape.perStep(forecast, actual);
    double cum = 0;
    int steps = s.length;
    for (int t = 0; t < s.length; t++) {
      cum += s[t];
      if (cum / (t + 1) > THRESHOLD) {
        steps = t;
        break;
      }
    }
    double seconds = steps * dt;
    return new ValidPredictionTime(steps, seconds, seconds * lyapunovExponent);
  }
}
