package io.dataexport.emulator.http.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.emulator.http.JsonBodies;
import io.dataexport.emulator.http.ODataException;
import io.dataexport.emulator.http.QueryOptions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Applies {@code $filter}, {@code $expand} and {@code $select} to metadata items of one type, the
 * same way for entities, attributes, option sets and relationships.
 *
 * <p>Each item is first written in full; the filter sees that, then navigation properties named in
 * {@code $expand} are added and {@code $select} cuts the rest away. {@code @odata.type} and {@code
 * MetadataId} always stay, as in Dataverse's answers.
 *
 * @param <T> the model class of the items
 */
final class MetadataQuery<T> {
  private static final Set<String> SUPPORTED = Set.of("$select", "$filter", "$expand", "$format");
  private static final List<String> ALWAYS_KEPT = List.of("@odata.type", "MetadataId");

  private final MetadataType type;
  private final Function<T, ObjectNode> writer;
  private final BiFunction<T, ExpandItem, JsonNode> expander;

  /**
   * @param type the items' declared type, which decides what the options may name
   * @param writer writes an item's structural properties
   * @param expander writes one navigation property of an item; only called for names the type
   *     declares
   */
  MetadataQuery(
      MetadataType type,
      Function<T, ObjectNode> writer,
      BiFunction<T, ExpandItem, JsonNode> expander) {
    this.type = type;
    this.writer = writer;
    this.expander = expander;
  }

  /** For types without navigation properties. */
  static <T> MetadataQuery<T> of(MetadataType type, Function<T, ObjectNode> writer) {
    return new MetadataQuery<>(
        type,
        writer,
        (item, expand) -> {
          throw new IllegalStateException("no navigation property " + expand.name());
        });
  }

  /**
   * The items that pass the filter, shaped by the options.
   *
   * @throws ODataException 400 for options that are unsupported or name unknown properties
   */
  ArrayNode list(Collection<? extends T> items, QueryOptions query) {
    Shape shape = shape(query);
    MetadataFilter filter =
        query.get("$filter") == null ? null : MetadataFilter.parse(query.get("$filter"), type);
    ArrayNode value = JsonBodies.MAPPER.createArrayNode();
    for (T item : items) {
      ObjectNode full = writer.apply(item);
      if (filter == null || filter.test(full)) {
        value.add(shaped(item, full, shape));
      }
    }
    return value;
  }

  /**
   * One item, shaped by the options.
   *
   * @throws ODataException 400 for a {@code $filter} (single items cannot be filtered) and as
   *     {@link #list}
   */
  ObjectNode single(T item, QueryOptions query) {
    if (query.has("$filter")) {
      throw ODataException.badRequest(
          "$filter applies to collections, not to a single " + type.qualifiedName() + ".");
    }
    return shaped(item, writer.apply(item), shape(query));
  }

  /**
   * The part of {@code @odata.context} that lists selected and expanded properties, e.g. {@code
   * (LogicalName,Attributes)}; empty without {@code $select}.
   */
  static String selectSuffix(QueryOptions query) {
    List<String> select = query.select();
    if (select.isEmpty()) {
      return "";
    }
    Set<String> names = new LinkedHashSet<>(select);
    ExpandItem.parse(query.get("$expand")).forEach(e -> names.add(e.name()));
    return "(" + String.join(",", names) + ")";
  }

  private Shape shape(QueryOptions query) {
    for (String option : query.asMap().keySet()) {
      if (option.startsWith("$") && !SUPPORTED.contains(option)) {
        throw ODataException.badRequest(
            "The query option "
                + option
                + " is not supported on metadata; metadata queries take $select, $filter and"
                + " $expand and are never paged.");
      }
    }
    Set<String> select = new LinkedHashSet<>(query.select());
    boolean all = select.isEmpty() || select.remove("*");
    select.forEach(type::requireProperty);
    List<ExpandItem> expand = new ArrayList<>();
    for (ExpandItem item : ExpandItem.parse(query.get("$expand"))) {
      type.requireNavigation(item.name());
      expand.add(item);
    }
    return new Shape(all ? null : List.copyOf(select), expand);
  }

  /**
   * @param select the properties to keep besides {@link #ALWAYS_KEPT}; null keeps all
   * @param expand the navigation properties to add
   */
  private record Shape(List<String> select, List<ExpandItem> expand) {}

  private ObjectNode shaped(T item, ObjectNode full, Shape shape) {
    ObjectNode result = full;
    if (shape.select() != null) {
      result = JsonBodies.MAPPER.createObjectNode();
      for (String property : ALWAYS_KEPT) {
        if (full.has(property)) {
          result.set(property, full.get(property));
        }
      }
      for (String property : shape.select()) {
        result.set(property, full.get(property));
      }
    }
    for (ExpandItem expand : shape.expand()) {
      result.set(expand.name(), expander.apply(item, expand));
    }
    return result;
  }
}
