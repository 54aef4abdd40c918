package io.dataexport.emulator.http;

import io.dataexport.emulator.auth.AccessTokens;
import io.dataexport.emulator.throttle.ServiceProtection;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The emulator's HTTP face: the token endpoint and the Web API under {@code /api/data/v9.2/}. The
 * only class of the emulator that knows the HTTP framework.
 */
public final class EmulatorServer implements AutoCloseable {
  public static final String API_PREFIX = "/api/data/v9.2/";
  private static final Logger LOG = LoggerFactory.getLogger(EmulatorServer.class);
  private static final List<HandlerType> METHODS =
      List.of(
          HandlerType.GET,
          HandlerType.POST,
          HandlerType.PATCH,
          HandlerType.DELETE,
          HandlerType.PUT);

  private final Javalin app;
  private final AccessTokens tokens;
  private final ServiceProtection protection;
  private final JsonBodies json = new JsonBodies();
  private WebApi webApi;

  public EmulatorServer(AccessTokens tokens, ServiceProtection protection) {
    this.tokens = tokens;
    this.protection = protection;
    this.app =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.useVirtualThreads = true;
              config.http.maxRequestSize = 16L * 1024 * 1024;
              // Requests Jetty refuses before routing (malformed URIs) answer in the Dataverse
              // format too.
              config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorPages()));
              config.jetty.modifyServletContextHandler(
                  handler -> handler.setErrorHandler(new JsonErrorPages()));
            });
    app.post("/{tenant}/oauth2/v2.0/token", this::token);
    for (HandlerType method : METHODS) {
      app.addHttpHandler(method, API_PREFIX + "<path>", this::webApi);
      app.addHttpHandler(method, "/<path>", this::unknown);
    }
    app.exception(ODataException.class, (e, ctx) -> error(ctx, e));
    app.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("Unexpected failure answering {} {}", ctx.method(), ctx.path(), e);
          error(ctx, new ODataException(500, "0x80040216", "An unexpected error occurred."));
        });
  }

  /**
   * Starts listening.
   *
   * @param webApi the Web API to serve, built once the service root (with the bound port) is known
   * @return the port bound
   */
  public int start(String host, int port, java.util.function.IntFunction<WebApi> webApi) {
    app.start(host, port);
    this.webApi = webApi.apply(app.port());
    return app.port();
  }

  private void token(Context ctx) {
    AccessTokens.TokenReply reply = tokens.issue(ctx.formParamMap());
    ctx.status(reply.status()).contentType("application/json; charset=utf-8").result(reply.body());
  }

  private void webApi(Context ctx) {
    String client = tokens.authenticate(ctx.header("Authorization"));
    try (ServiceProtection.Admission ignored = protection.admit(client)) {
      String rawPath = ctx.path().substring(API_PREFIX.length());
      WebApiRequest request =
          new WebApiRequest(
              ctx.method().name(),
              ODataPath.parse(rawPath),
              QueryOptions.of(ctx.queryParamMap()),
              Prefer.parse(Collections.list(ctx.req().getHeaders("Prefer"))),
              ctx.header("If-Match"),
              ctx.header("If-None-Match"),
              ctx.bodyAsBytes());
      ODataResponse response = webApi.handle(request);
      ctx.status(response.status());
      ctx.header("OData-Version", "4.0");
      response.headers().forEach(ctx::header);
      if (response.body() != null) {
        ctx.contentType(response.contentType()).result(response.body());
      }
    }
  }

  private void unknown(Context ctx) {
    throw ODataException.notFound(
        "Resource not found for the segment '"
            + ctx.path()
            + "'. The Web API root is "
            + API_PREFIX);
  }

  private void error(Context ctx, ODataException e) {
    e.headers().forEach(ctx::header);
    if (e.status() == 401) {
      ctx.header("WWW-Authenticate", "Bearer authorization_uri=" + "/common/oauth2/authorize");
    }
    ctx.status(e.status()).contentType("application/json; charset=utf-8").result(json.error(e));
  }

  @Override
  public void close() {
    app.stop();
  }

  /** Jetty's own error answers (bad URIs, oversized requests) as Dataverse error JSON. */
  private static final class JsonErrorPages extends ErrorHandler {
    private static final JsonBodies JSON = new JsonBodies();

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
      fields.put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
      return ByteBuffer.wrap(body(status, reason));
    }

    @Override
    protected void generateAcceptableResponse(
        Request baseRequest,
        HttpServletRequest request,
        HttpServletResponse response,
        int code,
        String message)
        throws IOException {
      baseRequest.setHandled(true);
      response.setContentType("application/json; charset=utf-8");
      response.getOutputStream().write(body(code, message));
    }

    private static byte[] body(int status, String reason) {
      String message =
          reason == null || reason.isBlank() ? "The request could not be understood." : reason;
      return JSON.error(
          new ODataException(
              status, ODataException.BAD_QUERY, message + " Check the URL's encoding."));
    }
  }
}
