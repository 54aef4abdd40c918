package io.dataexport.dataverse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How the Dataverse source talks to the Web API. Immutable; start from {@link #defaults()} and
 * change with the {@code with...} methods.
 *
 * @param pageSize rows per page asked for with {@code Prefer: odata.maxpagesize} (1-5000)
 * @param maxRetryWait the longest a request keeps retrying throttled (429) or unavailable answers
 *     and lost connections before it gives up with a {@link
 *     io.dataexport.api.error.RetriableException}
 * @param initialBackoff the first wait of the exponential back-off (when the server names none)
 * @param maxBackoff the longest single back-off wait
 * @param connectTimeout how long a TCP connection may take
 * @param requestTimeout how long one request may take until its answer starts
 * @param tokenRenewalMargin how long before its expiry an access token is renewed (at most half its
 *     lifetime)
 */
public record DataverseSettings(
    int pageSize,
    Duration maxRetryWait,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration connectTimeout,
    Duration requestTimeout,
    Duration tokenRenewalMargin) {

  /** Dataverse's largest (and default) page size. */
  public static final int MAX_PAGE_SIZE = 5000;

  /** Validates all fields and reports every problem together. */
  public DataverseSettings {
    List<String> problems = new ArrayList<>();
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      problems.add("pageSize must be 1-" + MAX_PAGE_SIZE + ", was " + pageSize);
    }
    requireNonNegative(problems, "maxRetryWait", maxRetryWait);
    requirePositive(problems, "initialBackoff", initialBackoff);
    requirePositive(problems, "maxBackoff", maxBackoff);
    requirePositive(problems, "connectTimeout", connectTimeout);
    requirePositive(problems, "requestTimeout", requestTimeout);
    requireNonNegative(problems, "tokenRenewalMargin", tokenRenewalMargin);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "Invalid Dataverse settings: " + String.join("; ", problems) + ".");
    }
  }

  /**
   * Pages of 5,000 rows, retries for up to 2 minutes starting at 1 s and growing to 30 s, 10 s to
   * connect, 2 minutes per request, tokens renewed 5 minutes before they expire.
   */
  public static DataverseSettings defaults() {
    return new DataverseSettings(
        MAX_PAGE_SIZE,
        Duration.ofMinutes(2),
        Duration.ofSeconds(1),
        Duration.ofSeconds(30),
        Duration.ofSeconds(10),
        Duration.ofMinutes(2),
        Duration.ofMinutes(5));
  }

  /** These settings with another page size (1-5000). */
  public DataverseSettings withPageSize(int value) {
    return new DataverseSettings(
        value,
        maxRetryWait,
        initialBackoff,
        maxBackoff,
        connectTimeout,
        requestTimeout,
        tokenRenewalMargin);
  }

  /** These settings with another total wait for retries of one request. */
  public DataverseSettings withMaxRetryWait(Duration value) {
    return new DataverseSettings(
        pageSize,
        value,
        initialBackoff,
        maxBackoff,
        connectTimeout,
        requestTimeout,
        tokenRenewalMargin);
  }

  /** These settings with another first and longest back-off. */
  public DataverseSettings withBackoff(Duration initial, Duration max) {
    return new DataverseSettings(
        pageSize, maxRetryWait, initial, max, connectTimeout, requestTimeout, tokenRenewalMargin);
  }

  /** These settings with other connect and request timeouts. */
  public DataverseSettings withTimeouts(Duration connect, Duration request) {
    return new DataverseSettings(
        pageSize, maxRetryWait, initialBackoff, maxBackoff, connect, request, tokenRenewalMargin);
  }

  /** These settings with another token renewal margin. */
  public DataverseSettings withTokenRenewalMargin(Duration value) {
    return new DataverseSettings(
        pageSize, maxRetryWait, initialBackoff, maxBackoff, connectTimeout, requestTimeout, value);
  }

  private static void requirePositive(List<String> problems, String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      problems.add(name + " must be positive, was " + value);
    }
  }

  private static void requireNonNegative(List<String> problems, String name, Duration value) {
    if (value == null || value.isNegative()) {
      problems.add(name + " must be zero or positive, was " + value);
    }
  }
}
