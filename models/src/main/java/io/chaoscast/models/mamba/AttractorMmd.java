package io.chaoscast.models.mamba;

import ai.djl.ndarray.NDArray;

/**
 * The attractor-geometry regulariser of PhyxMamba (Liu et al. 2025, stage 2): the squared maximum
 * mean discrepancy between the distribution of predicted states and that of true states.
 *
 * <p>MMD^2(X, Y) = E k(x, x') + E k(y, y') - 2 E k(x, y) (Gretton et al. 2012, JMLR 13, Lemma 6),
 * estimated here by the biased V-statistic (ibid., eq. 5: means over all pairs, diagonal included),
 * which is non-negative and differentiable. The kernel is the rational quadratic k(x, y) = (1 + |x
 * - y|^2 / (2 alpha l^2))^-alpha (Rasmussen and Williams 2006, eq. 4.19): a scale mixture of
 * Gaussians, so unlike a single Gaussian it keeps gradients for both near and far pairs.
 */
public final class AttractorMmd {

  private AttractorMmd() {}

  /**
   * MMD^2 between sample sets {@code x: [..., n, d]} and {@code y: [..., m, d]} with matching
   * leading axes; returns {@code [...]}: one value per leading index (a batch of conditional terms,
   * or one pooled unconditional term).
   */
  public static NDArray squared(NDArray x, NDArray y, double alpha, double lengthScale) {
    NDArray kxx = pairMean(kernel(x, x, alpha, lengthScale));
    NDArray kyy = pairMean(kernel(y, y, alpha, lengthScale));
    NDArray kxy = pairMean(kernel(x, y, alpha, lengthScale));
    return kxx.add(kyy).sub(kxy.mul(2f));
  }

  /** Mean over the last two axes (PyTorch's DJL mean reduces one axis at a time). */
  private static NDArray pairMean(NDArray gram) {
    return gram.mean(new int[] {-1}).mean(new int[] {-1});
  }

  /** The rational-quadratic Gram matrix {@code [..., n, m]}. */
  static NDArray kernel(NDArray x, NDArray y, double alpha, double lengthScale) {
    NDArray diff = x.expandDims(-2).sub(y.expandDims(-3)); // [..., n, m, d]
    NDArray sq = diff.square().sum(new int[] {-1});
    // float scalars keep the graph in float32 (a double scalar promotes it to float64)
    return sq.div((float) (2 * alpha * lengthScale * lengthScale)).add(1f).pow((float) -alpha);
  }
}
