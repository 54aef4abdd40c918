package io.dataexport.store.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.util.Set;

/**
 * File operations that survive a crash: what they wrote is on disk when they return, and a reader
 * after a crash sees either the old or the new content, never a mixture.
 */
public final class DurableFiles {
  private DurableFiles() {}

  /**
   * Replaces {@code target} with {@code content}: writes a temporary sibling ({@code <name>.tmp}),
   * forces it to disk, renames it over the target atomically and forces the directory so the rename
   * itself survives. Callers writing the same target from several threads must serialise.
   *
   * @param attributes given to the new file from its creation (e.g. owner-only permissions), so it
   *     never exists without them
   */
  public static void writeAtomically(Path target, byte[] content, FileAttribute<?>... attributes)
      throws IOException {
    Path temp = target.resolveSibling(target.getFileName() + ".tmp");
    if (attributes.length > 0) {
      // Attributes apply only to a file being created: a temporary file left by a crash must go.
      Files.deleteIfExists(temp);
    }
    try (FileChannel channel =
        FileChannel.open(
            temp,
            Set.of(
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE),
            attributes)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    forceDirectory(target.getParent());
  }

  /** Creates a directory and its parents, forcing each new entry to disk. */
  public static void createDirectories(Path directory) throws IOException {
    Path absolute = directory.toAbsolutePath();
    if (Files.isDirectory(absolute)) {
      return;
    }
    createDirectories(absolute.getParent());
    Files.createDirectories(absolute);
    forceDirectory(absolute.getParent());
  }

  /**
   * Forces a directory's entries (new, renamed and deleted files) to disk. Some platforms (Windows)
   * cannot open a directory; there the file system's own ordering has to do, so this is a no-op.
   */
  public static void forceDirectory(Path directory) throws IOException {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      if (Files.isDirectory(directory) && !isPosix(directory)) {
        return;
      }
      throw e;
    }
  }

  /** Deletes a directory and everything below it; nothing happens when it does not exist. */
  public static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    Files.walkFileTree(
        directory,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
              throws IOException {
            deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException failure)
              throws IOException {
            if (failure != null) {
              throw failure;
            }
            deleteIfExists(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static void deleteIfExists(Path path) throws IOException {
    try {
      Files.deleteIfExists(path);
    } catch (NoSuchFileException ignored) {
      // deleted concurrently: the goal is reached anyway
    }
  }

  private static boolean isPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
