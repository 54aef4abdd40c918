package io.dataexport.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.api.error.Problem;
import java.util.List;

/**
 * An error answer of the REST API: {@code {"error": {"code", "message", "details": [...]}}} with a
 * status; details are the problems, each with field, value and message.
 *
 * @param status HTTP status
 * @param code stable machine-readable code, e.g. {@code invalidProfile}
 * @param message what went wrong and what to do
 * @param details the individual problems, possibly empty
 */
record ApiError(int status, String code, String message, List<Problem> details) {

  ObjectNode toJson() {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    ObjectNode error = body.putObject("error");
    error.put("code", code);
    error.put("message", message);
    ArrayNode list = error.putArray("details");
    for (Problem problem : details) {
      ObjectNode detail = list.addObject();
      detail.put("field", problem.field());
      detail.put("value", problem.value());
      detail.put("message", problem.message());
    }
    return body;
  }
}
