package io.dataexport.emulator.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataexport.emulator.http.ODataException;
import io.dataexport.emulator.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ServiceProtectionTest {
  private static final String CLIENT = "export-service";
  private static final Duration WINDOW = Duration.ofSeconds(300);

  private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T10:00:00Z"));
  private final ServiceProtection protection = new ServiceProtection(clock);

  @Test
  void isOffByDefaultAndAdmitsEverything() {
    assertThat(protection.enabled()).isFalse();
    assertThat(protection.limits()).isEmpty();

    for (int i = 0; i < 10_000; i++) {
      protection.admit(CLIENT);
    }
    assertThat(protection.throttledRequests()).isZero();
  }

  @Test
  void dataverseDefaultsAreTheDocumentedLimits() {
    ServiceProtectionLimits limits = ServiceProtectionLimits.dataverseDefaults();

    assertThat(limits.maxRequests()).isEqualTo(6000);
    assertThat(limits.maxExecutionTime()).isEqualTo(Duration.ofMillis(1_200_000));
    assertThat(limits.maxConcurrentRequests()).isEqualTo(52);
    assertThat(limits.window()).isEqualTo(Duration.ofSeconds(300));
  }

  @Test
  void invalidLimitsAreReportedTogether() {
    assertThatThrownBy(
            () -> new ServiceProtectionLimits(0, Duration.ZERO, -1, Duration.ofMillis(1500)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxRequests must be 1 or more, was 0")
        .hasMessageContaining("maxExecutionTime must be at least 1 ms")
        .hasMessageContaining("maxConcurrentRequests must be 1 or more, was -1")
        .hasMessageContaining("window must be a whole number of seconds");
  }

  @Test
  void enableAndDisableAreReported() {
    ServiceProtectionLimits limits = ServiceProtectionLimits.dataverseDefaults();

    protection.enable(limits);
    assertThat(protection.enabled()).isTrue();
    assertThat(protection.limits()).contains(limits);

    protection.disable();
    assertThat(protection.enabled()).isFalse();
    assertThat(protection.limits()).isEmpty();
  }

  @Test
  void requestOverTheRequestLimitGets429WithRetryAfterUntilTheOldestLeavesTheWindow() {
    protection.enable(limits(3, Duration.ofMinutes(20), 52));
    admitAndClose(1);
    clock.advance(Duration.ofSeconds(100));
    admitAndClose(2);

    ODataException refused = refusal(CLIENT);

    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.code()).isEqualTo("0x80072322");
    assertThat(refused.getMessage())
        .isEqualTo("Number of requests exceeded the limit of 3 over time window of 300 seconds.");
    assertThat(refused.headers()).containsEntry("Retry-After", "200");
    assertThat(protection.throttledRequests()).isEqualTo(1);
  }

  @Test
  void slidingWindowFreesCapacityAsOldRequestsLeaveIt() {
    protection.enable(limits(3, Duration.ofMinutes(20), 52));
    admitAndClose(1);
    clock.advance(Duration.ofSeconds(100));
    admitAndClose(2);
    refusal(CLIENT);

    clock.advance(Duration.ofSeconds(200));

    assertThatCode(() -> admitAndClose(1)).doesNotThrowAnyException();
    assertThat(refusal(CLIENT).code()).isEqualTo("0x80072322");
  }

  @Test
  void refusedRequestsDoNotCountTowardsTheLimit() {
    protection.enable(limits(2, Duration.ofMinutes(20), 52));
    admitAndClose(2);
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofSeconds(50));
      refusal(CLIENT);
    }

    clock.advance(Duration.ofSeconds(50));

    assertThatCode(() -> admitAndClose(2)).doesNotThrowAnyException();
    assertThat(protection.throttledRequests()).isEqualTo(5);
  }

  @Test
  void combinedExecutionTimeOverTheLimitGets429WithRetryAfter() {
    protection.enable(limits(100, Duration.ofSeconds(10), 52));
    runFor(Duration.ofSeconds(4)); // ends at t=4s
    runFor(Duration.ofSeconds(6)); // ends at t=10s, total 10s

    ODataException refused = refusal(CLIENT);

    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.code()).isEqualTo("0x80072321");
    assertThat(refused.getMessage())
        .isEqualTo(
            "Combined execution time of incoming requests exceeded limit of 10000 milliseconds"
                + " over time window of 300 seconds.");
    // The first execution (ended at t=4s) leaves the window at t=304s; it is now t=10s.
    assertThat(refused.headers()).containsEntry("Retry-After", "294");
  }

  @Test
  void executionTimeLeavesTheWindowWithTheRequestsThatSpentIt() {
    protection.enable(limits(100, Duration.ofSeconds(10), 52));
    runFor(Duration.ofSeconds(4));
    runFor(Duration.ofSeconds(6));
    refusal(CLIENT);

    clock.advance(Duration.ofSeconds(294));

    assertThatCode(() -> protection.admit(CLIENT).close()).doesNotThrowAnyException();
  }

  @Test
  void concurrentRequestsOverTheLimitGet429AndCloseReleasesTheSlot() {
    protection.enable(limits(100, Duration.ofMinutes(20), 2));
    ServiceProtection.Admission first = protection.admit(CLIENT);
    protection.admit(CLIENT);

    ODataException refused = refusal(CLIENT);

    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.code()).isEqualTo("0x80072326");
    assertThat(refused.getMessage())
        .isEqualTo("Number of concurrent requests exceeded the limit of 2.");
    assertThat(refused.headers()).containsEntry("Retry-After", "1");

    first.close();
    assertThatCode(() -> protection.admit(CLIENT)).doesNotThrowAnyException();
  }

  @Test
  void closingAnAdmissionTwiceFreesOnlyOneSlot() {
    protection.enable(limits(100, Duration.ofMinutes(20), 2));
    ServiceProtection.Admission first = protection.admit(CLIENT);
    protection.admit(CLIENT);
    first.close();
    first.close();

    protection.admit(CLIENT);

    assertThat(refusal(CLIENT).code()).isEqualTo("0x80072326");
  }

  @Test
  void limitsAreCountedPerClient() {
    protection.enable(limits(1, Duration.ofMinutes(20), 52));
    protection.admit(CLIENT).close();
    refusal(CLIENT);

    assertThatCode(() -> protection.admit("another-client").close()).doesNotThrowAnyException();
  }

  @Test
  void disableLiftsTheLimits() {
    protection.enable(limits(1, Duration.ofMinutes(20), 1));
    protection.admit(CLIENT);
    refusal(CLIENT);

    protection.disable();

    assertThatCode(() -> admitAndClose(10)).doesNotThrowAnyException();
    assertThat(protection.throttledRequests()).isEqualTo(1);
  }

  @Test
  void concurrentLimitHoldsUnderManyVirtualThreads() throws Exception {
    protection.enable(limits(10_000, Duration.ofMinutes(20), 10));
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger refused = new AtomicInteger();
    List<Future<ServiceProtection.Admission>> attempts = new ArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 200; i++) {
        attempts.add(
            threads.submit(
                () -> {
                  start.await();
                  try {
                    return protection.admit(CLIENT);
                  } catch (ODataException e) {
                    refused.incrementAndGet();
                    return null;
                  }
                }));
      }
      start.countDown();
    }

    long admitted = attempts.stream().filter(f -> f.resultNow() != null).count();
    assertThat(admitted).isEqualTo(10);
    assertThat(refused.get()).isEqualTo(190);
    assertThat(protection.throttledRequests()).isEqualTo(190);
  }

  private ServiceProtectionLimits limits(int requests, Duration executionTime, int concurrent) {
    return new ServiceProtectionLimits(requests, executionTime, concurrent, WINDOW);
  }

  private void admitAndClose(int count) {
    for (int i = 0; i < count; i++) {
      protection.admit(CLIENT).close();
    }
  }

  private void runFor(Duration executionTime) {
    try (ServiceProtection.Admission ignored = protection.admit(CLIENT)) {
      clock.advance(executionTime);
    }
  }

  private ODataException refusal(String client) {
    try {
      protection.admit(client).close();
    } catch (ODataException e) {
      return e;
    }
    throw new AssertionError("expected " + client + " to be throttled");
  }
}
