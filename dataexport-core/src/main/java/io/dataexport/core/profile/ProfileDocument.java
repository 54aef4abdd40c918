package io.dataexport.core.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.api.destination.DestinationProvider;
import io.dataexport.api.profile.DestinationConfig;
import io.dataexport.api.profile.ExportProfile;
import io.dataexport.api.profile.Secret;
import io.dataexport.api.profile.SourceAuth;
import io.dataexport.api.profile.SourceConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The JSON form of an export profile (SPEC §3): parsing with every problem reported at once, and
 * rendering without secrets. What a destination may be is the installed {@link
 * DestinationProvider}s' to say: their types, the default configuration of the one type that needs
 * no settings, their examples and their checks; this class knows none of them.
 */
public final class ProfileDocument {
  private static final Pattern LOGICAL_NAME = Pattern.compile("[a-z_][a-z0-9_]*");
  private static final Set<String> TOP =
      Set.of(
          "name",
          "source",
          "destination",
          "entities",
          "relationships",
          "retryCount",
          "retryIntervalSeconds",
          "writeDeleteLog",
          // what the API answers besides the profile, so a document read can be sent back
          "id",
          "state",
          "createdAt",
          "updatedAt");
  private static final Set<String> SOURCE = Set.of("type", "url", "auth");
  private static final Set<String> AUTH = Set.of("tokenUrl", "clientId", "clientSecret", "scope");
  private static final Set<String> DESTINATION =
      Set.of("type", "jdbcUrl", "username", "password", "schema", "tablePrefix");

  private final Path dataDirectory;
  private final Map<String, DestinationProvider> destinations = new TreeMap<>();

  /**
   * @param dataDirectory the service's data directory, where a default destination's files go
   * @param destinations the installed destination types
   */
  public ProfileDocument(Path dataDirectory, Collection<DestinationProvider> destinations) {
    this.dataDirectory = dataDirectory;
    destinations.forEach(d -> this.destinations.putIfAbsent(d.type(), d));
  }

  /**
   * Parses and validates a profile document (creating, updating, validating a profile).
   *
   * @throws ProfileValidationException listing every problem, each with field, value and remedy
   */
  public ExportProfile parse(JsonNode document) {
    return parse(document, true);
  }

  /**
   * Parses a document the service stored earlier. The destination's rules, which may have changed
   * since it was stored (or its type been uninstalled), are left to validation and activation, so
   * such a profile still lists and can be corrected by an update.
   *
   * @throws ProfileValidationException when the document itself is not a profile
   */
  public ExportProfile parseStored(JsonNode document) {
    return parse(document, false);
  }

  /**
   * Parses and validates a profile's {@code source} object alone, by the rules of a whole document
   * (for listing what a source offers before the profile exists).
   *
   * @throws ProfileValidationException listing every problem, with fields named {@code source.…}
   */
  public static SourceConfig parseSource(JsonNode source) {
    DocumentReader in = new DocumentReader();
    if (source == null || !source.isObject()) {
      in.problem(
          "source",
          null,
          "must be a JSON object with url and auth, as the source of a profile document.");
      throw new ProfileValidationException(in.problems());
    }
    SourceConfig config = source(in, source);
    if (!in.problems().isEmpty()) {
      throw new ProfileValidationException(in.problems());
    }
    return config;
  }

  private ExportProfile parse(JsonNode document, boolean checkDestination) {
    DocumentReader in = new DocumentReader();
    if (document == null || !document.isObject()) {
      in.problem(
          "(document)", null, "must be a JSON object with name, source, destination and entities.");
      throw new ProfileValidationException(in.problems());
    }
    in.unknownFields(document, "", TOP);
    String name =
        in.text(
            document, "name", "name", true, "Give the profile a unique name of 1-100 characters.");
    if (name != null && name.length() > 100) {
      in.problem(
          "name",
          name.substring(0, 20) + "...",
          "must be at most 100 characters, has " + name.length() + ".");
    }
    SourceConfig source =
        source(
            in,
            in.object(
                document,
                "source",
                "source",
                true,
                "Describe the Dataverse organisation to export from."));
    String profileName = name == null ? "profile" : name;
    DestinationConfig destination =
        destination(
            in,
            in.object(
                document,
                "destination",
                "destination",
                false,
                "Give type, jdbcUrl, username, password, schema and tablePrefix"
                    + defaultType(profileName)
                        .map(d -> ", or leave it out for the default " + d.type() + " destination")
                        .orElse("")
                    + "."),
            profileName,
            checkDestination);
    List<String> entities = names(in, in.strings(document, "entities", "entities"), "entities");
    JsonNode listed = document.path("entities");
    if (listed.isMissingNode() || listed.isNull() || (listed.isArray() && listed.isEmpty())) {
      in.problem(
          "entities",
          null,
          "needs at least one entity logical name, e.g. [\"account\", \"contact\"].");
    }
    List<String> relationships = in.strings(document, "relationships", "relationships");
    int retryCount =
        in.integer(document, "retryCount", "retryCount", 0, 20, ExportProfile.DEFAULT_RETRY_COUNT);
    int retryInterval =
        in.integer(
            document,
            "retryIntervalSeconds",
            "retryIntervalSeconds",
            0,
            3600,
            ExportProfile.DEFAULT_RETRY_INTERVAL_SECONDS);
    boolean deleteLog = in.bool(document, "writeDeleteLog", "writeDeleteLog", false);
    if (!in.problems().isEmpty()) {
      throw new ProfileValidationException(in.problems());
    }
    return new ExportProfile(
        name, source, destination, entities, relationships, retryCount, retryInterval, deleteLog);
  }

