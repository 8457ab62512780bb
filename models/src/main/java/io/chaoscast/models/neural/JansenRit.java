package io.chaoscast.models.neural;

import io.chaoscast.models.systems.Flow;

/**
 * Jansen and Rit (1995), "Electroencephalogram and visual evoked potential generation in a
 * mathematical model of coupled cortical columns", Biol. Cybern. 73:357, with the seizure route of
 * Wendling et al. (2000), "Relevance of nonlinear lumped-parameter models in the analysis of
 * depth-EEG epileptic signals", Biol. Cybern. 83:367 (raising the excitatory gain A).
 *
 * <p>Six states (y0..y5), time in seconds, potentials in mV:
 *
 * <pre>
 * y0' = y3,  y3' = A a S(y1 - y2) - 2 a y3 - a^2 y0
 * y1' = y4,  y4' = A a (p + C2 S(C1 y0)) - 2 a y4 - a^2 y1
 * y2' = y5,  y5' = B b C4 S(C3 y0) - 2 b y5 - b^2 y2
 * S(v) = 2 e0 / (1 + exp(r (v0 - v))),  C1 = C, C2 = 0.8 C, C3 = C4 = 0.25 C
 * </pre>
 *
 * The EEG is y1 - y2 (the pyramidal cells' mean membrane potential). As a {@link Flow} the input p
 * is held at {@code inputMean}; {@link JansenRitGenerator} adds the stochastic part.
 *
 * @param excitatoryGain A (mV)
 * @param inhibitoryGain B (mV)
 * @param excitatoryRate a (1/s)
 * @param inhibitoryRate b (1/s)
 * @param connectivity C
 * @param inputMean mean of the extrinsic input p (pulses/s)
 * @param inputNoise intensity sigma of the white-noise part of p (pulses/s times sqrt(s)); the
 *     input is p(t) = inputMean + sigma xi(t) with xi unit white noise
 */
public record JansenRit(
    double excitatoryGain,
    double inhibitoryGain,
    double excitatoryRate,
    double inhibitoryRate,
    double connectivity,
    double inputMean,
    double inputNoise)
    implements Flow {

  /** Sigmoid constants from Jansen and Rit (1995), Table 1. */
  static final double E0 = 2.5, V0 = 6.0, R = 0.56;

  /**
   * Jansen-Rit's standard column (A = 3.25 mV, B = 22 mV, a = 100/s, b = 50/s, C = 135) with mean
   * input 150/s, inside their 120-320/s range, and noise equivalent to an input of standard
   * deviation 22/s redrawn every millisecond. Produces alpha-band (about 10.5 Hz, SD about 1.1 mV)
   * background activity. The input mean is at the low end of the range so that raising the
   * excitatory gain alone crosses into the spiking regime (see {@link #seizure()}).
   */
  public static JansenRit background() {
    return new JansenRit(3.25, 22.0, 100.0, 50.0, 135.0, 150.0, 22.0 * Math.sqrt(1e-3));
  }

  /**
   * The same column with the excitatory gain raised to A = 4.0 mV (the route to epileptic activity
   * of Wendling et al. 2000): rhythmic large spikes at about 5 Hz, SD about 4.9 mV, i.e.
   * seizure-like activity.
   */
  public static JansenRit seizure() {
    return background().withExcitatoryGain(4.0);
  }

  public JansenRit withExcitatoryGain(double a) {
    return new JansenRit(
        a, inhibitoryGain, excitatoryRate, inhibitoryRate, connectivity, inputMean, inputNoise);
  }

  public JansenRit withInput(double mean, double noise) {
    return new JansenRit(
        excitatoryGain, inhibitoryGain, excitatoryRate, inhibitoryRate, connectivity, mean, noise);
  }

  /** Jansen-Rit sigmoid: firing rate for mean membrane potential v. */
  static double sigmoid(double v) {
    return 2.0 * E0 / (1.0 + Math.exp(R * (V0 - v)));
  }

  /** The EEG observable y1 - y2 of a state. */
  public static double eeg(double[] state) {
    return state[1] - state[2];
  }

  @Override
  public String name() {
    return "jansenrit";
  }

  @Override
  public int dimension() {
    return 6;
  }

  @Override
  public void derivative(double[] y, double[] out) {
    derivative(y, inputMean, out);
  }

  /** Writes f(y) for an instantaneous input {@code p}. */
  public void derivative(double[] y, double p, double[] out) {
    double aA = excitatoryGain * excitatoryRate;
    double bB = inhibitoryGain * inhibitoryRate;
    double c = connectivity;
    out[0] = y[3];
    out[1] = y[4];
    out[2] = y[5];
    out[3] =
        aA * sigmoid(y[1] - y[2])
            - 2.0 * excitatoryRate * y[3]
            - excitatoryRate * excitatoryRate * y[0];
    out[4] =
        aA * (p + 0.8 * c * sigmoid(c * y[0]))
            - 2.0 * excitatoryRate * y[4]
            - excitatoryRate * excitatoryRate * y[1];
    out[5] =
        bB * 0.25 * c * sigmoid(0.25 * c * y[0])
            - 2.0 * inhibitoryRate * y[5]
            - inhibitoryRate * inhibitoryRate * y[2];
  }

  @Override
  public double[] initialState() {
    return new double[6];
  }

  @Override
  public double integrationStep() {
    return 1e-4;
  }
}
