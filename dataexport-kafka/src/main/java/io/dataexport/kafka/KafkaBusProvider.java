package io.dataexport.kafka;

import io.dataexport.api.bus.NotificationBus;
import io.dataexport.api.bus.NotificationBusProvider;
import io.dataexport.api.error.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The {@code kafka} bus ({@code bus.type: kafka}): a topic per profile on Apache Kafka or a
 * Kafka-compatible endpoint (Azure Event Hubs), shared by every node of a cluster. Found with
 * {@link java.util.ServiceLoader}.
 */
public final class KafkaBusProvider implements NotificationBusProvider {
  /** The name of this kind in configuration. */
  public static final String NAME = "kafka";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Problem> check(Map<String, String> settings) {
    return KafkaBusSettings.problems(settings);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Creates the profile's topic when missing. Keeps no files.
   *
   * @throws io.dataexport.api.error.ConfigurationException when the settings cannot work or the
   *     brokers refuse the credentials
   * @throws io.dataexport.api.error.UnavailableException when the brokers do not answer
   */
  @Override
  public NotificationBus open(String profileId, Map<String, String> settings, Path dataDirectory) {
    return KafkaBus.open(profileId, KafkaBusSettings.parse(settings));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Deletes the profile's topic and its consumer groups; what is already gone is fine.
   *
   * @throws IllegalStateException when a consumer group of the profile still has members
   */
  @Override
  public void delete(String profileId, Map<String, String> settings, Path dataDirectory) {
    TopicRemoval.run(profileId, KafkaBusSettings.parse(settings));
  }
}
