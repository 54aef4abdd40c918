package io.dataexport.core.service;

import io.dataexport.api.destination.Destination;
import io.dataexport.api.destination.DestinationProvider;
import io.dataexport.api.error.Problem;
import io.dataexport.api.profile.ExportProfile;
import io.dataexport.api.source.ChangeSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks activation makes against the systems a profile points at (the dry run of {@code POST
 * /profiles/validate}): the destination type is installed, the source knows the entities and
 * relationships, the destination is reachable with the privileges the service needs.
 */
final class EnvironmentCheck {
  private final Plugins plugins;

  EnvironmentCheck(Plugins plugins) {
    this.plugins = plugins;
  }

  /** Every problem found; empty when the profile can be activated. */
  List<Problem> problems(ExportProfile profile) {
    List<Problem> problems = new ArrayList<>();
    if (!plugins.hasDestination(profile.destination().type())) {
      problems.add(
          new Problem(
              "destination.type",
              profile.destination().type(),
              "is not installed in this service: use one of "
                  + plugins.destinations().stream().map(DestinationProvider::type).toList()
                  + "."));
      return problems;
    }
    problems.addAll(sourceProblems(profile));
    try (Destination destination =
        plugins.destination(profile.destination().type()).open(profile.destination())) {
      problems.addAll(destination.validate());
    }
    return problems;
  }

  /** What the source says about the profile's entities and relationships. */
  List<Problem> sourceProblems(ExportProfile profile) {
    try (ChangeSource source = plugins.source(profile.source().type()).open(profile.source())) {
      return source.validate(profile.entities(), profile.relationships());
    }
  }
}
