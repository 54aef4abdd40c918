package io.dataexport.server.cli;

import io.dataexport.store.blob.ConfiguredKeyProvider;
import io.dataexport.store.blob.LocalBlobStore;
import io.dataexport.store.blob.LocalKeyProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code dataexport keys}: the blob store's key-encryption keys. Rotation makes a new primary key
 * in a data directory and keeps the old ones (blobs under them stay readable); re-encryption moves
 * the remaining blobs to the primary, after which an old key file may be removed. {@code generate}
 * prints a new key for {@code keys.type: configured}, which the operator puts into the
 * configuration.
 */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "Manages the blob store's key-encryption keys.",
    subcommands = {
      KeysCommand.Rotate.class,
      KeysCommand.Reencrypt.class,
      KeysCommand.Generate.class
    })
final class KeysCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "The service's data directory. Default: ${DEFAULT-VALUE}.")
  Path data = Path.of("data");

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** The data directory, which must exist: keys are never created in a directory by mistake. */
  Path existingData() {
    if (!Files.isDirectory(data)) {
      throw new ParameterException(
          spec.commandLine(),
          "The data directory "
              + data.toAbsolutePath()
              + " does not exist. Give the service's data directory with --data DIR.");
    }
    return data;
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
      Path data = keys.existingData();
      String id = LocalKeyProvider.open(data).rotate();
      System.out.println("New primary blob key: " + id);
      System.out.println("  in " + LocalKeyProvider.directory(data).toAbsolutePath());
      System.out.println(
          "A running service picks it up when it restarts. Then run 'dataexport keys reencrypt"
              + " --data "
              + data
              + "' until it reports 0 before removing an old key file, and back up the key"
              + " directory with the data directory.");
      return 0;
    }
  }

  @Command(
      name = "reencrypt",
      mixinStandardHelpOptions = true,
      description =
          "Re-encrypts every blob written under an older key with the primary key. Safe while the"
              + " service runs; run it until it reports 0 before removing an old key file.")
  static final class Reencrypt implements Callable<Integer> {
    @ParentCommand KeysCommand keys;

    @Override
    public Integer call() {
      Path data = keys.existingData();
      LocalKeyProvider provider = LocalKeyProvider.open(data);
      int moved = LocalBlobStore.open(data, provider).reencrypt();
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
