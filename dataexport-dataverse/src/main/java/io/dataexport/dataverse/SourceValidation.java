package io.dataexport.dataverse;

import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.error.Problem;
import io.dataexport.api.error.RetriableException;
import io.dataexport.api.schema.RelationshipSchema;
import io.dataexport.dataverse.auth.ClientCredentialsTokens;
import io.dataexport.dataverse.auth.TokenRejectedException;
import io.dataexport.dataverse.http.NetworkFailures;
import io.dataexport.dataverse.http.WebApiClient;
import io.dataexport.dataverse.http.WebApiNotFoundException;
import io.dataexport.dataverse.metadata.EntityDefinition;
import io.dataexport.dataverse.metadata.MetadataReader;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The checks activation needs from a Dataverse source, in the order that makes their answers
 * meaningful: the organisation answers, the credentials get a token, the token is accepted, then
 * each entity and relationship. Reports problems instead of throwing; never puts a secret in one.
 */
final class SourceValidation {
  private final HttpClient http;
  private final SourceEndpoints endpoints;
  private final ClientCredentialsTokens tokens;
  private final WebApiClient client;
  private final MetadataReader metadata;
  private final Duration timeout;

  SourceValidation(
      HttpClient http,
      SourceEndpoints endpoints,
      ClientCredentialsTokens tokens,
      WebApiClient client,
      MetadataReader metadata,
      Duration timeout) {
    this.http = http;
    this.endpoints = endpoints;
    this.tokens = tokens;
    this.client = client;
    this.metadata = metadata;
    this.timeout = timeout;
  }

  List<Problem> validate(List<String> entities, List<String> relationships) {
    List<Problem> problems = new ArrayList<>();
    reachable(problems);
    token(problems);
    if (!problems.isEmpty()) {
      // nothing further can be checked without an organisation that answers and accepts us
      return problems;
    }
    if (!accepted(problems)) {
      return problems;
    }
    Set<String> selected = new HashSet<>();
    for (int i = 0; i < entities.size(); i++) {
      String name = entities.get(i);
      if (!selected.add(name)) {
        problems.add(
            new Problem("entities[" + i + "]", name, "Listed twice; remove the repetition."));
        continue;
      }
      entity("entities[" + i + "]", name, problems);
    }
    for (int i = 0; i < relationships.size(); i++) {
      relationship("relationships[" + i + "]", relationships.get(i), selected, problems);
    }
    return problems;
  }

  /**
   * Checks quickly, before a longer read (the catalog), that the organisation answers and accepts
   * the credentials, so that a wrong address or secret is told at once instead of after retries.
   *
   * @throws RetriableException when the organisation does not answer
   * @throws ConfigurationException when the credentials get no token or the token is refused
   */
  void requireAccess() {
    List<Problem> problems = new ArrayList<>();
    reachable(problems);
    if (!problems.isEmpty()) {
      throw new RetriableException(describe(problems), null);
    }
    token(problems);
    if (problems.isEmpty()) {
      accepted(problems);
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(describe(problems));
    }
  }

  private static String describe(List<Problem> problems) {
    return String.join(" ", problems.stream().map(p -> p.field() + ": " + p.message()).toList());
  }

  /** Whether anything answers at the organisation's address (any HTTP answer will do). */
  private void reachable(List<Problem> problems) {
    HttpRequest probe =
        HttpRequest.newBuilder(endpoints.webApiRoot()).timeout(timeout).GET().build();
    try {
      http.send(probe, HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      problems.add(
          new Problem(
              "source.url",
              endpoints.organisation().toString(),
              "Cannot reach "
                  + endpoints.organisation()
                  + ": "
                  + NetworkFailures.describe(e)
                  + ". Check source.url and that the organisation is online."));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      problems.add(new Problem("source.url", null, "Validation was interrupted."));
    }
  }

  private void token(List<Problem> problems) {
    try {
      tokens.accessToken();
    } catch (TokenRejectedException e) {
      problems.add(new Problem(e.field(), valueOf(e.field()), e.getMessage()));
    } catch (RetriableException e) {
      problems.add(
          new Problem(
              "source.auth.tokenUrl",
              endpoints.credentials().tokenUrl().toString(),
              e.getMessage()));
    }
  }

  /** Whether the Web API accepts the token (the application user exists in the organisation). */
  private boolean accepted(List<Problem> problems) {
    String url = endpoints.organisation().toString();
    try {
      client.getJson(endpoints.webApiRoot().resolve("WhoAmI"));
      return true;
    } catch (WebApiNotFoundException e) {
      problems.add(
          new Problem(
              "source.url",
              url,
              "No Dataverse Web API answers at "
                  + endpoints.webApiRoot()
                  + ". Give the organisation URL, e.g. https://org.crm.dynamics.com."));
    } catch (ConfigurationException e) {
      problems.add(
          new Problem("source.auth.clientId", endpoints.credentials().clientId(), e.getMessage()));
    } catch (RetriableException e) {
      problems.add(
          new Problem(
              "source.url",
              url,
              "The organisation does not answer now ("
                  + e.getMessage()
                  + "). Try again later, or check source.url."));
    }
    return false;
  }

  private void entity(String field, String name, List<Problem> problems) {
    try {
      EntityDefinition entity = metadata.entityDefinition(name);
      if (!entity.changeTrackingEnabled()) {
        problems.add(
            new Problem(
                field,
                name,
                "Change tracking is disabled for entity '"
                    + name
                    + "'. Enable change tracking for the entity in Dataverse (table properties,"
                    + " Advanced options, 'Track changes'), or remove it from entities."));
      }
    } catch (ConfigurationException e) {
      problems.add(new Problem(field, name, e.getMessage()));
    } catch (RetriableException e) {
      problems.add(new Problem(field, name, "Could not be checked now: " + e.getMessage()));
    }
  }

  private void relationship(
      String field, String name, Set<String> selected, List<Problem> problems) {
    try {
      RelationshipSchema relationship = metadata.relationship(name);
      List<String> missing = new ArrayList<>();
      for (String entity : List.of(relationship.entity1(), relationship.entity2())) {
        if (!selected.contains(entity) && !missing.contains(entity)) {
          missing.add(entity);
        }
      }
      if (!missing.isEmpty()) {
        problems.add(
            new Problem(
                field,
                name,
                "Relationship '"
                    + name
                    + "' joins '"
                    + relationship.entity1()
                    + "' and '"
                    + relationship.entity2()
                    + "'; add "
                    + String.join(" and ", missing.stream().map(m -> "'" + m + "'").toList())
                    + " to entities, or remove the relationship."));
      }
      if (!metadata.entityDefinition(relationship.intersectEntity()).changeTrackingEnabled()) {
        problems.add(
            new Problem(
                field,
                name,
                "Change tracking is disabled for '"
                    + relationship.intersectEntity()
                    + "', the intersect entity of '"
                    + name
                    + "'. Enable change tracking for it in Dataverse, or remove the"
                    + " relationship."));
      }
    } catch (ConfigurationException e) {
      problems.add(new Problem(field, name, e.getMessage()));
    } catch (RetriableException e) {
      problems.add(new Problem(field, name, "Could not be checked now: " + e.getMessage()));
    }
  }

  /** The configured value of a field, for the problem report; never the secret. */
  private String valueOf(String field) {
    return switch (field) {
      case "source.auth.clientId" -> endpoints.credentials().clientId();
      case "source.auth.tokenUrl" -> endpoints.credentials().tokenUrl().toString();
      case "source.auth.scope" -> endpoints.credentials().scope();
      default -> null;
    };
  }
}
