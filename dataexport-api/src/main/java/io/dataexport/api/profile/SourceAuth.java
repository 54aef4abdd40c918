package io.dataexport.api.profile;

/**
 * OAuth2 client credentials for the source.
 *
 * @param tokenUrl the token endpoint, e.g. {@code
 *     https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token}
 * @param clientId the application (client) id
 * @param clientSecret the client secret
 * @param scope the scope asked for; {@code <source url>/.default} when not given
 */
public record SourceAuth(String tokenUrl, String clientId, Secret clientSecret, String scope) {}
