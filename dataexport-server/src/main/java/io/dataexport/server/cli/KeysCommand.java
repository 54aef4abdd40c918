package io.dataexport.server.cli;

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
 * {@code dataexport keys}: the blob store's key-encryption keys in a data directory. Rotation makes
 * a new primary key and keeps the old ones (blobs under them stay readable); re-encryption moves
 * the remaining blobs to the primary, after which an old key file may be removed.
 */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "Manages the blob store's key-encryption keys in a data directory.",
    subcommands = {KeysCommand.Rotate.class, KeysCommand.Reencrypt.class})
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
          "Makes a new primary blob key. New blobs use it once the service (re)starts; old keys"
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
}
