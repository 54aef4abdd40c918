package io.dataexport.jdbc.schema;

import io.dataexport.api.schema.AttributeSchema;
import io.dataexport.api.schema.AttributeType;
import io.dataexport.api.schema.EntitySchema;
import io.dataexport.api.schema.OptionSchema;
import io.dataexport.api.schema.OptionSetSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The rows of the metadata tables for some entities, in each table's insert column order, values as
 * {@link io.dataexport.jdbc.type.ColumnKind} Java types. One row per option and label language; the
 * {@link MetadataTable#USER_LANGUAGE} label is the user-localized one.
 */
final class MetadataRows {
  private final Map<MetadataTable, List<List<Object>>> rows = new EnumMap<>(MetadataTable.class);

  private MetadataRows() {
    for (MetadataTable table : MetadataTable.values()) {
      rows.put(table, new ArrayList<>());
    }
  }

  /**
   * Builds the rows.
   *
   * @param entities the prepared entities; their primary id attributes name the referenced
   *     attribute of lookups pointing at them (others: {@code <entity>id}, Dataverse's convention)
   * @param now the {@code Timestamp} of attribute rows
   */
  static Map<MetadataTable, List<List<Object>>> of(List<EntitySchema> entities, Instant now) {
    Map<String, String> primaryIds =
        entities.stream()
            .collect(
                Collectors.toMap(
                    EntitySchema::logicalName,
                    EntitySchema::primaryIdAttribute,
                    (a, b) -> a,
                    TreeMap::new));
    MetadataRows builder = new MetadataRows();
    for (EntitySchema entity : entities) {
      for (AttributeSchema attribute : entity.attributes()) {
        builder.add(entity.logicalName(), attribute, primaryIds, now);
      }
    }
    return builder.rows;
  }

  private void add(
      String entity, AttributeSchema attribute, Map<String, String> primaryIds, Instant now) {
    String name = attribute.logicalName();
    OptionSetSchema optionSet = attribute.optionSet();
    if (optionSet != null) {
      for (OptionSchema option : optionSet.options()) {
        switch (attribute.type()) {
          case STATE -> labels(option, l -> row(MetadataTable.STATE, entity, option.value(), l));
          case STATUS ->
              labels(
                  option,
                  l -> row(MetadataTable.STATUS, entity, option.state(), option.value(), l));
          default -> {
            if (optionSet.global()) {
              labels(
                  option,
                  l ->
                      row(
                          MetadataTable.GLOBAL_OPTION_SET,
                          name,
                          option.value(),
                          l,
                          optionSet.name(),
                          entity));
            } else {
              labels(option, l -> row(MetadataTable.OPTION_SET, entity, name, option.value(), l));
            }
          }
        }
      }
    }
    if (attribute.type().isLookup()) {
      for (String target : attribute.targets()) {
        row(
            MetadataTable.TARGET,
            entity,
            name,
            target,
            primaryIds.getOrDefault(target, target + "id"));
      }
    }
    AttributeType type = attribute.type();
    row(
        MetadataTable.ATTRIBUTE,
        entity,
        name,
        AttributeTypeCodes.name(type),
        AttributeTypeCodes.code(type),
        null, // Version: the source's metadata version is not part of the schema model
        now,
        null, // MetadataId: likewise
        attribute.precision(),
        attribute.maxLength());
  }

  /** One row per label language, ordered by language code. */
  private static void labels(OptionSchema option, Consumer<Label> row) {
    new TreeMap<>(option.labels())
        .forEach(
            (language, text) ->
                row.accept(new Label(language == MetadataTable.USER_LANGUAGE, language, text)));
  }

  private void row(MetadataTable table, Object... values) {
    List<Object> flat = new ArrayList<>();
    for (Object value : values) {
      if (value instanceof Label label) {
        flat.addAll(Arrays.asList(label.userLocalized(), label.language(), label.text()));
      } else {
        flat.add(value);
      }
    }
    rows.get(table).add(flat);
  }

  private record Label(boolean userLocalized, int language, String text) {}
}
