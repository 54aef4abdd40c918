package io.dataexport.store.bus;

import io.dataexport.api.bus.NotificationBus;
import io.dataexport.api.bus.NotificationBusProvider;
import io.dataexport.api.error.RetriableException;
import io.dataexport.store.io.DurableFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code embedded} bus: files under {@code <data directory>/bus/<profile id>/}, nothing to
 * install. Found with {@link java.util.ServiceLoader}; the no-argument constructor uses {@link
 * EmbeddedBusOptions#defaults()}. It has no {@code bus.*} settings and ignores those it is given.
 */
public final class EmbeddedBusProvider implements NotificationBusProvider {
  /** The name of this kind in configuration. */
  public static final String NAME = "embedded";

  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private final EmbeddedBusOptions options;

  /** A provider with the default options, as {@link java.util.ServiceLoader} creates it. */
  public EmbeddedBusProvider() {
    this(EmbeddedBusOptions.defaults());
  }

  /** A provider creating new buses with the given options. */
  public EmbeddedBusProvider(EmbeddedBusOptions options) {
    this.options = options;
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException when the profile id cannot name a directory safely
   * @throws IllegalStateException when the bus is already open (here or in another process)
   * @throws RetriableException when its files cannot be read or written now
   */
  @Override
  public NotificationBus open(String profileId, Map<String, String> settings, Path dataDirectory) {
    return open(profileId, dataDirectory);
  }

  /** Opens the bus of a profile; this kind has no settings. */
  public NotificationBus open(String profileId, Path dataDirectory) {
    return EmbeddedBus.open(directory(profileId, dataDirectory), profileId, options);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException when the bus is still open
   * @throws RetriableException when its files cannot be deleted now
   */
  @Override
  public void delete(String profileId, Map<String, String> settings, Path dataDirectory) {
    delete(profileId, dataDirectory);
  }

  /** Deletes the bus of a profile; this kind has no settings. */
  public void delete(String profileId, Path dataDirectory) {
    Path directory = directory(profileId, dataDirectory);
    try {
      if (Files.exists(directory)) {
        BusDirectory.requireClosed(directory);
        DurableFiles.deleteRecursively(directory);
      }
    } catch (IOException e) {
      throw new RetriableException(
          "Cannot delete the bus of profile " + profileId + " in " + directory + ": " + e, e);
    }
  }

  /** Where the bus of a profile keeps its files. */
  public static Path directory(String profileId, Path dataDirectory) {
    if (profileId == null || !SAFE_ID.matcher(profileId).matches()) {
      throw new IllegalArgumentException(
          "Profile id '"
              + profileId
              + "' cannot name a bus directory: use letters, digits, '.', '_' and '-' (a UUID).");
    }
    return dataDirectory.resolve("bus").resolve(profileId);
  }
}
