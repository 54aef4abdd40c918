package io.dataexport.core.service;

import io.dataexport.core.sync.ProfileRuntime;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The starts of profile pipelines under way, so that a deactivation or deletion can call one off
 * instead of waiting for it: opening a profile whose source or destination does not answer retries
 * for minutes (the Dataverse source up to its {@code maxRetryWait}).
 *
 * <p>A start runs on a thread of its own, which calling it off interrupts: the source's and the
 * bus's waits end with a {@link io.dataexport.api.error.RetriableException}, the launcher closes
 * what it opened, and the caller gets a {@link ProfileConflictException}. Calling off lasts until
 * the {@link CallOff} is closed, so a start that begins meanwhile (its caller took the profile's
 * lock first) is called off too. A start that ended just before is not undone here: its runtime is
 * running, and the deactivation or deletion, next to hold the profile's lock, stops it.
 */
final class ProfileStarts {
  private static final Logger LOG = LoggerFactory.getLogger(ProfileStarts.class);

  private final Map<String, Attempt> underWay = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> callingOff = new ConcurrentHashMap<>();

  /**
   * Runs {@code start} on a thread of its own and waits for it. One start of a profile at a time:
   * callers hold the profile's lock ({@link ProfileLocks}).
   *
   * @throws ProfileConflictException when it was called off
   */
  ProfileRuntime run(String profileId, Supplier<ProfileRuntime> start) {
    Attempt attempt = new Attempt();
    underWay.put(profileId, attempt);
    try {
      // after registering: a call-off from now on finds the attempt, one from before is seen here
      if (calledOff(profileId)) {
        throw calledOffException(profileId, null);
      }
      Thread thread =
          Thread.ofVirtual().name("start-" + profileId).unstarted(attempt(start, attempt));
      attempt.thread = thread;
      thread.start();
      if (calledOff(profileId)) {
        thread.interrupt();
      }
      ProfileRuntime runtime = attempt.result.join();
      if (calledOff(profileId)) {
        // started in the moment it was called off: not handed out
        closeUnwanted(profileId, runtime);
        throw calledOffException(profileId, null);
      }
      return runtime;
    } catch (CompletionException e) {
      if (calledOff(profileId)) {
        throw calledOffException(profileId, e.getCause());
      }
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    } finally {
      underWay.remove(profileId, attempt);
    }
  }

  private static Runnable attempt(Supplier<ProfileRuntime> start, Attempt attempt) {
    return () -> {
      try {
        attempt.result.complete(start.get());
      } catch (Throwable e) {
        attempt.result.completeExceptionally(e);
      }
    };
  }

  /**
   * Calls off the profile's start under way, and any that begins, until the answer is closed;
   * returns at once.
   */
  CallOff callOff(String profileId) {
    callingOff.computeIfAbsent(profileId, id -> new AtomicInteger()).incrementAndGet();
    Attempt attempt = underWay.get(profileId);
    if (attempt != null && attempt.thread != null) {
      LOG.info("Calling off the start of profile {}", profileId);
      attempt.thread.interrupt();
    }
    return () ->
        callingOff.computeIfPresent(
            profileId, (id, count) -> count.decrementAndGet() == 0 ? null : count);
  }

  /** Interrupts every start under way (the service is closing); their callers get a failure. */
  void interruptAll() {
    underWay.values().stream()
        .map(attempt -> attempt.thread)
        .filter(thread -> thread != null)
        .forEach(Thread::interrupt);
  }

  private boolean calledOff(String profileId) {
    return callingOff.containsKey(profileId);
  }

  private static ProfileConflictException calledOffException(String profileId, Throwable cause) {
    ProfileConflictException e =
        new ProfileConflictException(
            "The start of profile "
                + profileId
                + " was called off: it is being deactivated or deleted.");
    if (cause != null) {
      e.initCause(cause);
    }
    return e;
  }

  private static void closeUnwanted(String profileId, ProfileRuntime runtime) {
    try {
      runtime.close(Duration.ZERO);
    } catch (RuntimeException e) {
      LOG.warn(
          "Profile {}: closing a start that was called off failed: {}", profileId, e.getMessage());
    }
  }

  /** What a caller closes once it holds the profile's lock. */
  interface CallOff extends AutoCloseable {
    @Override
    void close();
  }

  private static final class Attempt {
    final CompletableFuture<ProfileRuntime> result = new CompletableFuture<>();
    volatile Thread thread;
  }
}
