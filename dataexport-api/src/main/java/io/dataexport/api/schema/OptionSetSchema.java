package io.dataexport.api.schema;

import java.util.List;

/**
 * An option set.
 *
 * @param name its name (the global name for global option sets)
 * @param global whether it is shared by name between attributes
 * @param options its options
 */
public record OptionSetSchema(String name, boolean global, List<OptionSchema> options) {
  public OptionSetSchema {
    options = List.copyOf(options);
  }
}