  private static SourceConfig source(DocumentReader in, JsonNode node) {
    in.unknownFields(node, "source.", SOURCE);
    String type = in.text(node, "type", "source.type", false, "Use 'dataverse' or leave it out.");
    if (type != null && !type.equals("dataverse")) {
      in.problem(
          "source.type",
          type,
          "is not supported; the only source type is 'dataverse' (the default).");
    }
    String url =
        in.text(
            node,
            "url",
            "source.url",
            true,
            "Give the organisation's root URL, e.g. https://org.crm.dynamics.com.");
    url = httpUrl(in, "source.url", url);
    JsonNode auth =
        in.object(
            node,
            "auth",
            "source.auth",
            true,
            "Give the OAuth2 client credentials: tokenUrl, clientId, clientSecret.");
    in.unknownFields(auth, "source.auth.", AUTH);
    String tokenUrl =
        httpUrl(
            in,
            "source.auth.tokenUrl",
            in.text(
                auth,
                "tokenUrl",
                "source.auth.tokenUrl",
                true,
                "E.g. https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token."));
    String clientId =
        in.text(
            auth,
            "clientId",
            "source.auth.clientId",
            true,
            "Give the application (client) id registered for the service.");
    String secret =
        in.secret(
            auth,
            "clientSecret",
            "source.auth.clientSecret",
            true,
            "Give the client secret of that application (a changed url, tokenUrl or clientId"
                + " needs it again).");
    String scope =
        in.text(
            auth,
            "scope",
            "source.auth.scope",
            false,
            "E.g. https://org.crm.dynamics.com/.default, or leave it out for <url>/.default.");
    if (scope == null && url != null) {
      scope = url.replaceAll("/+$", "") + "/.default";
    }
    return new SourceConfig(
        "dataverse",
        url,
        new SourceAuth(tokenUrl, clientId, secret == null ? null : Secret.of(secret), scope));
  }

  private DestinationConfig destination(
      DocumentReader in, JsonNode node, String profileName, boolean check) {
    in.unknownFields(node, "destination.", DESTINATION);
    String type =
        in.text(node, "type", "destination.type", false, "Use one of " + typeList() + ".");
    DestinationProvider provider;
    if (type == null) {
      provider = defaultType(profileName).orElse(null);
      if (provider == null) {
        in.problem("destination.type", null, "is required: use one of " + typeList() + ".");
      }
    } else {
      type = type.toLowerCase(Locale.ROOT);
      provider = destinations.get(type);
      if (provider == null && check) {
        in.problem(
            "destination.type",
            type,
            "is not installed in this service: use one of "
                + typeList()
                + defaultType(profileName).map(d -> " (default " + d.type() + ")").orElse("")
                + ".");
      }
    }
    String jdbcUrl =
        in.text(
            node,
            "jdbcUrl",
            "destination.jdbcUrl",
            false,
            "Give the JDBC URL of the database"
                + (provider == null ? "" : ", e.g. " + provider.example().jdbcUrl())
                + ".");
    String username =
        in.text(
            node,
            "username",
            "destination.username",
            false,
            "Give the database user's name, or leave it out.");
    String password =
        in.secret(
            node,
            "password",
            "destination.password",
            false,
            "Give the database user's password, or leave it out (a changed jdbcUrl or username"
                + " needs it again).");
    String schema =
        in.text(
            node,
            "schema",
            "destination.schema",
            false,
            "Give a schema name, or leave it out for the database's default.");
    String prefix =
        in.text(
            node,
            "tablePrefix",
            "destination.tablePrefix",
            false,
            "Give a short alphanumeric prefix such as crm, or leave it out.");
    DestinationConfig given =
        new DestinationConfig(
            provider == null ? type : provider.type(),
            jdbcUrl,
            username,
            password == null ? null : Secret.of(password),
            schema,
            prefix);
    if (provider == null) {
      return given;
    }
    DestinationConfig config =
        provider.defaultConfig(profileName, dataDirectory).map(given::orElse).orElse(given);
    if (check) {
      provider.check(config).forEach(p -> in.problem(p.field(), p.value(), p.message()));
    }
    return config;
  }

