package io.dataexport.api.schema;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What a source offers to export, for choosing a profile's entities and relationships (the
 * console's create wizard): its entities and its N:N relationships, each sorted by name.
 *
 * @param entities the entities, by logical name
 * @param relationships the N:N relationships, by schema name
 */
public record SourceCatalog(List<Entity> entities, List<Relationship> relationships) {
  public SourceCatalog {
    entities = entities.stream().sorted(Comparator.comparing(Entity::name)).toList();
    relationships =
        relationships.stream().sorted(Comparator.comparing(Relationship::schemaName)).toList();
  }

  /**
   * An entity of the source.
   *
   * @param name its logical name, as a profile lists it
   * @param displayName its name for people (the logical name when it has none)
   * @param changeTracking whether it tracks changes, which exporting it needs
   */
  public record Entity(String name, String displayName, boolean changeTracking) {
    public Entity {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(displayName, "displayName");
    }
  }

  /**
   * An N:N relationship of the source.
   *
   * @param schemaName its schema name, as a profile lists it
   * @param entity1 the logical name of one side
   * @param entity2 the logical name of the other side
   * @param intersectEntity the logical name of the entity that holds its pairs
   */
  public record Relationship(
      String schemaName, String entity1, String entity2, String intersectEntity) {
    public Relationship {
      Objects.requireNonNull(schemaName, "schemaName");
    }
  }
}
