package io.dataexport.api.profile;

/**
 * Where records come from.
 *
 * @param type the source kind; {@code dataverse}
 * @param url the organisation's Web API root, e.g. {@code https://org.crm.dynamics.com}
 * @param auth how to authenticate
 */
public record SourceConfig(String type, String url, SourceAuth auth) {}
