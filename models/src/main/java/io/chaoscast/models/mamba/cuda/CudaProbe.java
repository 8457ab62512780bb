package io.chaoscast.models.mamba.cuda;

import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDriverGetVersion;
import static jcuda.driver.JCudaDriver.cuInit;

import java.util.Optional;
import jcuda.CudaException;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.JCudaDriver;

/**
 * Finds out whether the CUDA engine can run here: loads JCuda's driver binding (which links
 * libcuda.so.1), calls cuInit and checks that device 0 has compute capability 8.0 or more (the
 * committed PTX targets compute_80). Never throws: an absent driver is a reason, not an error.
 */
public final class CudaProbe {

  /** The PTX targets compute_80: A100, H100, H200 and newer. */
  public static final int MIN_COMPUTE_CAPABILITY = 80;

  /** Device 0 as found: name, compute capability (major * 10 + minor) and driver version. */
  public record Device(String name, int computeCapability, int driverVersion) {
    @Override
    public String toString() {
      return name
          + " (sm_"
          + computeCapability
          + ", CUDA driver "
          + driverVersion / 1000
          + "."
          + (driverVersion % 1000) / 10
          + ")";
    }
  }

  /** Either a device or the reason there is none. */
  public record Result(Optional<Device> device, String reason) {
    public boolean available() {
      return device.isPresent();
    }
  }

  private CudaProbe() {}

  /**
   * Initialises the driver once per JVM (a class whose initialisation failed cannot be retried, so
   * the first failure is kept as a constant): null when cuInit succeeded, else the reason.
   */
  private static final class Driver {
    static final String FAILURE = init();

    private static String init() {
      if (!Libcuda.present()) {
        return "no CUDA driver: libcuda.so.1 not found (searched LD_LIBRARY_PATH, "
            + String.join(", ", Libcuda.DIRECTORIES)
            + " and /etc/ld.so.cache)";
      }
      try {
        JCudaDriver.setExceptionsEnabled(true);
        cuInit(0);
        return null;
      } catch (LinkageError e) {
        String why = causes(e);
        if (why.contains("libcuda")) {
          return "no CUDA driver: libcuda.so.1 not found (" + firstLine(why) + ")";
        }
        return "no CUDA driver: the JCuda driver binding failed to load (" + firstLine(why) + ")";
      } catch (CudaException e) {
        return "CUDA driver present but cuInit failed: " + e.getMessage();
      }
    }
  }

  public static Result probe() {
    if (Driver.FAILURE != null) return none(Driver.FAILURE);
    try {
      int[] count = {0};
      cuDeviceGetCount(count);
      if (count[0] < 1) return none("CUDA driver present but no CUDA device is visible");
      CUdevice dev = new CUdevice();
      cuDeviceGet(dev, 0);
      int[] major = {0};
      int[] minor = {0};
      cuDeviceGetAttribute(
          major, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, dev);
      cuDeviceGetAttribute(
          minor, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, dev);
      byte[] name = new byte[256];
      cuDeviceGetName(name, name.length, dev);
      int[] version = {0};
      cuDriverGetVersion(version);
      Device d = new Device(cString(name), major[0] * 10 + minor[0], version[0]);
      if (d.computeCapability() < MIN_COMPUTE_CAPABILITY) {
        return none(
            "CUDA device " + d + " is older than compute capability 8.0, which the PTX needs");
      }
      return new Result(Optional.of(d), "CUDA device " + d);
    } catch (CudaException e) {
      return none("CUDA driver present but querying device 0 failed: " + e.getMessage());
    }
  }

  private static Result none(String reason) {
    return new Result(Optional.empty(), reason);
  }

  private static String causes(Throwable t) {
    StringBuilder sb = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) sb.append(c).append('\n');
    return sb.toString();
  }

  private static String firstLine(String s) {
    for (String line : s.split("\n")) {
      if (line.contains("libcuda")) return line.trim();
    }
    return s.split("\n")[0].trim();
  }

  private static String cString(byte[] b) {
    int n = 0;
    while (n < b.length && b[n] != 0) n++;
    return new String(b, 0, n, java.nio.charset.StandardCharsets.US_ASCII);
  }
}
