package io.dataexport.emulator.http.metadata;

import io.dataexport.emulator.http.ODataException;
import io.dataexport.emulator.http.ODataPath.Segment;
import java.util.Collection;
import java.util.UUID;
import java.util.function.Function;

/**
 * The key of a metadata segment: an alternate key such as {@code LogicalName='account'} or the bare
 * MetadataId, as in {@code EntityDefinitions(70816501-edb9-4740-a16c-6a5efbc05d84)}.
 *
 * @param keyName the alternate key's name, e.g. {@code LogicalName}
 * @param name the alternate key's value, or null when addressed by id
 * @param id the MetadataId, or null when addressed by name
 */
record MetadataKey(String keyName, String name, UUID id) {

  /**
   * Reads the key of a segment.
   *
   * @throws ODataException 400 when the key is neither {@code <keyName>='...'} nor a GUID
   */
  static MetadataKey of(Segment segment, String keyName) {
    String named = segment.keyValue(keyName);
    if (named != null) {
      return new MetadataKey(keyName, named, null);
    }
    String bare = segment.keyValue(null);
    if (bare != null) {
      try {
        return new MetadataKey(keyName, null, UUID.fromString(bare));
      } catch (IllegalArgumentException notAGuid) {
        // falls through to the explanation below
      }
    }
    throw ODataException.badRequest(
        "The key in '"
            + segment
            + "' is not valid: address "
            + segment.name()
            + " by "
            + keyName
            + "='<value>' or by the MetadataId GUID.");
  }

  /**
   * The candidate the key names.
   *
   * @param what the kind of thing for the message, e.g. {@code entity}
   * @param nameWords the key in words for the message, e.g. {@code logical name}
   * @param where appended to the not-found message, e.g. {@code on entity 'account'}; may be empty
   * @throws ODataException 404 ({@code 0x80040217}) when no candidate matches
   */
  <T> T find(
      Collection<? extends T> candidates,
      Function<T, String> nameOf,
      Function<T, UUID> idOf,
      String what,
      String nameWords,
      String where) {
    for (T candidate : candidates) {
      if (name != null ? name.equals(nameOf.apply(candidate)) : id.equals(idOf.apply(candidate))) {
        return candidate;
      }
    }
    String key = name != null ? nameWords + " '" + name + "'" : "MetadataId '" + id + "'";
    throw ODataException.notFound("Could not find " + what + " with " + key + where + ".");
  }
}
