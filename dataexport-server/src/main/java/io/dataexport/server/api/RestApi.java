package io.dataexport.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.error.Problem;
import io.dataexport.api.error.RetriableException;
import io.dataexport.api.store.ConfigStore;
import io.dataexport.api.store.DuplicateApiKeyNameException;
import io.dataexport.api.store.UnknownProfileException;
import io.dataexport.core.profile.ProfileValidationException;
import io.dataexport.core.service.ProfileConflictException;
import io.dataexport.core.service.ProfileNotFoundException;
import io.dataexport.core.service.ProfileService;
import io.dataexport.core.service.ProfileView;
import io.dataexport.core.status.ProfileHistory;
import io.dataexport.server.auth.ApiKeyTokens;
import io.dataexport.server.auth.Authenticator;
import io.dataexport.server.auth.OidcLogin;
import io.dataexport.server.auth.Role;
import io.dataexport.server.console.ConsoleAssets;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.router.ParsedEndpoint;
import io.javalin.util.JavalinBindException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API of SPEC §6 under {@code /api/v1}, the Prometheus endpoint {@code /metrics} and the
 * web console's files ({@link ConsoleAssetRoutes}) at every other address, and the data only the
 * console asks for ({@link ConsoleRoutes}). The HTTP framework stays in this package; everything it
 * does is a call on {@link ProfileService}, the config store's keys and audit log (or the scrape it
 * is given). Every route declares its {@link RouteRule}, which {@link AccessControl} enforces.
 */
