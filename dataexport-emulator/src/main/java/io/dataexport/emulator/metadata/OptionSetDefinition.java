package io.dataexport.emulator.metadata;

import java.util.List;
import java.util.Optional;

/**
 * An option set, local to one attribute or global (shared by name).
 *
 * @param name the option set name ({@code account_industrycode}, or the global name)
 * @param global whether it is a global option set
 * @param type {@code Picklist}, {@code State} or {@code Status} ({@code OptionSetType})
 * @param options the options in display order
 */
public record OptionSetDefinition(
    String name, boolean global, String type, List<OptionDefinition> options) {

  public OptionSetDefinition {
    options = List.copyOf(options);
  }

  public Optional<OptionDefinition> option(int value) {
    return options.stream().filter(o -> o.value() == value).findFirst();
  }
}
