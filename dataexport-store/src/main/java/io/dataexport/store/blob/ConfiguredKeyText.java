package io.dataexport.store.blob;

import io.dataexport.api.error.Problem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The text of {@code keys.keys} read into keys: entries {@code id=BASE64} separated by commas
 * (spaces and line breaks around them ignored, empty entries skipped), each the base64 of a 32-byte
 * AES-256 key under an id of letters, digits, {@code -} and {@code _}.
 *
 * <p>A problem names a malformed entry by its position only, never by its text: an entry typed
 * wrong may be nothing but key material (a key without its id reads as an id without its key). Only
 * the ids of well-formed entries are ever named, and nothing here prints a key.
 */
final class ConfiguredKeyText {
  static final String FIELD = "keys.keys";
  static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");

  private final Map<String, SecretKey> keys;
  private final List<Problem> problems;

  private ConfiguredKeyText(Map<String, SecretKey> keys, List<Problem> problems) {
    this.keys = Collections.unmodifiableMap(keys);
    this.problems = List.copyOf(problems);
  }

  /** The keys of the well-formed entries by id, in the order given. */
  Map<String, SecretKey> keys() {
    return keys;
  }

  /** Every problem found, each with the field {@code keys.keys}; empty when the text is usable. */
  List<Problem> problems() {
    return problems;
  }

  /** Reads the text; null or blank is a problem (there must be at least the primary key). */
  static ConfiguredKeyText parse(String text) {
    Map<String, SecretKey> keys = new LinkedHashMap<>();
    List<Problem> problems = new ArrayList<>();
    if (text == null || text.isBlank()) {
      problems.add(
          new Problem(
              FIELD,
              null,
              "is required: the blob keys as id=BASE64 entries separated by commas, the primary"
                  + " among them. Make one with 'dataexport keys generate'."));
      return new ConfiguredKeyText(keys, problems);
    }
    String[] entries = text.split(",", -1);
    Map<String, Integer> positions = new HashMap<>();
    for (int i = 0; i < entries.length; i++) {
      String entry = entries[i].strip();
      if (entry.isEmpty()) {
        continue;
      }
      String where = "entry " + (i + 1) + " of " + entries.length;
      int equals = entry.indexOf('=');
      String value = equals < 0 ? "" : entry.substring(equals + 1).strip();
      // A key without its id ends in '=' padding: it has nothing, or only padding, after an '='.
      if (equals <= 0 || value.isEmpty() || value.startsWith("=")) {
        problems.add(
            problem(where, "is not id=BASE64: give each key an id, then '=', then its base64."));
        continue;
      }
      String id = entry.substring(0, equals).strip();
      if (!KEY_ID.matcher(id).matches()) {
        problems.add(
            problem(
                where,
                "has an id that is not 1 to 100 letters, digits, '-' or '_'. Write it as"
                    + " id=BASE64."));
        continue;
      }
      byte[] material;
      try {
        material = Base64.getDecoder().decode(value);
      } catch (IllegalArgumentException e) {
        problems.add(
            problem(
                where,
                "is not valid base64 after its '=': give the standard base64 (A-Z, a-z, 0-9, +, /)"
                    + " of 32 random bytes, as 'dataexport keys generate' prints it."));
        continue;
      }
      try {
        if (material.length != AesKeyWrap.KEY_BYTES) {
          problems.add(
              problem(
                  where,
                  "holds a key of "
                      + material.length
                      + " bytes, but a blob key is "
                      + AesKeyWrap.KEY_BYTES
                      + " random bytes (AES-256). Make one with 'dataexport keys generate'."));
          continue;
        }
        Integer first = positions.putIfAbsent(id, i + 1);
        if (first != null) {
          problems.add(
              problem(
                  where,
                  "has the id '"
                      + id
                      + "' of entry "
                      + first
                      + ": an id names one key. Remove one of them, or give it a new id (a"
                      + " key under a changed id no longer opens the blobs written under it)."));
          continue;
        }
        keys.put(id, new SecretKeySpec(material, "AES"));
      } finally {
        Arrays.fill(material, (byte) 0);
      }
    }
    return new ConfiguredKeyText(keys, problems);
  }

  private static Problem problem(String where, String message) {
    return new Problem(FIELD, null, where + " " + message);
  }
}
