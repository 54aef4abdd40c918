package io.dataexport.emulator.http.metadata;

import io.dataexport.emulator.metadata.AttributeDefinition;
import io.dataexport.emulator.metadata.EntityDefinition;
import io.dataexport.emulator.metadata.OrganisationMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * A 1:N relationship implied by a lookup: one per lookup attribute and target, as Dataverse has one
 * relationship per target of a customer or owner lookup.
 *
 * @param schemaName {@code <referencing entity>_<lookup>_<referenced entity>}
 * @param referencedEntity the lookup's target (the "one" side)
 * @param referencedAttribute the target's primary id
 * @param referencingEntity the entity holding the lookup (the "many" side)
 * @param referencingAttribute the lookup attribute
 * @param referencingNavigation the single-valued navigation property on the referencing entity: the
 *     lookup's name, suffixed with the target for lookups with several targets ({@code
 *     parentcustomerid_account}), as used in {@code @odata.bind}
 */
record LookupRelationship(
    String schemaName,
    String referencedEntity,
    String referencedAttribute,
    String referencingEntity,
    String referencingAttribute,
    String referencingNavigation) {

  /** Every lookup relationship of the organisation, in entity and attribute order. */
  static List<LookupRelationship> all(OrganisationMetadata metadata) {
    List<LookupRelationship> relationships = new ArrayList<>();
    for (EntityDefinition entity : metadata.entities()) {
      for (AttributeDefinition attribute : entity.attributes()) {
        if (!attribute.kind().isReference()) {
          continue;
        }
        for (String target : attribute.targets()) {
          // a target outside the organisation has no primary id to name; Dataverse would not
          // accept such a lookup either
          metadata
              .entity(target)
              .ifPresent(referenced -> relationships.add(of(entity, attribute, referenced)));
        }
      }
    }
    return List.copyOf(relationships);
  }

  private static LookupRelationship of(
      EntityDefinition entity, AttributeDefinition attribute, EntityDefinition referenced) {
    String navigation =
        attribute.targets().size() > 1
            ? attribute.logicalName() + "_" + referenced.logicalName()
            : attribute.logicalName();
    return new LookupRelationship(
        entity.logicalName() + "_" + attribute.logicalName() + "_" + referenced.logicalName(),
        referenced.logicalName(),
        referenced.primaryIdAttribute(),
        entity.logicalName(),
        attribute.logicalName(),
        navigation);
  }
}
