package io.dataexport.server.api;

import java.util.List;

/**
 * A request a route refuses with a status of its own (a sign-in that cannot complete, a source that
 * refuses or cannot be reached), answered as the API's JSON error.
 */
final class Refusal extends RuntimeException {
  private final int status;
  private final String code;

  Refusal(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  ApiError error() {
    return new ApiError(status, code, getMessage(), List.of());
  }
}