public final class RestApi implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RestApi.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BASE = "/api/v1";
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final ProfileService profiles;
  private final Uninstaller uninstaller;
  private final Javalin app;

  /** Uninstalls the whole service (SPEC §11); what the API's {@code DELETE /api/v1} calls. */
  public interface Uninstaller {
    /** This installation's id, which an uninstall must be confirmed with. */
    String serviceId();

    /** Removes everything the service keeps; returns what was removed. */
    ObjectNode uninstall(boolean dropTables);
  }

  /**
   * Who may call the API and what is recorded (SPEC §9).
   *
   * @param authenticator tells callers from their credentials
   * @param keys makes API keys for {@code POST /keys}
   * @param store the config store: its API keys and its audit log
   * @param metricsPublic true when {@code /metrics} needs no credentials
   * @param oidcLogin the console's OpenID Connect sign-in, or empty when it offers API keys only
   * @param publicUrl where browsers reach the service, when not where it serves ({@code
   *     api.publicUrl}): its callback address and whether its cookies are {@code Secure}
   */
  public record Security(
      Authenticator authenticator,
      ApiKeyTokens keys,
      ConfigStore store,
      boolean metricsPublic,
      Optional<OidcLogin> oidcLogin,
      Optional<URI> publicUrl) {}

  /**
   * @param profiles what the API drives
   * @param metrics renders the meters in the Prometheus text format, for {@code GET /metrics}
   * @param uninstaller what {@code DELETE /api/v1} runs
   * @param security credentials, roles and the audit log
   * @param history the profiles' recent activity, for the console's chart
   */
  public RestApi(
      ProfileService profiles,
      Supplier<String> metrics,
      Uninstaller uninstaller,
      Security security,
      ProfileHistory history) {
    this.profiles = profiles;
    this.uninstaller = uninstaller;
    this.app =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.useVirtualThreads = true;
              config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            });
    new AccessControl(security.authenticator(), security.store().audit()).install(app);
    AdminRoutes admin =
        new AdminRoutes(security.keys(), security.store().apiKeys(), security.store().audit());
    ClusterRoutes cluster = new ClusterRoutes(profiles, security.store());
    new SessionRoutes(security.authenticator(), security.oidcLogin(), security.publicUrl())
        .register(app);
    new ConsoleRoutes(profiles, history).register(app);
    route(HandlerType.GET, "/health", RouteRule.open(), this::health);
    route(
        HandlerType.GET,
        "/cluster",
        RouteRule.read(Role.VIEWER),
        ctx -> json(ctx, 200, cluster.view()));
    route(HandlerType.POST, "/profiles/validate", RouteRule.read(Role.ADMIN), this::validate);
    route(
        HandlerType.POST,
        "/profiles",
        RouteRule.change(Role.ADMIN, "profile.create"),
        this::create);
    route(HandlerType.GET, "/profiles", RouteRule.read(Role.VIEWER), this::list);
    route(
        HandlerType.GET,
        "/profiles/{id}",
        RouteRule.read(Role.VIEWER),
        ctx -> json(ctx, 200, profiles.get(ctx.pathParam("id")).toJson()));
    route(
        HandlerType.PUT,
        "/profiles/{id}",
        RouteRule.change(Role.ADMIN, "profile.update"),
        ctx -> json(ctx, 200, profiles.update(ctx.pathParam("id"), body(ctx)).toJson()));
    route(
        HandlerType.DELETE,
        "/profiles/{id}",
        RouteRule.change(Role.ADMIN, "profile.delete"),
        this::delete);
    route(
        HandlerType.DELETE, "", RouteRule.change(Role.ADMIN, "service.uninstall"), this::uninstall);
    route(
        HandlerType.POST,
        "/profiles/{id}/activate",
        RouteRule.change(Role.OPERATOR, "profile.activate"),
        ctx -> json(ctx, 200, profiles.activate(ctx.pathParam("id")).toJson()));
    route(
        HandlerType.POST,
        "/profiles/{id}/deactivate",
        RouteRule.change(Role.OPERATOR, "profile.deactivate"),
        ctx -> json(ctx, 200, profiles.deactivate(ctx.pathParam("id")).toJson()));
    route(
        HandlerType.GET,
        "/profiles/{id}/status",
        RouteRule.read(Role.VIEWER),
        ctx -> json(ctx, 200, profiles.status(ctx.pathParam("id")).toJson()));
    route(
        HandlerType.POST,
        "/profiles/{id}/entities/{entity}/resync",
        RouteRule.change(Role.OPERATOR, "entity.resync"),
        this::resync);
    route(
        HandlerType.GET,
        "/profiles/{id}/failures",
        RouteRule.read(Role.VIEWER),
        new FailureLogRoutes(profiles)::failures);
    route(
        HandlerType.POST,
        "/profiles/{id}/failures/resync",
        RouteRule.change(Role.OPERATOR, "failures.resync"),
        this::resyncFailures);
    route(
        HandlerType.POST,
        "/keys",
        RouteRule.change(Role.ADMIN, "key.create"),
        ctx -> json(ctx, 201, admin.create(ctx, body(ctx))));
    route(
        HandlerType.GET, "/keys", RouteRule.read(Role.ADMIN), ctx -> json(ctx, 200, admin.list()));
    route(
        HandlerType.DELETE,
        "/keys/{id}",
        RouteRule.change(Role.ADMIN, "key.revoke"),
        ctx -> {
          if (!admin.revoke(ctx.pathParam("id"))) {
            throw new NotFound("There is no API key " + ctx.pathParam("id") + "; see GET /keys.");
          }
          ctx.status(204);
        });
    route(
        HandlerType.GET,
        "/audit",
        RouteRule.read(Role.ADMIN),
        ctx -> json(ctx, 200, admin.audit(ctx)));
    app.addHttpHandler(
        HandlerType.GET,
        "/metrics",
        ctx -> ctx.status(200).contentType(PROMETHEUS_TEXT).result(metrics.get()),
        security.metricsPublic() ? RouteRule.open() : RouteRule.read(Role.VIEWER));
    ConsoleAssetRoutes console = new ConsoleAssetRoutes(ConsoleAssets.load());
    app.addHttpHandler(HandlerType.GET, "/", console::page, RouteRule.open());
    app.addHttpHandler(
        HandlerType.GET, "/console/{version}/{file}", console::file, RouteRule.open());
    // an unknown API address is an error; any other address is the console's (first match wins)
    app.addHttpHandler(HandlerType.GET, "/api/<path>", this::unknown, RouteRule.read(Role.VIEWER));
    app.addHttpHandler(HandlerType.GET, "/<path>", console::page, RouteRule.open());
    for (HandlerType method :
        List.of(HandlerType.POST, HandlerType.PUT, HandlerType.DELETE, HandlerType.PATCH)) {
      app.addHttpHandler(method, "/<path>", this::unknown, RouteRule.read(Role.VIEWER));
    }
    app.exception(
        AccessDenied.class,
        (e, ctx) -> {
          if (e.error().status() == 401) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"dataexport\"");
          }
          if (e.retryAfter() != null) {
            ctx.header("Retry-After", Long.toString(e.retryAfter().toSeconds()));
          }
          error(ctx, e.error());
        });
    app.exception(Refusal.class, (e, ctx) -> error(ctx, e.error()));
    app.exception(
        NotFound.class,
        (e, ctx) -> error(ctx, new ApiError(404, "notFound", e.getMessage(), List.of())));
    app.exception(
        DuplicateApiKeyNameException.class,
        (e, ctx) -> error(ctx, new ApiError(409, "conflict", e.getMessage(), List.of())));
    app.exception(
        ProfileValidationException.class,
        (e, ctx) -> error(ctx, new ApiError(400, "invalidProfile", e.getMessage(), e.problems())));
    app.exception(
        ProfileNotFoundException.class,
        (e, ctx) -> error(ctx, new ApiError(404, "profileNotFound", e.getMessage(), List.of())));
    app.exception(
        ProfileConflictException.class,
        (e, ctx) -> error(ctx, new ApiError(409, "conflict", e.getMessage(), List.of())));
    app.exception(
        UnknownProfileException.class,
        (e, ctx) -> error(ctx, new ApiError(404, "profileNotFound", e.getMessage(), List.of())));
    app.exception(
        BadRequest.class,
        (e, ctx) -> error(ctx, new ApiError(400, "badRequest", e.getMessage(), List.of())));
    // The source or the destination refused what the profile asks (an entity gone, a missing
    // privilege): the administrator fixes the profile or the system it points at.
    app.exception(
        ConfigurationException.class,
        (e, ctx) ->
            error(ctx, new ApiError(400, "configurationProblem", e.getMessage(), List.of())));
    // The source, the destination or the store cannot be reached now: trying again later may work.
    app.exception(
        RetriableException.class,
        (e, ctx) -> {
          e.retryAfter()
              .ifPresent(
                  wait -> ctx.header("Retry-After", Long.toString(Math.max(1, wait.toSeconds()))));
          error(
              ctx,
              new ApiError(
                  503, "unavailable", e.getMessage() + " Try again in a moment.", List.of()));
        });
    app.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("Unexpected failure answering {} {}", ctx.method(), ctx.path(), e);
          error(
              ctx,
              new ApiError(
                  500,
                  "internalError",
                  "The service failed unexpectedly; see its log.",
                  List.of()));
        });
  }

  /**
   * Starts listening; returns the port bound (0 asks for a free one). With a TLS context the port
   * speaks HTTPS only (TLS 1.2 and 1.3): a plain HTTP request gets no HTTP answer.
   *
   * @param tls the certificate and key to present, or empty for plain HTTP
   * @throws ConfigurationException when the port is taken
   */
  public int start(String host, int port, Optional<SSLContext> tls) {
    tls.ifPresent(
        context ->
            app.unsafeConfig()
                .jetty
                .addConnector((server, http) -> httpsConnector(server, http, context, host, port)));
    try {
      app.start(host, port);
    } catch (JavalinBindException e) {
      throw new ConfigurationException(
          "Port "
              + port
              + " on "
              + host
              + " is already in use. Stop the process using it, or choose another with --port.",
          e);
    }
    return app.port();
  }

  /** The only connector when TLS is on, so Javalin adds no plain HTTP one. */
  private static ServerConnector httpsConnector(
      Server server, HttpConfiguration http, SSLContext context, String host, int port) {
    SslContextFactory.Server tls = new SslContextFactory.Server();
    tls.setSslContext(context);
    tls.setIncludeProtocols("TLSv1.3", "TLSv1.2");
    HttpConfiguration https = new HttpConfiguration(http);
    https.addCustomizer(new SecureRequestCustomizer());
    ServerConnector connector =
        new ServerConnector(
            server,
            new SslConnectionFactory(tls, HttpVersion.HTTP_1_1.asString()),
            new HttpConnectionFactory(https));
    connector.setHost(host);
    connector.setPort(port);
    return connector;
  }

  private void health(Context ctx) {
    ObjectNode body = JSON.createObjectNode();
    body.put("status", "UP");
    body.put("serviceId", uninstaller.serviceId());
    List<ProfileView> all = profiles.list();
    body.put("profiles", all.size());
    body.put(
        "activeProfiles", all.stream().filter(p -> p.state().wireName().equals("active")).count());
    json(ctx, 200, body);
  }

  private void validate(Context ctx) {
    List<Problem> problems = profiles.validate(body(ctx));
    ObjectNode result = JSON.createObjectNode();
    result.put("valid", problems.isEmpty());
    result.set(
        "problems", new ApiError(200, "", "", problems).toJson().path("error").path("details"));
    json(ctx, 200, result);
  }

  private void create(Context ctx) {
    ProfileView created = profiles.create(body(ctx));
    ctx.attribute(AccessControl.TARGET, created.id());
    ctx.header("Location", BASE + "/profiles/" + created.id());
    json(ctx, 201, created.toJson());
  }

  private void list(Context ctx) {
    ArrayNode list = JSON.createArrayNode();
    profiles.list().forEach(p -> list.add(p.toJson()));
    json(ctx, 200, list);
  }

  private void delete(Context ctx) {
    if (!flag(ctx, "dropTables")) {
      profiles.delete(ctx.pathParam("id"));
      ctx.status(204);
      return;
    }
    ProfileService.Removal removal = profiles.delete(ctx.pathParam("id"), true);
    ObjectNode body = JSON.createObjectNode();
    body.put("id", removal.profileId());
    body.put("name", removal.name());
    removal.tables().dropped().forEach(body.putArray("droppedTables")::add);
    removal.tables().kept().forEach(body.putArray("keptTables")::add);
    json(ctx, 200, body);
  }

  /** {@code DELETE /api/v1?confirm=<service id>[&dropTables=true]}: uninstalls the service. */
  private void uninstall(Context ctx) {
    String confirm = ctx.queryParam("confirm");
    if (confirm == null || confirm.isBlank()) {
      throw new BadRequest(
          "Uninstalling removes every profile, its sync state, bus data, parked blobs and failure"
              + " log, and the config store. Confirm with ?confirm=<service id>; the service id"
              + " is in GET /api/v1/health.");
    }
    if (!confirm.equals(uninstaller.serviceId())) {
      throw new BadRequest(
          "confirm = '"
              + confirm
              + "' is not this service's id. Read the id from GET /api/v1/health of the service"
              + " to uninstall.");
    }
    json(ctx, 200, uninstaller.uninstall(flag(ctx, "dropTables")));
  }

  /** A true/false query parameter; absent is false, anything else is refused. */
  private static boolean flag(Context ctx, String name) {
    String value = ctx.queryParam(name);
    if (value == null || value.equals("false")) {
      return false;
    }
    if (value.equals("true")) {
      return true;
    }
    throw new BadRequest(name + " = '" + value + "': use true or false.");
  }

  private void resync(Context ctx) {
    profiles.resync(ctx.pathParam("id"), ctx.pathParam("entity"));
    ObjectNode body = JSON.createObjectNode();
    body.put("resync", ctx.pathParam("entity"));
    body.put(
        "message",
        "A full re-export of "
            + ctx.pathParam("entity")
            + " has started; follow it in the status.");
    json(ctx, 202, body);
  }

  private void resyncFailures(Context ctx) {
    ProfileService.FailureResyncStart start = profiles.resyncFailures(ctx.pathParam("id"));
    ObjectNode body = start.status().toJson();
    body.put("joined", start.joined());
    body.put(
        "message",
        (start.joined()
                ? "A resync of failed records is running already; this request joined it."
                : "A resync of the "
                    + start.status().total()
                    + " record(s) in the failure log has started in the background.")
            + " Follow it in the profile's status (failureResync).");
    json(ctx, 202, body);
  }

  private void unknown(Context ctx) {
    error(
        ctx,
        new ApiError(
            404,
            "notFound",
            "No such resource: "
                + ctx.method()
                + " "
                + ctx.path()
                + ". The API lives under "
                + BASE
                + ".",
            List.of()));
  }

  static JsonNode body(Context ctx) {
    String text = ctx.body();
    if (text.isBlank()) {
      throw new BadRequest("The request needs a JSON body.");
    }
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new BadRequest("The body is not valid JSON: " + e.getOriginalMessage());
    }
  }

  static void json(Context ctx, int status, JsonNode body) {
    ctx.status(status).contentType("application/json").result(body.toString());
  }

  private static void error(Context ctx, ApiError error) {
    json(ctx, error.status(), error.toJson());
  }

  @Override
  public void close() {
    app.stop();
  }

  /** Registers a route of the API under {@code /api/v1} with its access rule. */
  private void route(HandlerType method, String path, RouteRule rule, Handler handler) {
    app.addHttpHandler(method, BASE + path, handler, rule);
  }

  /**
   * Every route registered, as {@code METHOD path}, with the rule it declares (null when none): for
   * the test that no route is left without one.
   */
  Map<String, RouteRule> routeRules() {
    Map<String, RouteRule> rules = new TreeMap<>();
    for (ParsedEndpoint endpoint : app.unsafeConfig().pvt.internalRouter.allHttpHandlers()) {
      if (!endpoint.getEndpoint().getMethod().isHttpMethod()) {
        continue; // before and after handlers, which run around the routes
      }
      rules.put(
          endpoint.getEndpoint().getMethod() + " " + endpoint.getEndpoint().getPath(),
          AccessControl.ruleOf(endpoint.getEndpoint().getRoles()));
    }
    return rules;
  }

  /** A request the API cannot read. */
  static final class BadRequest extends RuntimeException {
    BadRequest(String message) {
      super(message);
    }
  }

  /** Something named in the path that does not exist. */
  static final class NotFound extends RuntimeException {
    NotFound(String message) {
      super(message);
    }
  }
}
