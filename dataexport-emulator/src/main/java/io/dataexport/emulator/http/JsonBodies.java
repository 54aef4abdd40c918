package io.dataexport.emulator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small JSON helpers shared by the resources: one configured mapper, bytes in and out. */
public final class JsonBodies {
  public static final ObjectMapper MAPPER = new ObjectMapper();

  public ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }

  /**
   * Parses a request body that must be one JSON object.
   *
   * @throws ODataException 400 naming the problem when it is not
   */
  public ObjectNode parseObject(byte[] body) {
    if (body == null || body.length == 0) {
      throw ODataException.badRequest("The request body is empty; a JSON object was expected.");
    }
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node instanceof ObjectNode object) {
        return object;
      }
      throw ODataException.badRequest("The request body must be a JSON object.");
    } catch (JsonProcessingException e) {
      throw ODataException.badRequest(
          "The request body is not valid JSON: " + e.getOriginalMessage() + ".");
    } catch (java.io.IOException e) {
      throw ODataException.badRequest("The request body could not be read.");
    }
  }

  /** The Dataverse error body. */
  public byte[] error(ODataException error) {
    ObjectNode body = object();
    ObjectNode inner = body.putObject("error");
    inner.put("code", error.code());
    inner.put("message", error.getMessage());
    return bytes(body);
  }
}
