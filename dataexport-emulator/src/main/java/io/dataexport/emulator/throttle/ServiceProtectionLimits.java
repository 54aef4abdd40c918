package io.dataexport.emulator.throttle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Dataverse service-protection limits, each counted per client over a sliding window.
 *
 * @param maxRequests requests a client may start within the window
 * @param maxExecutionTime combined execution time of a client's requests within the window
 * @param maxConcurrentRequests requests of a client in flight at the same time
 * @param window length of the sliding window; whole seconds, at least one
 */
public record ServiceProtectionLimits(
    int maxRequests, Duration maxExecutionTime, int maxConcurrentRequests, Duration window) {

  /** Validates all fields and reports every problem together. */
  public ServiceProtectionLimits {
    List<String> problems = new ArrayList<>();
    if (maxRequests < 1) {
      problems.add("maxRequests must be 1 or more, was " + maxRequests);
    }
    if (maxExecutionTime == null || maxExecutionTime.toMillis() < 1) {
      problems.add(
          "maxExecutionTime must be at least 1 ms (Dataverse: PT20M), was " + maxExecutionTime);
    }
    if (maxConcurrentRequests < 1) {
      problems.add("maxConcurrentRequests must be 1 or more, was " + maxConcurrentRequests);
    }
    if (window == null || window.getSeconds() < 1 || window.getNano() != 0) {
      problems.add(
          "window must be a whole number of seconds, at least PT1S (Dataverse: PT5M), was "
              + window);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "Invalid service-protection limits: " + String.join("; ", problems) + ".");
    }
  }

  /** Dataverse's limits: 6,000 requests, 1,200,000 ms execution time, 52 concurrent, 300 s. */
  public static ServiceProtectionLimits dataverseDefaults() {
    return new ServiceProtectionLimits(
        6000, Duration.ofMillis(1_200_000), 52, Duration.ofSeconds(300));
  }
}
