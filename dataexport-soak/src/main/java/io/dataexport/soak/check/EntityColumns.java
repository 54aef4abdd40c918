package io.dataexport.soak.check;

import io.dataexport.emulator.metadata.AttributeDefinition;
import io.dataexport.emulator.metadata.EntityDefinition;
import io.dataexport.emulator.store.EntityReference;
import io.dataexport.emulator.store.StoredRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The destination columns an entity's rows are compared on, in a fixed order: one per attribute
 * except the primary id (the table's {@code Id}), a lookup's as {@code <attr>} and {@code
 * <attr>_entitytype}, {@code versionnumber} among them; the sink's own times are left out.
 *
 * @param entity the entity
 * @param names the column names, as the service writes them
 */
record EntityColumns(EntityDefinition entity, List<String> names) {

  static EntityColumns of(EntityDefinition entity) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < entity.attributes().size(); i++) {
      if (i == entity.primaryIdIndex()) {
        continue;
      }
      AttributeDefinition attribute = entity.attributes().get(i);
      String name = attribute.logicalName().toLowerCase(Locale.ROOT);
      names.add(name);
      if (attribute.kind().isReference()) {
        names.add(name + "_entitytype");
      }
    }
    return new EntityColumns(entity, List.copyOf(names));
  }

  /** A stored record's values in column order, in normal form. */
  List<String> values(StoredRecord record) {
    String[] values = new String[names.size()];
    int column = 0;
    for (int i = 0; i < entity.attributes().size(); i++) {
      if (i == entity.primaryIdIndex()) {
        continue;
      }
      AttributeDefinition attribute = entity.attributes().get(i);
      Object value =
          attribute.logicalName().equals("versionnumber") ? record.version() : record.values()[i];
      if (attribute.kind().isReference()) {
        EntityReference reference = (EntityReference) value;
        values[column++] = reference == null ? null : NormalForm.id(reference.id());
        values[column++] = reference == null ? null : reference.logicalName();
      } else {
        values[column++] = NormalForm.of(value);
      }
    }
    return Arrays.asList(values);
  }
}
