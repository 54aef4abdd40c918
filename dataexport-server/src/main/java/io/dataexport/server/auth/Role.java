package io.dataexport.server.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a caller may do (SPEC §9); each role may do everything the one before it may. {@code viewer}
 * reads profiles, status, failures and metrics; {@code operator} also activates, deactivates and
 * resyncs; {@code admin} may do everything, including creating, changing and deleting profiles,
 * managing keys, reading the audit log and uninstalling.
 */
public enum Role {
  VIEWER,
  OPERATOR,
  ADMIN;

  /**
   * The role's name as configured, stored and shown: {@code viewer}, {@code operator}, {@code
   * admin}.
   */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True when this role may do what {@code required} may. */
  public boolean includes(Role required) {
    return compareTo(required) >= 0;
  }

  /** The role of a name ({@code viewer}, {@code operator}, {@code admin}), if it is one. */
  public static Optional<Role> named(String name) {
    return Arrays.stream(values()).filter(r -> r.wireName().equals(name)).findFirst();
  }

  /** The role names, for messages: {@code viewer, operator, admin}. */
  public static String names() {
    return Arrays.stream(values()).map(Role::wireName).collect(Collectors.joining(", "));
  }
}
