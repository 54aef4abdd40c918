package io.dataexport.store.blob.object;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A storage server for tests run as a child process (S3Proxy, Azurite), so that the blob store
 * modules test against the real protocol. {@link #start} gives it a free port on 127.0.0.1 and a
 * temporary directory of its own, waits until it answers HTTP, and fails with its output when it
 * exits or does not answer within a minute; {@link #close()} stops it and removes its directory. A
 * test run that ends without closing it does not leave it running.
 *
 * <p>The fixtures of the modules ({@code S3ProxyServer}, {@code AzuriteServer}) say how to start
 * their server and what its clients need; this class does the rest.
 */
public final class ChildProcessServer implements AutoCloseable {
  private static final String HOST = "127.0.0.1";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final String name;
  private final Process process;
  private final Path directory;
  private final Path output;
  private final URI address;
  private final Thread stopAtExit;

  /** How to start a server: its command line for the port and directory it is given. */
  @FunctionalInterface
  public interface Command {
    /**
     * The program and arguments of a server listening on {@code 127.0.0.1:port}.
     *
     * @param directory the server's own directory, where it may write its configuration; it keeps
     *     its data in the {@code data} directory below, which exists already
     * @throws IOException when what the server needs cannot be written
     */
    List<String> forServer(int port, Path directory) throws IOException;
  }

  private ChildProcessServer(
      String name, Process process, Path directory, Path output, URI address) {
    this.name = name;
    this.process = process;
    this.directory = directory;
    this.output = output;
    this.address = address;
    this.stopAtExit = new Thread(process::destroyForcibly, name + "-stop");
    Runtime.getRuntime().addShutdownHook(stopAtExit);
  }

  /**
   * Starts a server and waits until it answers HTTP at {@code probePath}, whatever the status (an
   * unsigned request is refused, which is fine).
   *
   * @param name the server's name in messages, e.g. {@code "S3Proxy"}
   * @param probePath the path and query to ask, e.g. {@code "/"}
   * @throws UncheckedIOException when the server cannot be started (its program missing)
   * @throws IllegalStateException when the server exits or does not answer within a minute; the
   *     message holds its output
   */
  public static ChildProcessServer start(String name, Command command, String probePath) {
    Path directory = null;
    List<String> commandLine = List.of();
    try {
      directory = Files.createTempDirectory(name.toLowerCase(Locale.ROOT) + "-");
      Files.createDirectories(directory.resolve("data"));
      Path output = directory.resolve("output.log");
      int port = freePort();
      commandLine = command.forServer(port, directory);
      Process process =
          new ProcessBuilder(commandLine)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      ChildProcessServer server =
          new ChildProcessServer(
              name, process, directory, output, URI.create("http://" + HOST + ":" + port));
      server.awaitAnswer(probePath);
      return server;
    } catch (IOException e) {
      if (directory != null) {
        deleteRecursively(name, directory);
      }
      throw new UncheckedIOException(
          "Cannot start "
              + name
              + (commandLine.isEmpty() ? "" : " (" + String.join(" ", commandLine) + ")")
              + ": "
              + e
              + (commandLine.isEmpty()
                  ? ""
                  : ". Check that " + commandLine.get(0) + " is installed and on the PATH."),
          e);
    }
  }

  /** The server's address, {@code http://127.0.0.1:<port>}. */
  public URI address() {
    return address;
  }

  /** Where the server keeps its data: the {@code data} directory of its own directory. */
  public Path dataDirectory() {
    return directory.resolve("data");
  }

  /** The files under the server's data directory, for tests that look at what it stored. */
  public List<Path> storedFiles() {
    try (Stream<Path> paths = Files.walk(dataDirectory())) {
      return paths.filter(Files::isRegularFile).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot list " + name + "'s files under " + dataDirectory() + ": " + e, e);
    }
  }

  /** Stops the server and removes its directory. */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(stopAtExit);
    } catch (IllegalStateException e) {
      // the JVM is already exiting: the hook stops the server
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    deleteRecursively(name, directory);
  }

  private void awaitAnswer(String probePath) {
    URI probe = address.resolve(probePath);
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw closedAfter("exited with status " + process.exitValue());
      }
      if (answers(probe)) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw closedAfter("was interrupted while waiting for it");
      }
    }
    throw closedAfter("did not answer within " + START_TIMEOUT.toSeconds() + " s");
  }

  private static boolean answers(URI probe) {
    try {
      HttpURLConnection connection = (HttpURLConnection) probe.toURL().openConnection();
      connection.setConnectTimeout(1000);
      connection.setReadTimeout(1000);
      try {
        return connection.getResponseCode() > 0;
      } finally {
        connection.disconnect();
      }
    } catch (IOException e) {
      return false;
    }
  }

  /** The failure to start, with the server's output read before close removes it. */
  private IllegalStateException closedAfter(String what) {
    String log;
    try {
      log = Files.readString(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      log = "(its output cannot be read: " + e + ")";
    }
    close();
    return new IllegalStateException(
        name + " at " + address + " " + what + ". Its output:\n" + log);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void deleteRecursively(String name, Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot remove " + name + "'s files under " + root + ": " + e, e);
    }
  }
}
