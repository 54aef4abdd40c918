package io.dataexport.api.profile;

import java.util.Objects;

/**
 * A secret value (password, client secret). Prints as {@code ****} so it cannot leak through logs,
 * exceptions or {@code toString()} of the records that hold it; {@link #reveal()} is the only way
 * to the text.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  public static Secret of(String value) {
    return new Secret(value);
  }

  /** The secret text; call only where it is handed to the system that needs it. */
  public String reveal() {
    return value;
  }

  public boolean isEmpty() {
    return value.isEmpty();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "****";
  }
}
