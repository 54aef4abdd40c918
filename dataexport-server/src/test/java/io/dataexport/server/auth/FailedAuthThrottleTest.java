package io.dataexport.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FailedAuthThrottleTest {
  private final FailedAuthThrottle throttle = new FailedAuthThrottle();
  private final Instant now = Instant.parse("2026-12-05T10:00:00Z");

  @Test
  void anAddressWaitsAfterTenFailuresTwiceAsLongForEachFurtherOneUpToFiveMinutes() {
    for (int i = 1; i < FailedAuthThrottle.ALLOWED; i++) {
      throttle.failed("10.0.0.1", now);
    }
    assertThat(throttle.waitFor("10.0.0.1", now)).isEmpty();

    throttle.failed("10.0.0.1", now);
    assertThat(throttle.waitFor("10.0.0.1", now)).contains(Duration.ofSeconds(1));
    throttle.failed("10.0.0.1", now);
    assertThat(throttle.waitFor("10.0.0.1", now)).contains(Duration.ofSeconds(2));
    for (int i = 0; i < 30; i++) {
      throttle.failed("10.0.0.1", now);
    }
    assertThat(throttle.waitFor("10.0.0.1", now)).contains(FailedAuthThrottle.MAX_WAIT);
    assertThat(throttle.waitFor("10.0.0.1", now.plus(FailedAuthThrottle.MAX_WAIT))).isEmpty();
  }

  @Test
  void otherAddressesAreNeverSlowedAndASuccessClearsAnAddress() {
    for (int i = 0; i < 20; i++) {
      throttle.failed("10.0.0.1", now);
    }
    assertThat(throttle.waitFor("10.0.0.2", now)).isEmpty();

    throttle.succeeded("10.0.0.1");
    assertThat(throttle.waitFor("10.0.0.1", now)).isEmpty();
  }
}