  /** The type a profile gets when it names none: the only one that needs no settings. */
  private Optional<DestinationProvider> defaultType(String profileName) {
    List<DestinationProvider> candidates =
        destinations.values().stream()
            .filter(d -> d.defaultConfig(profileName, dataDirectory).isPresent())
            .toList();
    return candidates.size() == 1 ? Optional.of(candidates.getFirst()) : Optional.empty();
  }

  private String typeList() {
    return String.join(", ", destinations.keySet());
  }

  private static List<String> names(DocumentReader in, List<String> names, String field) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (!LOGICAL_NAME.matcher(name).matches()) {
        in.problem(
            field + "[" + i + "]",
            name,
            "is not a logical name: use the lower-case name, e.g. 'account'.");
      } else if (!seen.add(name)) {
        in.problem(field + "[" + i + "]", name, "is listed twice; list each entity once.");
      }
    }
    return names;
  }

  private static String httpUrl(DocumentReader in, String field, String url) {
    if (url == null) {
      return null;
    }
    try {
      URI uri = new URI(url);
      if ((!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()))
          || uri.getHost() == null) {
        throw new IllegalArgumentException();
      }
      return url;
    } catch (Exception e) {
      in.problem(field, url, "must be an http(s) URL, e.g. https://org.crm.dynamics.com.");
      return null;
    }
  }

  /** The profile as JSON for API answers: secrets left out. */
  public static ObjectNode render(ExportProfile profile) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("name", profile.name());
    ObjectNode source = node.putObject("source");
    source.put("type", profile.source().type());
    source.put("url", profile.source().url());
    ObjectNode auth = source.putObject("auth");
    auth.put("tokenUrl", profile.source().auth().tokenUrl());
    auth.put("clientId", profile.source().auth().clientId());
    auth.put("scope", profile.source().auth().scope());
    ObjectNode destination = node.putObject("destination");
    DestinationConfig d = profile.destination();
    destination.put("type", d.type());
    destination.put("jdbcUrl", d.jdbcUrl());
    destination.put("username", d.username());
    destination.put("schema", d.schema());
    destination.put("tablePrefix", d.tablePrefix());
    ArrayNode entities = node.putArray("entities");
    profile.entities().forEach(entities::add);
    ArrayNode relationships = node.putArray("relationships");
    profile.relationships().forEach(relationships::add);
    node.put("retryCount", profile.retryCount());
    node.put("retryIntervalSeconds", profile.retryIntervalSeconds());
    node.put("writeDeleteLog", profile.writeDeleteLog());
    return node;
  }

  /** The profile as stored: the full document, secrets included (the store encrypts it). */
  public static ObjectNode storable(ExportProfile profile) {
    ObjectNode node = render(profile);
    ((ObjectNode) node.path("source").path("auth"))
        .put("clientSecret", profile.source().auth().clientSecret().reveal());
    if (profile.destination().password() != null) {
      ((ObjectNode) node.path("destination"))
          .put("password", profile.destination().password().reveal());
    }
    return node;
  }

  /**
   * For updates: secrets the new document leaves out are kept from the stored one, so a client may
   * send back what it read (which never carries secrets). A secret is kept only for the endpoint
   * and account it was given for: an update that points the source or the destination elsewhere
   * must give it again, or anyone able to change a profile could have the service hand the stored
   * secret to a server of their choosing.
   */
  public static void keepSecrets(ObjectNode update, JsonNode stored) {
    JsonNode auth = update.path("source").path("auth");
    JsonNode storedAuth = stored.path("source").path("auth");
    if (auth instanceof ObjectNode a
        && !a.hasNonNull("clientSecret")
        && same(update.path("source"), stored.path("source"), "url")
        && same(auth, storedAuth, "tokenUrl")
        && same(auth, storedAuth, "clientId")) {
      JsonNode secret = storedAuth.path("clientSecret");
      if (secret.isTextual()) {
        a.put("clientSecret", secret.textValue());
      }
    }
    JsonNode destination = update.path("destination");
    JsonNode storedDestination = stored.path("destination");
    if (destination instanceof ObjectNode d
        && !d.hasNonNull("password")
        && same(destination, storedDestination, "jdbcUrl")
        && same(destination, storedDestination, "username")) {
      JsonNode password = storedDestination.path("password");
      if (password.isTextual()) {
        d.put("password", password.textValue());
      }
    }
  }

  /** Whether two documents give the same text for a field (absent and null count as empty). */
  private static boolean same(JsonNode a, JsonNode b, String field) {
    return text(a.path(field)).equals(text(b.path(field)));
  }

  private static String text(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return "";
    }
    return node.isTextual() ? node.textValue().trim() : node.toString();
  }
}
