/**
 * The Dataverse Web API change source ({@code source.type: dataverse}).
 *
 * <p>{@link io.dataexport.dataverse.DataverseSourceProvider} opens a {@link
 * io.dataexport.dataverse.DataverseChangeSource}, which wires the parts below it:
 *
 * <ul>
 *   <li>{@code auth} — OAuth2 client-credentials tokens, cached and renewed before expiry;
 *   <li>{@code http} — GET requests with OData headers, retries for throttling and outages, error
 *       answers turned into the service's exception kinds;
 *   <li>{@code metadata} — {@code EntityDefinitions} and {@code RelationshipDefinitions} mapped to
 *       the schema model;
 *   <li>{@code tracking} — change tracking: initial reads, delta links, rows to payloads.
 * </ul>
 */
package io.dataexport.dataverse;
