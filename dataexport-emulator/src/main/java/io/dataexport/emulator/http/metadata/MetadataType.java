package io.dataexport.emulator.http.metadata;

import io.dataexport.emulator.http.ODataException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An OData metadata type as far as query options care: the properties {@code $select} and {@code
 * $filter} may name and the navigation properties {@code $expand} may name.
 *
 * @param name the unqualified type name, e.g. {@code EntityMetadata}
 * @param properties structural properties
 * @param navigations navigation properties
 * @param derivedOwners for a base type: property of a derived type to that type's name, so a
 *     refusal can tell the client which cast it needs
 */
record MetadataType(
    String name,
    Set<String> properties,
    Set<String> navigations,
    Map<String, String> derivedOwners) {
  static final String NAMESPACE = "Microsoft.Dynamics.CRM.";

  MetadataType {
    properties = Set.copyOf(properties);
    navigations = Set.copyOf(navigations);
    derivedOwners = Map.copyOf(derivedOwners);
  }

  /** A type without derived-type hints. */
  static MetadataType of(String name, List<String> properties, List<String> navigations) {
    return new MetadataType(
        name, new LinkedHashSet<>(properties), new LinkedHashSet<>(navigations), Map.of());
  }

  /** {@code Microsoft.Dynamics.CRM.<name>} */
  String qualifiedName() {
    return NAMESPACE + name;
  }

  /**
   * Checks that {@code $select} or {@code $filter} may name the property.
   *
   * @throws ODataException 400 in Dataverse's words, plus a hint when a cast or {@code $expand}
   *     would have found it
   */
  void requireProperty(String property) {
    if (properties.contains(property)) {
      return;
    }
    if (navigations.contains(property)) {
      throw ODataException.badRequest(
          "'"
              + property
              + "' is a navigation property of type '"
              + qualifiedName()
              + "'; request it with $expand="
              + property
              + " instead of $select or $filter.");
    }
    throw unknown(property);
  }

  /**
   * Checks that {@code $expand} may name the navigation property.
   *
   * @throws ODataException 400 when the type has no such navigation property
   */
  void requireNavigation(String navigation) {
    if (!navigations.contains(navigation)) {
      throw unknown(navigation);
    }
  }

  private ODataException unknown(String property) {
    String message =
        "Could not find a property named '" + property + "' on type '" + qualifiedName() + "'.";
    String owner = derivedOwners.get(property);
    if (owner != null) {
      message +=
          " It belongs to the derived type '"
              + NAMESPACE
              + owner
              + "'; cast the path to that type to use it.";
    }
    return ODataException.badRequest(message);
  }
}
