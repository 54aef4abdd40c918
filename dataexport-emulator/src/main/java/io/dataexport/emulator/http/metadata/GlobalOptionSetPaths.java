package io.dataexport.emulator.http.metadata;

import io.dataexport.emulator.http.ODataPath;
import io.dataexport.emulator.http.ODataPath.Segment;
import io.dataexport.emulator.http.QueryOptions;
import io.dataexport.emulator.metadata.OptionSetDefinition;
import io.dataexport.emulator.metadata.OrganisationMetadata;

/**
 * {@code GlobalOptionSetDefinitions}, {@code GlobalOptionSetDefinitions(Name='x')} and the same
 * with the cast {@code /Microsoft.Dynamics.CRM.OptionSetMetadata}.
 */
final class GlobalOptionSetPaths {
  static final String NAME = "GlobalOptionSetDefinitions";

  private static final MetadataQuery<OptionSetDefinition> QUERY =
      MetadataQuery.of(OptionSetMetadataJson.OPTION_SET, OptionSetMetadataJson::typed);

  private final OrganisationMetadata metadata;

  GlobalOptionSetPaths(OrganisationMetadata metadata) {
    this.metadata = metadata;
  }

  /** Answers a path whose first segment is {@value #NAME}. */
  MetadataAnswer answer(ODataPath path, QueryOptions query) {
    Segment root = path.first();
    String context = NAME;
    if (path.size() > 2) {
      throw MetadataAnswer.unknownSegment(path.get(2), "nothing after the option set");
    }
    if (path.size() == 2) {
      Segment cast = path.get(1);
      if (cast.hasKey() || !cast.name().equals(OptionSetMetadataJson.OPTION_SET.qualifiedName())) {
        throw MetadataAnswer.unknownSegment(
            cast, "the cast " + OptionSetMetadataJson.OPTION_SET.qualifiedName());
      }
      context += "/" + cast.name();
    }
    if (!root.hasKey()) {
      return MetadataAnswer.collection(
          context, query, QUERY.list(metadata.globalOptionSets(), query));
    }
    OptionSetDefinition set =
        MetadataKey.of(root, "Name")
            .find(
                metadata.globalOptionSets(),
                OptionSetDefinition::name,
                OptionSetMetadataJson::metadataId,
                "global option set",
                "name",
                "");
    return MetadataAnswer.single(context, query, QUERY.single(set, query));
  }
}
