package io.dataexport.store.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexport.api.store.Lease;
import io.dataexport.api.store.Leases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The compatibility kit of {@link Leases}: one holder at a time, fencing tokens that only grow. */
abstract class LeasesKit extends StoreKit {
  private static final Duration LONG = Duration.ofMinutes(5);
  private static final Duration SHORT = Duration.ofMillis(300);

  private Leases leases;

  @BeforeEach
  void open() {
    leases = store.leases();
  }

  @Test
  void aFreeLeaseIsTakenAndAHeldOneRefused() {
    Lease held = leases.acquire("reader/p/account", "node-a", LONG).orElseThrow();

    assertThat(held.holder()).isEqualTo("node-a");
    assertThat(held.token()).isEqualTo(1);
    assertThat(leases.acquire("reader/p/account", "node-b", LONG)).isEmpty();
    assertThat(leases.acquire("reader/p/contact", "node-b", LONG)).isPresent();
  }

  @Test
  void theHolderExtendsItsLeaseUnderTheSameToken() {
    Lease first = leases.acquire("x", "node-a", LONG).orElseThrow();
    Lease again = leases.acquire("x", "node-a", LONG).orElseThrow();
    Lease renewed = leases.renew(again, LONG).orElseThrow();

    assertThat(again.token()).isEqualTo(first.token());
    assertThat(renewed.token()).isEqualTo(first.token());
    assertThat(renewed.expiresAt()).isAfterOrEqualTo(first.expiresAt());
  }

  @Test
  void aLapsedLeaseGoesToAnotherHolderWithAHigherTokenAndTheOldHolderCannotRenew()
      throws InterruptedException {
    Lease old = leases.acquire("x", "node-a", SHORT).orElseThrow();
    Thread.sleep(SHORT.toMillis() + 200);

    Lease taken = leases.acquire("x", "node-b", LONG).orElseThrow();

    assertThat(taken.token()).isGreaterThan(old.token());
    assertThat(leases.renew(old, LONG)).isEmpty();
    leases.release(old); // a former holder's release leaves the new holder's lease alone
    assertThat(leases.acquire("x", "node-a", LONG)).isEmpty();
  }

  @Test
  void aReleasedLeaseIsFreeAtOnceAndItsTokenKeepsGrowing() {
    Lease first = leases.acquire("x", "node-a", LONG).orElseThrow();
    leases.release(first);

    Lease second = leases.acquire("x", "node-b", LONG).orElseThrow();
    leases.release(second);
    Lease third = leases.acquire("x", "node-a", LONG).orElseThrow();

    assertThat(second.token()).isGreaterThan(first.token());
    assertThat(third.token()).isGreaterThan(second.token());
  }

  @Test
  void ofManyNodesRacingForALeaseExactlyOneWins() throws Exception {
    int nodes = 8;
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Optional<Lease>>> attempts = new ArrayList<>();
    try (var pool = Executors.newFixedThreadPool(nodes)) {
      for (int n = 0; n < nodes; n++) {
        String holder = "node-" + n;
        attempts.add(
            pool.submit(
                () -> {
                  start.await();
                  return leases.acquire("race", holder, LONG);
                }));
      }
      start.countDown();
      long winners = 0;
      for (Future<Optional<Lease>> attempt : attempts) {
        winners += attempt.get().isPresent() ? 1 : 0;
      }
      assertThat(winners).isEqualTo(1);
    }
  }

  @Test
  void leasesAreListedByPrefix() {
    leases.acquire("reader/p1/account", "node-a", LONG);
    leases.acquire("reader/p1/contact", "node-b", LONG);
    leases.acquire("retry/p1", "node-a", LONG);

    assertThat(leases.list("reader/p1/"))
        .extracting(Lease::name)
        .containsExactly("reader/p1/account", "reader/p1/contact");
    assertThat(leases.list("")).hasSize(3);
  }
}
