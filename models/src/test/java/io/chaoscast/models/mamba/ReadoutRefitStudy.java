package io.chaoscast.models.mamba;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.chaoscast.models.training.TrainedModel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Whether the decoder is what limits a trained Mamba's precision: trains the {@code train --model
 * mamba} recipe on the system's bench training series (validation data only, as {@link
 * MambaBudgetStudy}), then replaces the decoder (head 0) by the ridge regression of the next patch
 * on the final hidden states of every token (from the 11th of each window on) of every window of
 * the fitting segment, clean or with the training's input noise, for several penalties, and prints
 * the validation score of each. Answer of 2026-12-03 (docs/bench/mamba-budget-validation.txt): no,
 * the refitted decoder scores within 0.03 LT of the trained one.
 *
 * <pre>
 * java -cp ... io.chaoscast.models.mamba.ReadoutRefitStudy SYSTEM SEED EPOCHS OUT
 * </pre>
 */
public final class ReadoutRefitStudy {

  private ReadoutRefitStudy() {}

  public static void main(String[] args) throws Exception {
    String system = args[0];
    long seed = Long.parseLong(args[1]);
    int epochs = Integer.parseInt(args[2]);
    Path out = Path.of(args[3]);
    ValidationSplit split = ValidationSplit.of(system);
    int context = split.context();
    TrainedModel t =
        MambaTrainer.train(
            split.train(),
            split.trainEnd(),
            context,
            ValidationSplit.HORIZON,
            MambaTrainer.Options.defaults(epochs, seed),
            out.resolve(system + "__seed" + seed),
            System.err);
    MambaForecaster m = (MambaForecaster) t.forecaster();
    split.report("sgd head", m);
    MambaNetwork net = m.network();
    PatchTokens tok = m.config().tokens();
    double[][] fit = Arrays.copyOfRange(split.train().values(), 0, split.trainEnd());
    Parameter w = net.head().getParameters().get("weight");
    Parameter b = net.head().getParameters().get("bias");
    float[] w0 = w.getArray().toFloatArray();
    float[] b0 = b.getArray().toFloatArray();
    for (double noise : new double[] {0, 0.01}) {
      double[][][] xy = features(m, tok, fit, context, noise, new SplittableRandom(seed));
      for (double alpha : new double[] {1e-9, 1e-7, 1e-5, 1e-3}) {
        double[][] sol = ridge(xy[0], xy[1], alpha);
        int d = sol.length - 1;
        int pd = sol[0].length;
        float[] wf = new float[pd * d];
        float[] bf = new float[pd];
        for (int o = 0; o < pd; o++) {
          for (int i = 0; i < d; i++) wf[o * d + i] = (float) sol[i][o];
          bf[o] = (float) sol[d][o];
        }
        w.getArray().set(wf);
        b.getArray().set(bf);
        split.report(String.format(Locale.ROOT, "ridge noise %.2f alpha %.0e", noise, alpha), m);
      }
    }
    w.getArray().set(w0);
    b.getArray().set(b0);
    m.close();
  }

  /** Rows: [h, 1] features of tokens 10.. of every window of the fitting segment; targets. */
  static double[][][] features(
      MambaForecaster m,
      PatchTokens tok,
      double[][] fit,
      int context,
      double noise,
      SplittableRandom rng) {
    int len = context + tok.patch();
    int windows = fit.length - len + 1;
    int tpw = tok.tokensIn(context);
    int f = tok.tokenDim();
    int pd = tok.patchDim();
    int e = context - 1;
    int skip = 10;
    float[] x = new float[windows * tpw * f];
    double[][] y = new double[windows * (tpw - skip)][pd];
    float[] target = new float[pd];
    for (int s = 0; s < windows; s++) {
      double[][] raw = Arrays.copyOfRange(fit, s, s + len);
      double[][] z = m.scaling().of(raw, context).apply(raw);
      double[][] in = noise > 0 ? MambaTrainer.noisy(z, e, noise, rng) : z;
      for (int k = 0; k < tpw; k++) {
        int end = e - (tpw - 1 - k) * tok.patch();
        tok.token(in, end, x, (s * tpw + k) * f);
        if (k >= skip) {
          tok.target(z, end, target, 0);
          for (int c = 0; c < pd; c++) y[s * (tpw - skip) + k - skip][c] = target[c];
        }
      }
    }
    try (NDManager mgr = m.model().getNDManager().newSubManager()) {
      NDArray h =
          m.network()
              .hidden(
                  new ParameterStore(mgr, false), mgr.create(x, new Shape(windows, tpw, f)), false);
      int dm = (int) h.getShape().get(2);
      float[] hv = h.toFloatArray();
      double[][] feats = new double[windows * (tpw - skip)][dm + 1];
      for (int s = 0; s < windows; s++) {
        for (int k = skip; k < tpw; k++) {
          double[] row = feats[s * (tpw - skip) + k - skip];
          for (int i = 0; i < dm; i++) row[i] = hv[(s * tpw + k) * dm + i];
          row[dm] = 1;
        }
      }
      return new double[][][] {feats, y};
    }
  }

  /** (X^T X + alpha n I) W = X^T Y, bias column unpenalised. */
  static double[][] ridge(double[][] x, double[][] y, double alpha) {
    int n = x.length;
    int p = x[0].length;
    int q = y[0].length;
    DMatrixRMaj xm = new DMatrixRMaj(x);
    DMatrixRMaj ym = new DMatrixRMaj(y);
    DMatrixRMaj g = new DMatrixRMaj(p, p);
    CommonOps_DDRM.multTransA(xm, xm, g);
    for (int i = 0; i < p - 1; i++) g.add(i, i, alpha * n);
    DMatrixRMaj r = new DMatrixRMaj(p, q);
    CommonOps_DDRM.multTransA(xm, ym, r);
    DMatrixRMaj sol = new DMatrixRMaj(p, q);
    if (!CommonOps_DDRM.solve(g, r, sol)) throw new IllegalStateException("singular");
    double[][] out = new double[p][q];
    for (int i = 0; i < p; i++) for (int j = 0; j < q; j++) out[i][j] = sol.get(i, j);
    return out;
  }
}
