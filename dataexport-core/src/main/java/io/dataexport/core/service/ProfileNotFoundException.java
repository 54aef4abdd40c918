package io.dataexport.core.service;

/** No profile has the id asked for. */
public final class ProfileNotFoundException extends RuntimeException {
  public ProfileNotFoundException(String id) {
    super(
        "No export profile has the id '" + id + "'. List the profiles with GET /api/v1/profiles.");
  }
}
