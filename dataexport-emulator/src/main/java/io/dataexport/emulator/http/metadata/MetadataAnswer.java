package io.dataexport.emulator.http.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.emulator.http.ODataException;
import io.dataexport.emulator.http.ODataPath.Segment;
import io.dataexport.emulator.http.QueryOptions;

/**
 * What a metadata path answers, before the service root is known: the {@code @odata.context}
 * fragment (after {@code $metadata#}) and either the {@code value} list or the single object.
 *
 * @param context e.g. {@code EntityDefinitions('account')/Attributes(LogicalName)} or {@code
 *     EntityDefinitions/$entity}
 * @param result an {@link ArrayNode} for collections, an {@link ObjectNode} for single items
 */
record MetadataAnswer(String context, JsonNode result) {

  static MetadataAnswer collection(String path, QueryOptions query, ArrayNode value) {
    return new MetadataAnswer(path + MetadataQuery.selectSuffix(query), value);
  }

  static MetadataAnswer single(String path, QueryOptions query, ObjectNode item) {
    return new MetadataAnswer(path + MetadataQuery.selectSuffix(query) + "/$entity", item);
  }

  /** 404 for a segment the metadata API does not have, naming what would have been valid. */
  static ODataException unknownSegment(Segment segment, String expected) {
    return ODataException.notFound(
        "Resource not found for the segment '" + segment + "'. Expected " + expected + ".");
  }
}
