package io.dataexport.core.service;

/** The request clashes with the profile's state or another profile (e.g. a duplicate name). */
public final class ProfileConflictException extends RuntimeException {
  public ProfileConflictException(String message) {
    super(message);
  }
}
