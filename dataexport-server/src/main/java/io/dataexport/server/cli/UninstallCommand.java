package io.dataexport.server.cli;

import io.dataexport.api.blob.BlobStore;
import io.dataexport.api.blob.KeyProvider;
import io.dataexport.api.store.ConfigStore;
import io.dataexport.core.metrics.SyncMeters;
import io.dataexport.core.service.Plugins;
import io.dataexport.core.service.ProfileService;
import io.dataexport.core.sync.SyncSettings;
import io.dataexport.server.config.ConfigKeys;
import io.dataexport.server.config.InstalledPlugins;
import io.dataexport.server.config.ServiceConfig;
import io.dataexport.server.node.Uninstall;
import io.dataexport.store.config.JdbcConfigStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code dataexport uninstall}: removes everything the service keeps (SPEC §11), with the service
 * stopped. Without {@code --confirm} it only says what it would remove and the id to confirm with;
 * a running service is uninstalled through its API ({@code DELETE /api/v1?confirm=<id>}) instead.
 */
@Command(
    name = "uninstall",
    mixinStandardHelpOptions = true,
    description = {
      "Uninstalls the service: deletes every profile with its sync state, bus data, parked blobs"
          + " and failure log, then the config & metrics store and the node's bus, blobs and keys"
          + " directories. With --drop-tables, also drops in each profile's destination exactly"
          + " the tables the service created (entity, metadata, DeleteLog and bookkeeping tables)"
          + " and nothing else.",
      "Stop the service first (a running one is uninstalled with DELETE /api/v1?confirm=<id>)."
    })
final class UninstallCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "The service's YAML configuration, as given to 'server --config'.")
  Path config;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "The service's data directory. Default: data of the configuration, else ./data.")
  Path data;

  @Option(
      names = "--drop-tables",
      description = "Also drop the destination tables the service created.")
  boolean dropTables;

  @Option(
      names = "--confirm",
      paramLabel = "SERVICE_ID",
      description = "The id of the service to remove (printed when run without it).")
  String confirm;

  @Override
  public Integer call() {
    ServiceConfig configuration =
        ServiceConfig.load(
            config,
            System.getenv(),
            data == null ? Map.of() : Map.of(ConfigKeys.DATA, data.toString()));
    Path dataDirectory = configuration.data();
    if (!configuration.store().location().shared() && !Files.isDirectory(dataDirectory)) {
      throw new ParameterException(
          spec.commandLine(),
          "The data directory "
              + dataDirectory.toAbsolutePath()
              + " does not exist: there is nothing to uninstall there. Give the service's data"
              + " directory with --data DIR.");
    }
    ConfigStore store = JdbcConfigStore.open(configuration.store().location(), dataDirectory);
    try {
      String serviceId = store.serviceId();
      if (confirm == null) {
        int profiles = store.profiles().size();
        System.out.println(
            "This removes service "
                + serviceId
                + ": "
                + profiles
                + " profile(s) with their sync state, bus data, parked blobs and failure log, the"
                + " config & metrics store ("
                + configuration.store().location().redactedUrl()
                + ") and the bus, blobs and keys directories of "
                + dataDirectory.toAbsolutePath()
                + (dropTables ? ", and the destination tables the service created." : "."));
        System.out.println("Run again with --confirm " + serviceId + " to do it.");
        return 2;
      }
      if (!confirm.equals(serviceId)) {
        throw new ParameterException(
            spec.commandLine(),
            "--confirm " + confirm + " is not the id of this service (" + serviceId + ").");
      }
      InstalledPlugins plugins = InstalledPlugins.onClassPath();
      KeyProvider keys = plugins.openKeyProvider(configuration);
      BlobStore blobs = plugins.openBlobStore(configuration, keys);
      ProfileService profiles =
          new ProfileService(
              store,
              Plugins.load(configuration.bus().type(), configuration.bus().settings()),
              dataDirectory,
              SyncSettings.defaults(),
              Clock.systemUTC(),
              blobs,
              SyncMeters.none());
      List<String> lines = Uninstall.run(profiles, serviceId, dataDirectory, dropTables).lines();
      lines.forEach(System.out::println);
      System.out.println("The Data Export Service is uninstalled.");
      return 0;
    } finally {
      store.close();
    }
  }
}
