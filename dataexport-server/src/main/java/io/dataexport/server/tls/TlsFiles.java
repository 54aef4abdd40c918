package io.dataexport.server.tls;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a TLS file whole, with messages that say why it cannot be read. */
final class TlsFiles {
  private TlsFiles() {}

  static byte[] read(Path file) throws TlsFileException {
    if (Files.isDirectory(file)) {
      throw new TlsFileException("is a directory. Give the path of the file itself.");
    }
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new TlsFileException(
          "names a file that does not exist. Check the path; a relative one counts from the"
              + " service's working directory.");
    } catch (AccessDeniedException e) {
      throw new TlsFileException(
          "names a file this process may not read. Let the service's user read it (e.g. chmod"
              + " 640 and the service's group).");
    } catch (IOException e) {
      throw new TlsFileException("cannot be read: " + e.getMessage());
    }
  }
}
