package io.dataexport.core.service;

import io.dataexport.api.blob.BlobStore;
import io.dataexport.api.bus.NotificationBus;
import io.dataexport.api.destination.Destination;
import io.dataexport.api.profile.ExportProfile;
import io.dataexport.api.source.ChangeSource;
import io.dataexport.api.store.ConfigStore;
import io.dataexport.core.metrics.SyncMeters;
import io.dataexport.core.sync.ProfileRuntime;
import io.dataexport.core.sync.SyncSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Opens what a profile runs on (its source, destination and bus, through the plugins; the service's
 * store and blob store) and starts its {@link ProfileRuntime}; closes whatever it opened when
 * something fails on the way.
 */
final class RuntimeLauncher {
  private final ConfigStore store;
  private final Plugins plugins;
  private final Path dataDirectory;
  private final BlobStore blobs;
  private final SyncMeters meters;
  private final SyncSettings settings;
  private final Clock clock;

  RuntimeLauncher(
      ConfigStore store,
      Plugins plugins,
      Path dataDirectory,
      BlobStore blobs,
      SyncMeters meters,
      SyncSettings settings,
      Clock clock) {
    this.store = store;
    this.plugins = plugins;
    this.dataDirectory = dataDirectory;
    this.blobs = blobs;
    this.meters = meters;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Opens and starts a profile's pipeline.
   *
   * @throws io.dataexport.api.error.DataExportException when the source or destination refuses
   */
  ProfileRuntime start(String id, ExportProfile profile) {
    return start(id, profile, false);
  }

  /**
   * Opens and starts a profile's pipeline; {@code clustered} as in {@link
   * ProfileRuntime#ProfileRuntime(String, ExportProfile, ChangeSource, Destination,
   * NotificationBus, ConfigStore, BlobStore, SyncMeters, SyncSettings, Clock, boolean)}.
   */
  ProfileRuntime start(String id, ExportProfile profile, boolean clustered) {
    ChangeSource source = plugins.source(profile.source().type()).open(profile.source());
    Destination destination = null;
    NotificationBus bus = null;
    try {
      destination =
          plugins.destination(profile.destination().type()).open(profile.destination(), clock);
      bus = plugins.bus().open(id, dataDirectory);
    } catch (RuntimeException e) {
      closeQuietly(destination, e);
      closeQuietly(source, e);
      throw e;
    }
    ProfileRuntime runtime =
        new ProfileRuntime(
            id,
            profile,
            source,
            destination,
            bus,
            store,
            blobs,
            meters,
            settings,
            clock,
            clustered);
    try {
      runtime.start();
    } catch (RuntimeException e) {
      // a start called off by an interrupt (ProfileStarts) still waits for what it began to stop
      boolean interrupted = Thread.interrupted();
      try {
        runtime.close(Duration.ZERO);
      } catch (RuntimeException closing) {
        e.addSuppressed(closing);
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
      throw e;
    }
    return runtime;
  }

  private static void closeQuietly(AutoCloseable resource, RuntimeException failure) {
    if (resource == null) {
      return;
    }
    try {
      resource.close();
    } catch (Exception closing) {
      failure.addSuppressed(closing);
    }
  }
}
