package io.dataexport.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.error.PermanentException;
import io.dataexport.api.error.RetriableException;
import io.dataexport.api.error.UnavailableException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void retryCountIsTheNumberOfTriesInTotalTheFirstIncluded() {
    RetryPolicy policy = new RetryPolicy(3, Duration.ofSeconds(5));

    assertThat(policy.triesLeft(1)).isTrue();
    assertThat(policy.triesLeft(2)).isTrue();
    assertThat(policy.triesLeft(3)).isFalse();
  }

  @Test
  void retryCountZeroGivesUpAtTheFirstFailureLikeOne() {
    assertThat(RetryPolicy.of(profile(0)).maxTries()).isEqualTo(1);
    assertThat(RetryPolicy.of(profile(0)).triesLeft(1)).isFalse();
    assertThat(RetryPolicy.of(profile(1)).triesLeft(1)).isFalse();
  }

  @Test
  void theNextTryIsDueOneIntervalAfterAFailure() {
    Instant failed = Instant.parse("2025-01-01T00:00:00Z");

    assertThat(RetryPolicy.of(profile(12)).nextTry(failed)).isEqualTo(failed.plusSeconds(7));
  }

  @Test
  void aTryCountsUnlessTheDestinationTookNothingOrIsSetUpWrongly() {
    assertThat(RetryPolicy.countsAsTry(new PermanentException("check constraint", null))).isTrue();
    assertThat(RetryPolicy.countsAsTry(new RetriableException("lock timeout", null))).isTrue();
    assertThat(RetryPolicy.countsAsTry(new IllegalStateException("a bug"))).isTrue();
    assertThat(RetryPolicy.countsAsTry(new UnavailableException("connection refused", null)))
        .isFalse();
    assertThat(RetryPolicy.countsAsTry(new ConfigurationException("permission denied"))).isFalse();
  }

  private static io.dataexport.api.profile.ExportProfile profile(int retryCount) {
    return new io.dataexport.api.profile.ExportProfile(
        "p", null, null, java.util.List.of("account"), java.util.List.of(), retryCount, 7, false);
  }
}
