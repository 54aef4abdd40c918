package io.dataexport.emulator.http.metadata;

import io.dataexport.emulator.http.ODataPath;
import io.dataexport.emulator.http.ODataResponse;
import io.dataexport.emulator.http.QueryOptions;
import io.dataexport.emulator.metadata.OrganisationMetadata;

/**
 * Metadata queries: {@code EntityDefinitions}, their {@code Attributes} (with typed casts and
 * {@code $expand=OptionSet,GlobalOptionSet}), relationships and global option sets.
 */
public final class MetadataResource {

  public MetadataResource(OrganisationMetadata metadata, String serviceRoot) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Whether this resource answers paths starting with the segment named {@code name}. */
  public static boolean handles(String name) {
    return name.equals("EntityDefinitions")
        || name.equals("GlobalOptionSetDefinitions")
        || name.equals("RelationshipDefinitions");
  }

  /**
   * Answers a GET of a metadata path.
   *
   * @throws io.dataexport.emulator.http.ODataException 404 for unknown entities or attributes, 400
   *     for unsupported options or malformed filters
   */
  public ODataResponse get(ODataPath path, QueryOptions query) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
