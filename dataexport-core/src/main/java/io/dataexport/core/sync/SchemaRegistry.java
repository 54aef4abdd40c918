package io.dataexport.core.sync;

import io.dataexport.api.destination.Destination;
import io.dataexport.api.schema.EntitySchema;
import io.dataexport.api.schema.RelationshipSchema;
import io.dataexport.api.source.ChangeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The exported shape of a profile's entities (relationships as their intersect entities), read from
 * the source and kept in step with the destination's tables: a refresh re-reads the source and lets
 * the destination add what is new.
 */
final class SchemaRegistry {
  private final ChangeSource source;
  private final Destination destination;
  private final boolean writeDeleteLog;
  private final Map<String, EntitySchema> schemas = new ConcurrentHashMap<>();

  SchemaRegistry(ChangeSource source, Destination destination, boolean writeDeleteLog) {
    this.source = source;
    this.destination = destination;
    this.writeDeleteLog = writeDeleteLog;
  }

  /**
   * Describes the entities and the relationships' intersect entities and prepares the destination.
   *
   * @return the logical names to read, entities first
   */
  synchronized List<String> load(List<String> entities, List<String> relationships) {
    List<String> names = new ArrayList<>(entities);
    for (String relationship : relationships) {
      RelationshipSchema schema = source.relationship(relationship);
      if (!names.contains(schema.intersectEntity())) {
        names.add(schema.intersectEntity());
      }
    }
    Map<String, EntitySchema> next = new LinkedHashMap<>(schemas);
    for (String name : names) {
      next.put(name, source.describe(name));
    }
    destination.prepare(List.copyOf(next.values()), writeDeleteLog);
    schemas.putAll(next);
    return names;
  }

  EntitySchema schema(String entity) {
    EntitySchema schema = schemas.get(entity);
    if (schema == null) {
      schema = refresh(entity);
    }
    return schema;
  }

  /**
   * Re-reads one entity's shape and, when it changed, evolves the destination (new columns, wider
   * columns, current metadata tables). The new shape is handed out only once the destination has
   * it, so no writer applies a payload to a table that lacks its columns.
   *
   * @return the entity's current shape
   */
  synchronized EntitySchema refresh(String entity) {
    EntitySchema schema = source.describe(entity);
    if (schema.equals(schemas.get(entity))) {
      return schema;
    }
    Map<String, EntitySchema> next = new LinkedHashMap<>(schemas);
    next.put(entity, schema);
    destination.prepare(List.copyOf(next.values()), writeDeleteLog);
    schemas.put(entity, schema);
    return schema;
  }

  /** Whether a payload names attributes the known shape lacks. */
  boolean knows(EntitySchema schema, Set<String> attributes) {
    for (String name : attributes) {
      if (schema.attribute(name).isEmpty()) {
        return false;
      }
    }
    return true;
  }
}
