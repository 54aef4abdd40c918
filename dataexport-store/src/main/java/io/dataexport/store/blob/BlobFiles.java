package io.dataexport.store.blob;

import io.dataexport.api.blob.StoredBlob;
import io.dataexport.store.io.DurableFiles;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The files of the local blob store, whatever they hold: durable atomic writes, reads, and deletes
 * that also remove the directories they leave empty and force the directory, so a removal survives
 * a crash.
 *
 * <p>Thread-safe. Writers and removers of one key take that key's lock (one of a fixed set of
 * stripes), so concurrent writes of one key never share a temporary file; readers take none,
 * because the rename makes each change atomic. Directories are created and removed without a lock:
 * a write that finds its directory removed by a concurrent delete creates it again.
 */
final class BlobFiles {
  private static final int LOCK_STRIPES = 64;
  private static final int WRITE_ATTEMPTS = 5;

  /** An action on one key's file under its lock. */
  interface KeyAction<T> {
    T run(Path file) throws IOException;
  }

  private final BlobPaths paths;
  private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];

  BlobFiles(BlobPaths paths) {
    this.paths = paths;
    for (int i = 0; i < LOCK_STRIPES; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  /** The stored bytes of a key, if it has a file. */
  Optional<byte[]> read(Path file) throws IOException {
    try {
      return Optional.of(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** Runs an action on a key's file while holding the key's lock (reentrant). */
  <T> T locked(String key, Path file, KeyAction<T> action) throws IOException {
    ReentrantLock lock = locks[Math.floorMod(key.hashCode(), LOCK_STRIPES)];
    lock.lock();
    try {
      return action.run(file);
    } finally {
      lock.unlock();
    }
  }

  /** Replaces a key's file with content, durably and atomically. */
  void write(String key, Path file, byte[] content) throws IOException {
    locked(key, file, target -> writeDurably(target, content));
  }

  private static Void writeDurably(Path file, byte[] content) throws IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        DurableFiles.createDirectories(file.getParent());
        DurableFiles.writeAtomically(file, content);
        return null;
      } catch (NoSuchFileException | FileAlreadyExistsException e) {
        // A delete of another key removed the directory once it was empty, between creating it and
        // writing into it (or between another writer creating it and this one seeing it); creating
        // it again settles that. A file where the directory should be does not go away.
        if (attempt == WRITE_ATTEMPTS
            || (e instanceof FileAlreadyExistsException
                && Files.isRegularFile(Path.of(e.getFile())))) {
          throw e;
        }
      }
    }
  }

  /** Deletes a key's file and any temporary file a crash left for it. */
  void delete(String key, Path file) throws IOException {
    boolean removed =
        locked(
            key,
            file,
            target -> Files.deleteIfExists(target) | Files.deleteIfExists(temporaryOf(target)));
    if (removed) {
      prune(file.getParent());
    }
  }

  /** Deletes the files of every key that starts with prefix, then the directories left empty. */
  void deleteAll(String prefix) throws IOException {
    Path directory = paths.directoryOf(prefix);
    if (Files.isDirectory(directory)) {
      Files.walkFileTree(directory, new PrefixRemover(prefix));
      prune(directory);
    }
  }

  /**
   * The blobs whose key starts with prefix (every blob for an empty prefix), with their files' last
   * modification times, sorted by key. Temporary files are not blobs; files and directories removed
   * while the walk runs are skipped.
   */
  List<StoredBlob> list(String prefix) throws IOException {
    Path directory = prefix.isEmpty() ? paths.root() : paths.directoryOf(prefix);
    List<StoredBlob> blobs = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      return blobs;
    }
    Files.walkFileTree(
        directory,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            if (file.getFileName().toString().endsWith(BlobPaths.SUFFIX)) {
              paths
                  .keyOf(file)
                  .filter(key -> key.startsWith(prefix))
                  .ifPresent(
                      key ->
                          blobs.add(
                              new StoredBlob(key, attributes.lastModifiedTime().toInstant())));
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException failure)
              throws IOException {
            return skipWhenGone(failure);
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException failure)
              throws IOException {
            return failure == null ? FileVisitResult.CONTINUE : skipWhenGone(failure);
          }
        });
    blobs.sort(Comparator.comparing(StoredBlob::key));
    return blobs;
  }

  /**
   * Removes a directory and its parents up to the root while they are empty, then forces the
   * directory where it stopped so the removals survive a crash.
   */
  private void prune(Path directory) throws IOException {
    Path current = directory;
    while (!current.equals(paths.root()) && current.startsWith(paths.root())) {
      try {
        Files.delete(current);
      } catch (DirectoryNotEmptyException e) {
        break;
      } catch (NoSuchFileException e) {
        // removed concurrently: go on with its parent
      }
      current = current.getParent();
    }
    forceIfPresent(current);
  }

  private static void forceIfPresent(Path directory) throws IOException {
    try {
      DurableFiles.forceDirectory(directory);
    } catch (NoSuchFileException e) {
      // pruned meanwhile by another delete, which forces what it removed
    }
  }

  private static Path temporaryOf(Path file) {
    return file.resolveSibling(file.getFileName() + ".tmp");
  }

  static FileVisitResult skipWhenGone(IOException failure) throws IOException {
    if (failure instanceof NoSuchFileException) {
      return FileVisitResult.CONTINUE;
    }
    throw failure;
  }

  /** Deletes the files of the keys under a prefix and the directories left empty below it. */
  private final class PrefixRemover extends SimpleFileVisitor<Path> {
    private final String prefix;
    private final Set<Path> changed = new HashSet<>();

    PrefixRemover(String prefix) {
      this.prefix = prefix;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
      Optional<String> key = paths.keyOf(file).filter(k -> k.startsWith(prefix));
      if (key.isPresent() && locked(key.get(), file, Files::deleteIfExists)) {
        changed.add(file.getParent());
      }
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
      return skipWhenGone(failure);
    }

    @Override
    public FileVisitResult postVisitDirectory(Path directory, IOException failure)
        throws IOException {
      if (failure != null) {
        return skipWhenGone(failure);
      }
      try {
        if (!directory.equals(paths.root())) {
          // Empty directories below the prefix's directory hold nothing, whatever their name.
          Files.delete(directory);
          changed.add(directory.getParent());
          return FileVisitResult.CONTINUE;
        }
      } catch (DirectoryNotEmptyException | NoSuchFileException e) {
        // still in use, or already gone
      }
      if (changed.contains(directory)) {
        forceIfPresent(directory);
      }
      return FileVisitResult.CONTINUE;
    }
  }
}
