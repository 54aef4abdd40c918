package io.dataexport.server.api;

import io.javalin.http.Context;

/**
 * Query parameters of the API's list routes, read one way: a value that is no whole number or out
 * of range is a 400 that names the parameter, the value and what to give instead.
 */
final class QueryParams {
  private QueryParams() {}

  /**
   * A whole number from {@code min} to {@code max}; {@code fallback} when the parameter is absent.
   *
   * @throws RestApi.BadRequest for any other value
   */
  static long number(Context ctx, String name, long min, long max, long fallback) {
    String text = ctx.queryParam(name);
    if (text == null) {
      return fallback;
    }
    try {
      long value = Long.parseLong(text);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException notANumber) {
      // refused below
    }
    throw new RestApi.BadRequest(
        name + " = '" + text + "': give a whole number from " + min + " to " + max + ".");
  }
}
