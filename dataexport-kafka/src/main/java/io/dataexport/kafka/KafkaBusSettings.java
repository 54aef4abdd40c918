package io.dataexport.kafka;

import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.error.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The {@code bus.*} settings of the Kafka bus, read from the text the provider is given, and the
 * names they lead to: the topic of a profile ({@code <topicPrefix>.<profileId>}) and the consumer
 * group of a (profile, group) pair ({@code <topic>.<group>}). Its {@link #toString()} leaves the
 * client properties out: they may hold secrets.
 *
 * @param bootstrapServers the brokers, {@code host:port} separated by commas
 * @param topicPrefix begins every topic's name
 * @param partitions of a topic this bus creates
 * @param replicationFactor of a topic this bus creates
 * @param clientProperties the {@code bus.properties.*} settings, keyed without that prefix, passed
 *     to every client as they are
 */
public record KafkaBusSettings(
    String bootstrapServers,
    String topicPrefix,
    int partitions,
    short replicationFactor,
    Map<String, String> clientProperties) {
  static final String BOOTSTRAP_SERVERS = "bootstrapServers";
  static final String TOPIC_PREFIX = "topicPrefix";
  static final String PARTITIONS = "partitions";
  static final String REPLICATION_FACTOR = "replicationFactor";
  static final String PROPERTIES = "properties.";

  /** What {@code bus.topicPrefix} is when not set. */
  public static final String DEFAULT_TOPIC_PREFIX = "dataexport";

  private static final int DEFAULT_PARTITIONS = 12;
  private static final int MAX_NAME = 249;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
  private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern SERVERS =
      Pattern.compile(
          "[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5}(\\s*,\\s*[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5})*");

  public KafkaBusSettings {
    clientProperties = Map.copyOf(clientProperties);
  }

  /**
   * Reads settings the configuration has checked with {@link #problems}.
   *
   * @throws ConfigurationException listing every problem when they cannot work
   */
  public static KafkaBusSettings parse(Map<String, String> settings) {
    List<Problem> problems = problems(settings);
    if (!problems.isEmpty()) {
      throw new ConfigurationException(
          "The kafka bus cannot use its settings: "
              + String.join("; ", problems.stream().map(Problem::toString).toList()));
    }
    Map<String, String> properties = new TreeMap<>();
    settings.forEach(
        (key, value) -> {
          if (key.startsWith(PROPERTIES)) {
            properties.put(key.substring(PROPERTIES.length()), value);
          }
        });
    return new KafkaBusSettings(
        settings.get(BOOTSTRAP_SERVERS).trim(),
        settings.getOrDefault(TOPIC_PREFIX, DEFAULT_TOPIC_PREFIX),
        integer(settings, PARTITIONS, DEFAULT_PARTITIONS),
        (short) integer(settings, REPLICATION_FACTOR, 1),
        properties);
  }

  /** Every problem of the settings, each naming its {@code bus.} key; empty when they can work. */
  public static List<Problem> problems(Map<String, String> settings) {
    List<Problem> problems = new ArrayList<>();
    String servers = settings.get(BOOTSTRAP_SERVERS);
    if (servers == null || servers.isBlank()) {
      problems.add(
          new Problem(
              "bus." + BOOTSTRAP_SERVERS,
              null,
              "is required with bus.type kafka: give the brokers as host:port pairs separated by"
                  + " commas, e.g. kafka-1:9092,kafka-2:9092."));
    } else if (!SERVERS.matcher(servers.trim()).matches()) {
      problems.add(
          new Problem(
              "bus." + BOOTSTRAP_SERVERS,
              servers,
              "must be host:port pairs separated by commas, e.g. kafka-1:9092,kafka-2:9092."));
    }
    String prefix = settings.getOrDefault(TOPIC_PREFIX, DEFAULT_TOPIC_PREFIX);
    if (!NAME.matcher(prefix).matches() || prefix.length() > 100) {
      problems.add(
          new Problem(
              "bus." + TOPIC_PREFIX,
              prefix,
              "must be 1 to 100 letters, digits, '.', '_' or '-' (Kafka's topic name characters)."));
    }
    checkInteger(settings, PARTITIONS, 1, 10_000, problems);
    checkInteger(settings, REPLICATION_FACTOR, 1, Short.MAX_VALUE, problems);
    return problems;
  }

  /**
   * The topic of a profile's bus.
   *
   * @throws IllegalArgumentException when the profile id makes no valid topic name
   */
  public String topic(String profileId) {
    String topic = topicPrefix + "." + profileId;
    if (profileId == null
        || profileId.isEmpty()
        || !NAME.matcher(topic).matches()
        || topic.length() > MAX_NAME) {
      throw new IllegalArgumentException(
          "Profile id '"
              + profileId
              + "' cannot name a Kafka topic after the prefix '"
              + topicPrefix
              + "': the topic takes letters, digits, '.', '_' and '-', at most "
              + MAX_NAME
              + " in all (a UUID fits).");
    }
    return topic;
  }

  /**
   * The consumer group of {@code group} on a profile's bus.
   *
   * @throws IllegalArgumentException when the group name is not 1 to 64 letters, digits, '_', '-'
   */
  public String groupId(String profileId, String group) {
    if (group == null || !GROUP.matcher(group).matches()) {
      throw new IllegalArgumentException(
          "Consumer group '" + group + "' must be 1 to 64 letters, digits, '_' or '-'.");
    }
    return topic(profileId) + "." + group;
  }

  /** Whether {@code groupId} names a group of the profile whose topic is {@code topic}. */
  static boolean isGroupOf(String groupId, String topic) {
    return groupId.startsWith(topic + ".")
        && GROUP.matcher(groupId.substring(topic.length() + 1)).matches();
  }

  private static int integer(Map<String, String> settings, String key, int fallback) {
    String value = settings.get(key);
    return value == null ? fallback : Integer.parseInt(value.trim());
  }

  private static void checkInteger(
      Map<String, String> settings, String key, int min, int max, List<Problem> problems) {
    String value = settings.get(key);
    if (value == null) {
      return;
    }
    try {
      int number = Integer.parseInt(value.trim());
      if (number >= min && number <= max) {
        return;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(
        new Problem(
            "bus." + key, value, "must be a whole number from " + min + " to " + max + "."));
  }

  @Override
  public String toString() {
    return "KafkaBusSettings[bootstrapServers="
        + bootstrapServers
        + ", topicPrefix="
        + topicPrefix
        + ", partitions="
        + partitions
        + ", replicationFactor="
        + replicationFactor
        + ", clientProperties="
        + clientProperties.keySet()
        + "]";
  }
}
