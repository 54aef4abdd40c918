package io.dataexport.store.bus;

import io.dataexport.store.io.DurableFiles;
import java.io.Closeable;
import java.io.IOException;
import java.io.StringReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Properties;

/**
 * The directory of one profile's bus:
 *
 * <pre>
 *   bus.properties        format version, partition count, hash (fixed at creation)
 *   bus.lock              held while the bus is open, so only one process writes it
 *   partition-&lt;n&gt;/      segment files, see {@link PartitionLog}
 *   groups/               committed offsets per consumer group, see {@link ConsumerGroups}
 * </pre>
 */
final class BusDirectory implements Closeable {
  private static final int FORMAT_VERSION = 1;

  private final Path root;
  private final int partitions;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private BusDirectory(Path root, int partitions, FileChannel lockChannel, FileLock lock) {
    this.root = root;
    this.partitions = partitions;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Opens the directory, creating it with {@code newPartitions} partitions when it is new, and
   * locks it against other processes.
   *
   * @throws IllegalStateException when another bus (in this or another process) holds it
   */
  static BusDirectory open(Path root, int newPartitions) throws IOException {
    DurableFiles.createDirectories(root);
    FileChannel lockChannel = lockChannel(root);
    FileLock lock = tryLock(lockChannel, root);
    try {
      int partitions = readOrCreateMetadata(root, newPartitions);
      return new BusDirectory(root, partitions, lockChannel, lock);
    } catch (IOException | RuntimeException e) {
      lockChannel.close();
      throw e;
    }
  }

  /**
   * Throws unless nobody holds the bus in {@code root} open; for deleting it.
   *
   * @throws IllegalStateException when a bus holds it
   */
  static void requireClosed(Path root) throws IOException {
    try (FileChannel channel = lockChannel(root)) {
      tryLock(channel, root).release();
    }
  }

  int partitions() {
    return partitions;
  }

  Path partitionDirectory(int partition) {
    return root.resolve("partition-" + partition);
  }

  Path groupsDirectory() {
    return root.resolve("groups");
  }

  private static FileChannel lockChannel(Path root) throws IOException {
    return FileChannel.open(
        root.resolve("bus.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
  }

  private static FileLock tryLock(FileChannel channel, Path root) throws IOException {
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      throw new IllegalStateException(
          "The bus in "
              + root
              + " is open elsewhere (another bus object or another process using the same data"
              + " directory). Close it, or give each process its own data directory.");
    }
    return lock;
  }

  private static int readOrCreateMetadata(Path root, int newPartitions) throws IOException {
    Path file = root.resolve("bus.properties");
    if (!Files.exists(file)) {
      String text =
          "formatVersion="
              + FORMAT_VERSION
              + "\npartitions="
              + newPartitions
              + "\nhash="
              + Partitioner.HASH_NAME
              + "\n";
      DurableFiles.writeAtomically(file, text.getBytes(StandardCharsets.UTF_8));
      return newPartitions;
    }
    Properties metadata = new Properties();
    metadata.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
    String version = metadata.getProperty("formatVersion");
    String hash = metadata.getProperty("hash");
    if (!String.valueOf(FORMAT_VERSION).equals(version) || !Partitioner.HASH_NAME.equals(hash)) {
      throw new IllegalStateException(
          file
              + " describes a bus of format "
              + version
              + " with hash "
              + hash
              + "; this version reads format "
              + FORMAT_VERSION
              + " with hash "
              + Partitioner.HASH_NAME
              + ". Drain the bus with the version that wrote it, or delete the directory.");
    }
    try {
      return Integer.parseInt(metadata.getProperty("partitions"));
    } catch (NumberFormatException e) {
      throw new IllegalStateException(
          file + ": partitions = '" + metadata.getProperty("partitions") + "' is not a number.");
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      lockChannel.close();
    }
  }
}
