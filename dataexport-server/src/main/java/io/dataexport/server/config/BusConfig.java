package io.dataexport.server.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The notification bus: {@code bus.type} ({@code embedded}, or {@code kafka} once installed) and
 * the Kafka settings {@code bus.bootstrapServers}, {@code bus.topicPrefix}, {@code bus.partitions},
 * {@code bus.replicationFactor} and {@code bus.properties.*} (passed to the Kafka clients as they
 * are: SASL, TLS, …).
 *
 * @param type the bus's name, {@code embedded} by default
 * @param bootstrapServers {@code host:port} list, separated by commas; empty when not configured
 * @param topicPrefix begins every topic's name, {@code dataexport} by default
 * @param partitions per topic, 12 by default
 * @param replicationFactor per topic, 1 by default
 * @param properties the Kafka client settings, keyed without {@code bus.properties.}
 */
public record BusConfig(
    String type,
    Optional<String> bootstrapServers,
    String topicPrefix,
    int partitions,
    int replicationFactor,
    ProviderSettings properties) {
  static final String EMBEDDED = "embedded";
  static final String KAFKA = "kafka";
  private static final Pattern TOPIC_PREFIX = Pattern.compile("[A-Za-z0-9._-]{1,100}");
  private static final Pattern SERVERS =
      Pattern.compile(
          "[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5}(\\s*,\\s*[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5})*");

  static BusConfig read(ConfigReader reader) {
    String type = reader.text(ConfigKeys.BUS_TYPE, EMBEDDED);
    Optional<String> servers = reader.optionalText(ConfigKeys.BUS_BOOTSTRAP_SERVERS);
    if (servers.isPresent() && !SERVERS.matcher(servers.get()).matches()) {
      reader.problem(
          ConfigKeys.BUS_BOOTSTRAP_SERVERS,
          "must be host:port pairs separated by commas, e.g. kafka-1:9092,kafka-2:9092.");
    } else if (servers.isEmpty() && type.equals(KAFKA)) {
      reader.problem(
          ConfigKeys.BUS_BOOTSTRAP_SERVERS,
          "is required with bus.type kafka: give the brokers as host:port pairs separated by"
              + " commas.");
    }
    String prefix = reader.text(ConfigKeys.BUS_TOPIC_PREFIX, "dataexport");
    if (!TOPIC_PREFIX.matcher(prefix).matches()) {
      reader.problem(
          ConfigKeys.BUS_TOPIC_PREFIX,
          "must be 1 to 100 letters, digits, '.', '_' or '-' (Kafka's topic name characters).");
    }
    return new BusConfig(
        type,
        servers,
        prefix,
        reader.integer(ConfigKeys.BUS_PARTITIONS, 1, 10_000, 12),
        reader.integer(ConfigKeys.BUS_REPLICATION_FACTOR, 1, Short.MAX_VALUE, 1),
        new ProviderSettings(reader.section(ConfigKeys.BUS_PROPERTIES)));
  }

  /**
   * The settings the bus kind's provider is given: the {@code bus.*} keys without the prefix, as
   * text ({@code properties.<client key>} for the client settings). Holds secrets: never log it
   * (this record's {@code toString} masks them through {@link ProviderSettings}).
   */
  public Map<String, String> settings() {
    Map<String, String> settings = new LinkedHashMap<>();
    bootstrapServers.ifPresent(servers -> settings.put("bootstrapServers", servers));
    settings.put("topicPrefix", topicPrefix);
    settings.put("partitions", Integer.toString(partitions));
    settings.put("replicationFactor", Integer.toString(replicationFactor));
    properties.values().forEach((key, value) -> settings.put("properties." + key, value));
    return settings;
  }
}
