package io.dataexport.store.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files only the service's own user may read, such as keys: created owner-only ({@code rw-------},
 * directories {@code rwx------}) where the file system has POSIX permissions, and written durably.
 * Elsewhere (Windows) the directory's inherited access rules apply.
 */
public final class PrivateFiles {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY =
      PosixFilePermissions.fromString("rwx------");

  private PrivateFiles() {}

  /**
   * Creates a directory (and its parents) durably; when it is new, restricts it to its owner. An
   * existing directory keeps its permissions: an administrator may have chosen them.
   */
  public static void createDirectory(Path directory) throws IOException {
    if (Files.isDirectory(directory)) {
      return;
    }
    DurableFiles.createDirectories(directory);
    if (isPosix(directory)) {
      Files.setPosixFilePermissions(directory, OWNER_ONLY_DIRECTORY);
    }
  }

  /**
   * Replaces a file with content atomically and durably ({@link DurableFiles#writeAtomically}); the
   * file is owner-only from its creation, so the content is never readable by others, not even for
   * a moment.
   */
  public static void write(Path file, byte[] content) throws IOException {
    if (isPosix(file)) {
      DurableFiles.writeAtomically(file, content, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    } else {
      DurableFiles.writeAtomically(file, content);
    }
  }

  /** Whether users other than the owner may access the file (always false without POSIX). */
  public static boolean accessibleByOthers(Path file) throws IOException {
    return isPosix(file) && !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(file));
  }

  private static boolean isPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
