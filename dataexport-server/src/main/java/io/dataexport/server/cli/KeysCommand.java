package io.dataexport.server.cli;

import io.dataexport.api.blob.KeyProvider;
import io.dataexport.server.config.ConfigKeys;
import io.dataexport.server.config.InstalledPlugins;
import io.dataexport.server.config.KeysConfig;
import io.dataexport.server.config.ServiceConfig;
import io.dataexport.store.blob.ConfiguredKeyProvider;
import io.dataexport.store.blob.LocalKeyProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code dataexport keys}: the API keys callers authenticate with ({@code create}, {@code list},
 * {@code revoke}, in {@link ApiKeyCommands}, working on the config store directly), and the blob
 * store's key-encryption keys. Rotation makes a new primary key in the data directory and keeps the
 * old ones (blobs under them stay readable); re-encryption moves the remaining blobs of the
 * configured blob store to the primary, after which an old key may be removed. {@code generate}
 * prints a new key for {@code keys.type: configured}, which the operator puts into the
 * configuration. The configuration is read as {@code server} reads it ({@code --config}, the {@code
 * DATAEXPORT_…} environment, {@code --data}).
 */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description =
        "Manages the API keys (create, list, revoke) and the blob store's key-encryption keys.",
    subcommands = {
      ApiKeyCommands.Create.class,
      ApiKeyCommands.ListKeys.class,
      ApiKeyCommands.Revoke.class,
      KeysCommand.Rotate.class,
      KeysCommand.Reencrypt.class,
      KeysCommand.Generate.class
    })
final class KeysCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "The service's YAML configuration (data, blobs.*, keys.*), as given to 'server"
              + " --config'. Default: none (embedded defaults).")
  Path config;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "The service's data directory. Default: data of the configuration, else ./data.")
  Path data;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /**
   * The service's configuration, whose data directory must exist: keys are never created in a
   * directory by mistake.
   */
  ServiceConfig existingConfiguration() {
    ServiceConfig configuration =
        ServiceConfig.load(
            config,
            System.getenv(),
            data == null ? Map.of() : Map.of(ConfigKeys.DATA, data.toString()));
    if (!Files.isDirectory(configuration.data())) {
      throw new ParameterException(
          spec.commandLine(),
          "The data directory "
              + configuration.data().toAbsolutePath()
              + " does not exist. Give the service's data directory with --data DIR.");
    }
    return configuration;
  }

  /** The options that name this configuration again, for a command to run next. */
  String options(ServiceConfig configuration) {
    return (config == null ? "" : " --config " + config) + " --data " + configuration.data();
  }

  @Command(
      name = "rotate-blob-key",
      mixinStandardHelpOptions = true,
      description =
          "Makes a new primary blob key in the data directory (keys.type local; for configured"
              + " keys, see 'generate'). New blobs use it once the service (re)starts; old keys"
              + " stay, so existing blobs remain readable.")
  static final class Rotate implements Callable<Integer> {
    @ParentCommand KeysCommand keys;

    @Override
    public Integer call() {
      ServiceConfig configuration = keys.existingConfiguration();
      if (!configuration.keys().type().equals(KeysConfig.LOCAL)) {
        throw new ParameterException(
            keys.spec.commandLine(),
            "keys.type is '"
                + configuration.keys().type()
                + "': rotate-blob-key makes local key files only. Rotate the key where that key"
                + " provider keeps it, restart the service, then run 'dataexport keys reencrypt'.");
      }
      Path data = configuration.data();
      String id = LocalKeyProvider.open(data).rotate();
      System.out.println("New primary blob key: " + id);
      System.out.println("  in " + LocalKeyProvider.directory(data).toAbsolutePath());
      System.out.println(
          "A running service picks it up when it restarts. Then run 'dataexport keys"
              + keys.options(configuration)
              + " reencrypt' until it reports 0 before removing an old key file, and back up the"
              + " key directory with the data directory.");
      return 0;
    }
  }

  @Command(
      name = "reencrypt",
      mixinStandardHelpOptions = true,
      description =
          "Re-encrypts every blob of the configured blob store written under an older key with"
              + " the primary key. Safe while the service runs; run it until it reports 0 before"
              + " removing an old key.")
  static final class Reencrypt implements Callable<Integer> {
    @ParentCommand KeysCommand keys;

    @Override
    public Integer call() {
      ServiceConfig configuration = keys.existingConfiguration();
      InstalledPlugins plugins = InstalledPlugins.onClassPath();
      KeyProvider provider = plugins.openKeyProvider(configuration);
      int moved = plugins.openBlobStore(configuration, provider).reencrypt();
      System.out.println(
          "Re-encrypted " + moved + " blob(s) under the primary key " + provider.primaryKeyId());
      return 0;
    }
  }

  @Command(
      name = "generate",
      mixinStandardHelpOptions = true,
      description =
          "Prints a new random blob key as one id=BASE64 line for keys.keys (keys.type"
              + " configured). Nothing is written: put the line into the configuration's secret.")
  static final class Generate implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--id",
        paramLabel = "ID",
        description =
            "The key's id: letters, digits, '-' and '_'. Default: key-<UTC date>-<random hex>.")
    String id;

    @Override
    public Integer call() {
      String keyId = id == null ? ConfiguredKeyProvider.newKeyId() : id;
      String entry;
      try {
        entry = ConfiguredKeyProvider.newKeyEntry(keyId);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage() + " Give it with --id.");
      }
      // Only the entry on standard output, so it can go straight into a secret.
      System.out.println(entry);
      System.err.println(
          "Add this entry to keys.keys (DATAEXPORT_KEYS_KEYS) on every node, separated from the"
              + " keys there by a comma. Once every node has it, set keys.primaryId"
              + " (DATAEXPORT_KEYS_PRIMARY_ID) to "
              + keyId
              + " so new blobs use it, then re-encrypt; remove an old entry only when no blob"
              + " uses it any more. Keep the line secret: it opens every blob wrapped under it.");
      return 0;
    }
  }
}
