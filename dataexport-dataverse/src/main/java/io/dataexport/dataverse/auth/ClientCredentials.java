package io.dataexport.dataverse.auth;

import io.dataexport.api.profile.Secret;
import java.net.URI;

/**
 * What the OAuth2 client-credentials grant sends.
 *
 * @param tokenUrl the token endpoint
 * @param clientId the application (client) id
 * @param clientSecret the client secret; prints as {@code ****}
 * @param scope the scope asked for, e.g. {@code https://org.crm.dynamics.com/.default}
 */
public record ClientCredentials(URI tokenUrl, String clientId, Secret clientSecret, String scope) {}
