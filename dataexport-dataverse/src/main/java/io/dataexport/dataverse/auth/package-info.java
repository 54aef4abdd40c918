/** OAuth2 client credentials (Microsoft Entra ID): access tokens and what a refusal means. */
package io.dataexport.dataverse.auth;
