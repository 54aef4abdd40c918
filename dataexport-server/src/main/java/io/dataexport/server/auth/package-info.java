/**
 * Who may call the REST API (SPEC §9): the roles, API keys ({@link
 * io.dataexport.server.auth.ApiKeyTokens}), OpenID Connect bearer tokens ({@link
 * io.dataexport.server.auth.OidcVerifier}), the {@link io.dataexport.server.auth.Authenticator}
 * that tries both, and the {@link io.dataexport.server.auth.FailedAuthThrottle} that slows
 * guessing. Nothing here knows the HTTP framework; {@code server.api} enforces the roles per route.
 */
package io.dataexport.server.auth;
