package io.dataexport.core.service;

import io.dataexport.api.destination.Destination;
import io.dataexport.api.destination.DestinationProvider;
import io.dataexport.api.error.Problem;
import io.dataexport.api.profile.DestinationConfig;
import io.dataexport.api.profile.SourceConfig;
import io.dataexport.api.source.ChangeSource;
import io.dataexport.api.source.ChangeSourceProvider;
import io.dataexport.core.sync.FakeDestination;
import io.dataexport.core.sync.FakeSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test plugins found by {@link java.util.ServiceLoader} as the {@code dataverse} source and the
 * {@code sqlite} destination: each open hands out the shared fake and remembers it.
 */
final class FakeProviders {
  static volatile FakeSource source = new FakeSource();
  static volatile FakeDestination destination = new FakeDestination();
  static final List<FakeSource> openedSources = new CopyOnWriteArrayList<>();
  static final List<FakeDestination> openedDestinations = new CopyOnWriteArrayList<>();

  private FakeProviders() {}

  static void reset() {
    source = new FakeSource();
    destination = new FakeDestination();
    openedSources.clear();
    openedDestinations.clear();
  }

  /** The {@code dataverse} source type, served by {@link FakeProviders#source}. */
  public static final class Sources implements ChangeSourceProvider {
    @Override
    public String type() {
      return "dataverse";
    }

    @Override
    public ChangeSource open(SourceConfig config) {
      openedSources.add(source);
      return source;
    }
  }

  /**
   * The {@code sqlite} destination type, served by {@link FakeProviders#destination}; it accepts
   * every configuration. Listed in the test classes' services, which come before the real providers
   * of the {@code dataexport-jdbc} test dependency, so {@link Plugins} (the first provider of a
   * type wins) takes it for {@code sqlite}.
   */
  public static final class Destinations implements DestinationProvider {
    @Override
    public String type() {
      return "sqlite";
    }

    @Override
    public Optional<DestinationConfig> defaultConfig(String profileName, Path dataDirectory) {
      return Optional.of(
          new DestinationConfig(
              "sqlite",
              "jdbc:sqlite:" + dataDirectory.resolve(profileName + ".sqlite"),
              null,
              null,
              null,
              null));
    }

    @Override
    public DestinationConfig example() {
      return new DestinationConfig("sqlite", "jdbc:sqlite:fake.sqlite", null, null, null, null);
    }

    @Override
    public List<Problem> check(DestinationConfig config) {
      return List.of();
    }

    @Override
    public Destination open(DestinationConfig config) {
      openedDestinations.add(destination);
      return destination;
    }
  }
}
