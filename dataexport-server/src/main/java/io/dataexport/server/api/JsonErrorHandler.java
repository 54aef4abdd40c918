package io.dataexport.server.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Errors the web server answers by itself, before a request reaches the API (a request line or
 * headers too large, a malformed URI): the API's JSON error body instead of Jetty's HTML page, and
 * never a stack trace, so that every error a client sees has the same form.
 */
final class JsonErrorHandler extends ErrorHandler {
  private static final ObjectMapper JSON = new ObjectMapper();

  JsonErrorHandler() {
    setShowStacks(false);
    setShowMessageInTitle(false);
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

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8"));
    return ByteBuffer.wrap(body(status, reason));
  }

  private static byte[] body(int status, String reason) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode error = body.putObject("error");
    error.put("code", code(status));
    String message = HttpStatus.getMessage(status);
    error.put(
        "message",
        "The web server refused the request: "
            + message
            + (reason == null || reason.isBlank() || reason.equals(message)
                ? "."
                : " (" + reason + ")."));
    error.putArray("details");
    return body.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String code(int status) {
    return switch (status) {
      case 400 -> "badRequest";
      case 404 -> "notFound";
      case 405 -> "methodNotAllowed";
      case 413 -> "payloadTooLarge";
      case 414 -> "uriTooLong";
      case 431 -> "headersTooLarge";
      default -> status >= 500 ? "internalError" : "httpError";
    };
  }
}
