package io.dataexport.store.blob;

import io.dataexport.api.blob.BlobIntegrityException;
import io.dataexport.api.blob.KeyProvider;
import io.dataexport.api.blob.WrappedKey;
import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.error.Problem;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKey;

/**
 * A {@link KeyProvider} whose key-encryption keys come from the configuration ({@code keys.type:
 * configured}): {@code keys.keys} holds them as {@code id=BASE64} entries (see {@link
 * ConfiguredKeyText}), {@code keys.primaryId} names the one new blobs are wrapped under. Every node
 * of a cluster given the same two settings (from a secret, as the environment variables {@code
 * DATAEXPORT_KEYS_KEYS} and {@code DATAEXPORT_KEYS_PRIMARY_ID}) reads every blob; nothing is kept
 * on the node.
 *
 * <p>It never creates or writes a key. Rotation is done in the configuration: add a key ({@link
 * #newKeyEntry}), make it the primary, re-encrypt the blobs, and remove the old key once none is
 * left under it. Data keys are wrapped as {@link AesKeyWrap} describes, the same format as {@link
 * LocalKeyProvider}.
 *
 * <p>Nothing it exposes prints a key: {@link #toString()} names the ids only, and problems name
 * entries by position. Immutable and thread-safe.
 */
public final class ConfiguredKeyProvider implements KeyProvider {
  static final String PRIMARY_FIELD = "keys.primaryId";
  private static final String SOURCE =
      ConfiguredKeyText.FIELD + " (the configuration file, or DATAEXPORT_KEYS_KEYS)";
  private static final DateTimeFormatter ID_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String primaryId;
  private final Map<String, SecretKey> keys;

  private ConfiguredKeyProvider(String primaryId, Map<String, SecretKey> keys) {
    this.primaryId = primaryId;
    this.keys = keys;
  }

  /**
   * Checks the two settings without keeping anything: every problem, none showing key material.
   *
   * @param primaryId the value of {@code keys.primaryId}, or null when not set
   * @param keys the value of {@code keys.keys}, or null when not set
   * @return empty when {@link #open} succeeds with them
   */
  public static List<Problem> check(String primaryId, String keys) {
    return problems(primaryId, ConfiguredKeyText.parse(keys));
  }

  /**
   * Opens the keys of the configuration.
   *
   * @param primaryId the value of {@code keys.primaryId}: the id of one of {@code keys}
   * @param keys the value of {@code keys.keys}: {@code id=BASE64} entries separated by commas
   * @throws ConfigurationException listing every problem {@link #check} reports
   */
  public static ConfiguredKeyProvider open(String primaryId, String keys) {
    ConfiguredKeyText text = ConfiguredKeyText.parse(keys);
    List<Problem> problems = problems(primaryId, text);
    if (!problems.isEmpty()) {
      throw KeySettings.refused(ConfiguredKeyProviderFactory.TYPE, problems);
    }
    return new ConfiguredKeyProvider(primaryId.strip(), text.keys());
  }

  private static List<Problem> problems(String primaryId, ConfiguredKeyText text) {
    List<Problem> problems = new ArrayList<>(text.problems());
    String id = primaryId == null ? "" : primaryId.strip();
    if (id.isEmpty()) {
      problems.add(
          new Problem(
              PRIMARY_FIELD,
              null,
              "is required: the id of the key in keys.keys that new blobs are wrapped under."));
    } else if (!ConfiguredKeyText.KEY_ID.matcher(id).matches()) {
      problems.add(
          new Problem(
              PRIMARY_FIELD,
              null,
              "is not a key id (1 to 100 letters, digits, '-' or '_'): give the id of the key in"
                  + " keys.keys that new blobs are wrapped under."));
    } else if (!text.keys().containsKey(id) && text.problems().isEmpty()) {
      problems.add(
          new Problem(
              PRIMARY_FIELD,
              null,
              "is not among the ids in keys.keys ("
                  + String.join(", ", text.keys().keySet())
                  + "): add the key under that id, or name one of those."));
    }
    return problems;
  }

  /**
   * A new key as a {@code keys.keys} entry, {@code id=BASE64} of 32 random bytes, for an operator
   * to put into the configuration. The caller shows it to the operator only (never log it).
   *
   * @throws IllegalArgumentException when the id is not 1 to 100 letters, digits, '-' or '_'
   */
  public static String newKeyEntry(String id) {
    if (id == null || !ConfiguredKeyText.KEY_ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "The key id '"
              + id
              + "' cannot be used: an id is 1 to 100 letters, digits, '-' or '_', for instance "
              + newKeyId()
              + ".");
    }
    byte[] material = new byte[AesKeyWrap.KEY_BYTES];
    RANDOM.nextBytes(material);
    try {
      return id + "=" + Base64.getEncoder().encodeToString(material);
    } finally {
      Arrays.fill(material, (byte) 0);
    }
  }

  /** A fresh key id, {@code key-<UTC date>-<8 random hex digits>}: sorts by age, never repeats. */
  public static String newKeyId() {
    byte[] suffix = new byte[4];
    RANDOM.nextBytes(suffix);
    return "key-" + ID_DATE.format(Instant.now()) + "-" + HexFormat.of().formatHex(suffix);
  }

  @Override
  public String primaryKeyId() {
    return primaryId;
  }

  @Override
  public WrappedKey wrap(byte[] dataKey) {
    return AesKeyWrap.wrap(primaryId, keys.get(primaryId), dataKey);
  }

  /**
   * {@inheritDoc}
   *
   * @throws ConfigurationException when no configured key has the wrapped key's id
   * @throws BlobIntegrityException when the wrapped bytes were changed or the key configured under
   *     that id is not the one they were wrapped with
   */
  @Override
  public byte[] unwrap(WrappedKey wrappedKey) {
    String id = wrappedKey.keyId();
    SecretKey key = keys.get(id);
    if (key == null) {
      throw new ConfigurationException(
          "The blob key '"
              + id
              + "' is not configured: "
              + SOURCE
              + " holds the ids "
              + String.join(", ", keys.keySet())
              + ". Blobs written under it cannot be read until that key is added back under its"
              + " id.");
    }
    return AesKeyWrap.unwrap(
        key,
        wrappedKey,
        () ->
            "A data key wrapped under blob key '"
                + id
                + "' does not unwrap with the key configured under that id in "
                + SOURCE
                + ": the wrapped key was changed, or that id now names another key (put the"
                + " original key back under it; a new key needs a new id).");
  }

  /** The primary and the ids held, never a key. */
  @Override
  public String toString() {
    return "ConfiguredKeyProvider[primaryKeyId="
        + primaryId
        + ", keyIds="
        + String.join(",", keys.keySet())
        + "]";
  }
}
