package io.chaoscast.models.mamba;

/**
 * Prints {@link NvarResidualChoice}'s decision for each system's bench training series (never the
 * test series): the NVAR's reach over the fitting segment and whether it becomes a Mamba's base.
 * Args: SYSTEM...
 */
public final class NvarReachStudy {
  public static void main(String[] systems) {
    for (String system : systems) {
      ValidationSplit split = ValidationSplit.of(system);
      NvarResidualChoice.Choice c =
          NvarResidualChoice.choose(
              split.train(), split.trainEnd(), split.context(), ValidationSplit.HORIZON, 5);
      System.out.printf(
          "%-13s %s: %s%n", system, c.residual() == null ? "plain " : "hybrid", c.reason());
    }
  }
}
