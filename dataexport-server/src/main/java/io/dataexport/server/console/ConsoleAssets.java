package io.dataexport.server.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The console's files, read from the class path once. Only the files named in {@link #FILES} are
 * served, so no request path can reach anything else. They are served under {@code
 * /console/<version>/}, the version being a hash of all their contents: a new release changes the
 * address, so a browser may keep a file forever, and the ES modules' relative imports stay in the
 * same version. {@code index.html} names that address and is never cached.
 */
public final class ConsoleAssets {
  /** Where the files are on the class path. */
  static final String ROOT = "console/";

  /** Every file of the console, index.html first; a missing one is a build mistake. */
  static final List<String> FILES =
      List.of(
          "index.html",
          "console.css",
          "app.js",
          "api.js",
          "dom.js",
          "chart.js",
          "overview.js",
          "profile.js",
          "failures.js",
          "wizard.js",
          "audit.js",
          "cluster.js");

  private static final String VERSION_MARK = "__VERSION__";

  /**
   * A file to send.
   *
   * @param bytes its contents
   * @param contentType its media type with charset
   */
  public record Asset(byte[] bytes, String contentType) {}

  private final Map<String, Asset> assets;
  private final String version;
  private final byte[] index;

  private ConsoleAssets(Map<String, Asset> assets, String version, byte[] index) {
    this.assets = assets;
    this.version = version;
    this.index = index;
  }

  /**
   * Reads the files from the class path.
   *
   * @throws IllegalStateException when one is missing (the jar was built without them)
   */
  public static ConsoleAssets load() {
    Map<String, Asset> assets = new LinkedHashMap<>();
    MessageDigest digest = sha256();
    for (String name : FILES) {
      byte[] bytes = read(name);
      digest.update(name.getBytes(StandardCharsets.UTF_8));
      digest.update(bytes);
      assets.put(name, new Asset(bytes, contentType(name)));
    }
    String version = HexFormat.of().formatHex(digest.digest()).substring(0, 12);
    byte[] index =
        new String(assets.remove("index.html").bytes(), StandardCharsets.UTF_8)
            .replace(VERSION_MARK, version)
            .getBytes(StandardCharsets.UTF_8);
    return new ConsoleAssets(Map.copyOf(assets), version, index);
  }

  /** The version the files are served under now. */
  public String version() {
    return version;
  }

  /** The page every console address answers with; it loads the files of this version. */
  public Asset index() {
    return new Asset(index, "text/html; charset=utf-8");
  }

  /**
   * A file by its name under {@code /console/<version>/}; empty for an old or unknown version or a
   * name that is not one of the console's files.
   */
  public Optional<Asset> file(String requestedVersion, String name) {
    if (!version.equals(requestedVersion)) {
      return Optional.empty();
    }
    return Optional.ofNullable(assets.get(name));
  }

  private static byte[] read(String name) {
    try (InputStream in = ConsoleAssets.class.getClassLoader().getResourceAsStream(ROOT + name)) {
      if (in == null) {
        throw new IllegalStateException(
            "The web console's file "
                + ROOT
                + name
                + " is not on the class path; rebuild the service (./dataexport builds it).");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the web console's file " + name, e);
    }
  }

  private static String contentType(String name) {
    if (name.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    }
    if (name.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    return "text/html; charset=utf-8";
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
