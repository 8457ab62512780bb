package io.chaoscast.models.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FftTest {

  @Test
  void matchesADirectDiscreteFourierTransform() {
    int n = 64;
    SplittableRandom r = new SplittableRandom(5);
    double[] re = new double[n], im = new double[n];
    for (int i = 0; i < n; i++) {
      re[i] = r.nextGaussian();
      im[i] = r.nextGaussian();
    }
    double[] xr = re.clone(), xi = im.clone();
    Fft.transform(xr, xi);
    for (int k = 0; k < n; k++) {
      double sr = 0, si = 0;
      for (int j = 0; j < n; j++) {
        double a = -2 * Math.PI * k * j / n;
        sr += re[j] * Math.cos(a) - im[j] * Math.sin(a);
        si += re[j] * Math.sin(a) + im[j] * Math.cos(a);
      }
      assertThat(xr[k]).isCloseTo(sr, within(1e-9));
      assertThat(xi[k]).isCloseTo(si, within(1e-9));
    }
  }

  @Test
  void meanPeriodOfASineIsItsPeriod() {
    double[] x = new double[4096];
    for (int i = 0; i < x.length; i++) x[i] = Math.sin(2 * Math.PI * i / 32.0);
    assertThat(Fft.meanPeriod(x)).isCloseTo(32.0, within(1.0));
  }
}
