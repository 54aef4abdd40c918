package io.dataexport.emulator.throttle;

import io.dataexport.emulator.http.ODataException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dataverse service-protection limits, off until a test or the operator switches them on.
 *
 * <p>When on, each client is held to {@link ServiceProtectionLimits} over a sliding window: the
 * number of requests it started, the combined execution time of its finished requests (from {@link
 * #admit} to {@link Admission#close}, measured with the injected clock) and the number in flight. A
 * refused request is answered with 429 and does not count towards any limit. Safe for concurrent
 * use.
 */
public final class ServiceProtection {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceProtection.class);
  private static final Admission NOT_COUNTED = () -> {};

  /** The limits in force and the usage counted under them; replaced as a whole. */
  private record Enforcement(
      ServiceProtectionLimits limits, ConcurrentMap<String, ClientUsage> usage) {}

  private final Clock clock;
  private final AtomicLong throttled = new AtomicLong();
  private volatile Enforcement enforcement;

  public ServiceProtection(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Switches the limits on, or replaces the limits in force. Counting starts afresh: requests
   * admitted earlier no longer count.
   *
   * @param limits the limits to enforce; not null
   */
  public void enable(ServiceProtectionLimits limits) {
    Objects.requireNonNull(limits, "limits");
    enforcement = new Enforcement(limits, new ConcurrentHashMap<>());
  }

  /** Switches the limits off and forgets the usage counted so far. */
  public void disable() {
    enforcement = null;
  }

  /** Whether limits are enforced. */
  public boolean enabled() {
    return enforcement != null;
  }

  /** The limits in force, or empty when off. */
  public Optional<ServiceProtectionLimits> limits() {
    Enforcement current = enforcement;
    return current == null ? Optional.empty() : Optional.of(current.limits());
  }

  /** How many requests have been refused with 429 since this instance was created. */
  public long throttledRequests() {
    return throttled.get();
  }

  /**
   * Admits one request of a client, or refuses it.
   *
   * @param clientId the authenticated client; not null
   * @return an admission the caller closes when the request has been answered
   * @throws ODataException 429 with {@code Retry-After} and the documented code when a limit is
   *     exceeded
   */
  public Admission admit(String clientId) {
    Enforcement current = enforcement;
    if (current == null) {
      return NOT_COUNTED;
    }
    Objects.requireNonNull(clientId, "clientId");
    ClientUsage usage =
        current.usage().computeIfAbsent(clientId, id -> new ClientUsage(current.limits()));
    long startedAt = clock.millis();
    Optional<Refusal> refusal = usage.tryAdmit(startedAt);
    if (refusal.isPresent()) {
      throttled.incrementAndGet();
      LOG.debug(
          "Throttled client {}: {} limit reached, retry after {} s",
          clientId,
          refusal.get().limit(),
          refusal.get().retryAfterSeconds());
      throw refusal.get().toException(current.limits());
    }
    return new CountedAdmission(usage, startedAt);
  }

  /** One admitted request; closing it records its execution time and frees its concurrency slot. */
  public interface Admission extends AutoCloseable {
    /** Ends the request; only the first call counts. */
    @Override
    void close();
  }

  private final class CountedAdmission implements Admission {
    private final ClientUsage usage;
    private final long startedAt;
    private final AtomicBoolean closed = new AtomicBoolean();

    CountedAdmission(ClientUsage usage, long startedAt) {
      this.usage = usage;
      this.startedAt = startedAt;
    }

    @Override
    public void close() {
      if (closed.compareAndSet(false, true)) {
        usage.release(startedAt, clock.millis());
      }
    }
  }
}
