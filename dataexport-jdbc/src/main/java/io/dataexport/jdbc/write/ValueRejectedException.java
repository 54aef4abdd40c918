package io.dataexport.jdbc.write;

/** A payload value does not fit its attribute; the message says what was expected and found. */
final class ValueRejectedException extends IllegalArgumentException {
  ValueRejectedException(String message) {
    super(message);
  }
}
