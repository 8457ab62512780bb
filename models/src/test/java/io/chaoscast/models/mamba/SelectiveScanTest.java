package io.chaoscast.models.mamba;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/**
 * The training scan ({@link SelectiveSsm#scan}) against the one it replaced, which indexed token t
 * out of the whole {@code [B, T, E, N]} tensors: the same states and the same gradients, so a seed
 * trains the same model as before, only faster (docs/bench/trainer-speed.txt).
 */
class SelectiveScanTest {

  /** Equal values (0 and -0 alike: the old gradients were sums over zero-filled ones). */
  private static final org.assertj.core.data.Offset<Float> EXACTLY = within(0f);

  @Test
  void splitScanShouldGiveExactlyTheIndexedScansStatesAndGradients() {
    Engine engine = DjlRuntime.engine();
    engine.setRandomSeed(7);
    try (NDManager m = engine.newBaseManager()) {
      Shape shape = new Shape(3, 9, 4, 5); // B, T, E, N
      NDArray aBar = m.randomUniform(0.5f, 1f, shape); // exp(Delta A) with A < 0: in (0, 1)
      NDArray bBarU = m.randomNormal(shape);
      NDArray weights = m.randomNormal(shape); // a loss that reads every state differently

      Result reference = run(aBar, bBarU, weights, SelectiveScanTest::indexedScan);
      Result split = run(aBar, bBarU, weights, (a, b) -> SelectiveSsm.scan(a, b));

      assertThat(split.states).containsExactly(reference.states, EXACTLY);
      assertThat(split.last).containsExactly(reference.last, EXACTLY);
      assertThat(split.aGradient).containsExactly(reference.aGradient, EXACTLY);
      assertThat(split.buGradient).containsExactly(reference.buGradient, EXACTLY);
      assertThat(reference.aGradient).isNotEqualTo(new float[reference.aGradient.length]);
    }
  }

  private interface ScanFunction {
    SelectiveSsm.Scan apply(NDArray aBar, NDArray bBarU);
  }

  private record Result(float[] states, float[] last, float[] aGradient, float[] buGradient) {}

  private static Result run(NDArray aBar, NDArray bBarU, NDArray weights, ScanFunction scan) {
    try (NDManager m = aBar.getManager().newSubManager()) {
      NDArray a = aBar.duplicate();
      NDArray bu = bBarU.duplicate();
      a.attach(m);
      bu.attach(m);
      a.setRequiresGradient(true);
      bu.setRequiresGradient(true);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        SelectiveSsm.Scan s = scan.apply(a, bu);
        gc.backward(s.states().mul(weights).sum().add(s.last().sum()));
        return new Result(
            s.states().toFloatArray(),
            s.last().toFloatArray(),
            a.getGradient().toFloatArray(),
            bu.getGradient().toFloatArray());
      }
    }
  }

  /** The scan as SelectiveSsm.prefill ran it before: token i indexed out of the whole tensors. */
  private static SelectiveSsm.Scan indexedScan(NDArray aBar, NDArray bBarU) {
    Shape s = aBar.getShape();
    NDArray h = aBar.getManager().zeros(new Shape(s.get(0), s.get(2), s.get(3)));
    NDList states = new NDList();
    for (int i = 0; i < s.get(1); i++) {
      h = aBar.get(new NDIndex(":, {}", i)).mul(h).add(bBarU.get(new NDIndex(":, {}", i)));
      states.add(h);
    }
    return new SelectiveSsm.Scan(NDArrays.stack(states, 1), h);
  }
}
