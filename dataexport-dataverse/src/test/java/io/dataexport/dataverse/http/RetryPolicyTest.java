package io.dataexport.dataverse.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Waits between tries: the server's Retry-After, else a growing, jittered back-off. */
class RetryPolicyTest {
  private final RetryPolicy policy =
      new RetryPolicy(Duration.ofMinutes(2), Duration.ofSeconds(1), Duration.ofSeconds(30));

  @RepeatedTest(20)
  void retryAfterIsWaitedAtLeast() {
    Duration wait = policy.nextWait(1, Duration.ofSeconds(7));

    assertThat(wait).isBetween(Duration.ofSeconds(7), Duration.ofMillis(7250));
  }

  @RepeatedTest(20)
  void backOffGrowsExponentiallyWithJitterUpToItsCeiling() {
    assertThat(policy.nextWait(1, null)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
    assertThat(policy.nextWait(3, null)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
    assertThat(policy.nextWait(30, null)).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(30));
  }

  @Test
  void theTotalWaitIsBounded() {
    assertThat(policy.allows(Duration.ofSeconds(100), Duration.ofSeconds(20))).isTrue();
    assertThat(policy.allows(Duration.ofSeconds(100), Duration.ofSeconds(21))).isFalse();
  }
}
