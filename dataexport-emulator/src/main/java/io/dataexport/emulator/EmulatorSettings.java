package io.dataexport.emulator;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How an emulator is set up. Immutable; start from {@link #defaults()} and change with the {@code
 * with...} methods.
 *
 * @param host interface to listen on
 * @param port TCP port; 0 picks a free one
 * @param seed seed every sample value derives from
 * @param seedRecords records of each main entity (account, contact, lead, opportunity,
 *     accountleads)
 * @param clientId accepted OAuth2 client id
 * @param clientSecret accepted OAuth2 client secret (never logged)
 * @param tokenLifetime lifetime of issued access tokens
 * @param changeRetention how long change tokens stay valid (Dataverse's default is 7 days)
 * @param clock time source for change timestamps, token expiry and throttling windows
 */
public record EmulatorSettings(
    String host,
    int port,
    long seed,
    long seedRecords,
    String clientId,
    String clientSecret,
    Duration tokenLifetime,
    Duration changeRetention,
    Clock clock) {

  public static final int DEFAULT_PORT = 8090;
  public static final String DEFAULT_CLIENT_ID = "emulator";
  public static final String DEFAULT_CLIENT_SECRET = "emulator-secret";

  public EmulatorSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(clientSecret, "clientSecret");
    Objects.requireNonNull(tokenLifetime, "tokenLifetime");
    Objects.requireNonNull(changeRetention, "changeRetention");
    Objects.requireNonNull(clock, "clock");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0-65535, was " + port);
    }
    if (seedRecords < 0) {
      throw new IllegalArgumentException("seedRecords must be 0 or more, was " + seedRecords);
    }
    if (tokenLifetime.isNegative() || tokenLifetime.isZero()) {
      throw new IllegalArgumentException("tokenLifetime must be positive, was " + tokenLifetime);
    }
    if (changeRetention.isNegative() || changeRetention.isZero()) {
      throw new IllegalArgumentException(
          "changeRetention must be positive, was " + changeRetention);
    }
  }

  /** Port 8090 on 127.0.0.1, seed 42, 1,000 records per entity, 1 h tokens, 7 days retention. */
  public static EmulatorSettings defaults() {
    return new EmulatorSettings(
        "127.0.0.1",
        DEFAULT_PORT,
        42,
        1000,
        DEFAULT_CLIENT_ID,
        DEFAULT_CLIENT_SECRET,
        Duration.ofSeconds(3599),
        Duration.ofDays(7),
        Clock.systemUTC());
  }

  public EmulatorSettings withHost(String value) {
    return new EmulatorSettings(
        value,
        port,
        seed,
        seedRecords,
        clientId,
        clientSecret,
        tokenLifetime,
        changeRetention,
        clock);
  }

  public EmulatorSettings withPort(int value) {
    return new EmulatorSettings(
        host,
        value,
        seed,
        seedRecords,
        clientId,
        clientSecret,
        tokenLifetime,
        changeRetention,
        clock);
  }

  public EmulatorSettings withSeed(long value) {
    return new EmulatorSettings(
        host,
        port,
        value,
        seedRecords,
        clientId,
        clientSecret,
        tokenLifetime,
        changeRetention,
        clock);
  }

  public EmulatorSettings withSeedRecords(long value) {
    return new EmulatorSettings(
        host, port, seed, value, clientId, clientSecret, tokenLifetime, changeRetention, clock);
  }

  public EmulatorSettings withClientCredentials(String id, String secret) {
    return new EmulatorSettings(
        host, port, seed, seedRecords, id, secret, tokenLifetime, changeRetention, clock);
  }

  public EmulatorSettings withTokenLifetime(Duration value) {
    return new EmulatorSettings(
        host, port, seed, seedRecords, clientId, clientSecret, value, changeRetention, clock);
  }

  public EmulatorSettings withChangeRetention(Duration value) {
    return new EmulatorSettings(
        host, port, seed, seedRecords, clientId, clientSecret, tokenLifetime, value, clock);
  }

  public EmulatorSettings withClock(Clock value) {
    return new EmulatorSettings(
        host,
        port,
        seed,
        seedRecords,
        clientId,
        clientSecret,
        tokenLifetime,
        changeRetention,
        value);
  }

  @Override
  public String toString() {
    return "EmulatorSettings[host="
        + host
        + ", port="
        + port
        + ", seed="
        + seed
        + ", seedRecords="
        + seedRecords
        + ", clientId="
        + clientId
        + ", clientSecret=****, tokenLifetime="
        + tokenLifetime
        + ", changeRetention="
        + changeRetention
        + "]";
  }
}
