package io.dataexport.store.blob;

import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.error.Problem;
import io.dataexport.api.profile.Secret;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads the {@code blobs.*} settings of one blob store type and collects what is wrong with them,
 * so that a provider's {@code check} and {@code open} read them through the same code: {@code
 * check} returns {@link #problems()}, {@code open} calls {@link #requireUsable()} first.
 *
 * <p>Each problem names the key with its {@code blobs.} prefix, the value (never the value of a
 * secret, nor of a key the type does not know, which may be a misspelt secret) and what to do. Keys
 * the type does not know are problems, so a misspelt setting is never silently ignored; {@code
 * type} itself may come along and is always accepted. Blank values count as absent.
 */
public final class BlobSettings {
  /** The prefix of every blob store setting in the configuration. */
  public static final String PREFIX = "blobs.";

  /** The key that chooses the type; accepted by every type. */
  public static final String TYPE = "type";

  private final String type;
  private final Map<String, String> settings;
  private final List<Problem> problems = new ArrayList<>();

  /**
   * Starts reading the settings of a type, reporting every key outside {@code known}.
   *
   * @param type the {@code blobs.type} they are for, for messages
   * @param settings the keys under {@code blobs.} without that prefix; null counts as none
   * @param known every key the type reads
   */
  public BlobSettings(String type, Map<String, String> settings, Set<String> known) {
    this.type = type;
    this.settings = settings == null ? Map.of() : Map.copyOf(settings);
    Set<String> unknown = new TreeSet<>(this.settings.keySet());
    unknown.removeAll(known);
    unknown.remove(TYPE);
    for (String key : unknown) {
      problem(
          key,
          null,
          "is not a setting of blobs.type '"
              + type
              + "'; "
              + (known.isEmpty()
                  ? "it takes none, remove it."
                  : "remove it or correct its name (known: "
                      + known.stream().sorted().collect(Collectors.joining(", "))
                      + ")."));
    }
  }

  /** The value of a key, trimmed; empty when absent or blank. */
  public Optional<String> text(String key) {
    String value = settings.get(key);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  /** Whether a key has a value. */
  public boolean has(String key) {
    return text(key).isPresent();
  }

  /** The value of a key, or a problem saying what to set when it is absent. */
  public Optional<String> required(String key, String whatToSet) {
    Optional<String> value = text(key);
    if (value.isEmpty()) {
      problem(key, null, "is required for blobs.type '" + type + "': " + whatToSet);
    }
    return value;
  }

  /** The value of a secret key, untrimmed (a secret is taken as written); never in a problem. */
  public Optional<Secret> secret(String key) {
    String value = settings.get(key);
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(Secret.of(value));
  }

  /** A {@code true}/{@code false} key (any case), or the fallback when absent. */
  public boolean flag(String key, boolean fallback) {
    Optional<String> value = text(key);
    if (value.isEmpty()) {
      return fallback;
    }
    return switch (value.get().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> {
        problem(key, value.get(), "must be true or false.");
        yield fallback;
      }
    };
  }

  /**
   * An absolute {@code http} or {@code https} URL without user information, query or fragment;
   * empty when absent or malformed (then with a problem).
   *
   * @param example a valid value, for the message
   */
  public Optional<URI> url(String key, String example) {
    Optional<String> value = text(key);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    String why;
    try {
      URI url = new URI(value.get());
      String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        why = "is not an http:// or https:// URL";
      } else if (url.getHost() == null) {
        why = "has no host name";
      } else if (url.getRawUserInfo() != null) {
        why = "carries user information; give credentials in their own settings";
      } else if (url.getRawQuery() != null || url.getRawFragment() != null) {
        why = "has a query or fragment";
      } else {
        return Optional.of(url);
      }
    } catch (URISyntaxException e) {
      why = "is not a URL (" + e.getReason() + ")";
    }
    // A URL with user information may hold a password: never repeat it.
    String shown = value.get().contains("@") ? null : value.get();
    problem(key, shown, why + ". Give the service's URL, for example " + example + ".");
    return Optional.empty();
  }

  /** Records a problem with a key; value null when it must not be shown. */
  public void problem(String key, String value, String message) {
    problems.add(new Problem(PREFIX + key, value, message));
  }

  /** Every problem found so far. */
  public List<Problem> problems() {
    return List.copyOf(problems);
  }

  /**
   * Throws when a problem was found.
   *
   * @throws ConfigurationException listing every problem
   */
  public void requireUsable() {
    if (!problems.isEmpty()) {
      throw new ConfigurationException(
          "The blob store settings (blobs.type '"
              + type
              + "') cannot be used: "
              + problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
    }
  }
}
