package io.dataexport.emulator.http;

/**
 * One Web API request, stripped of everything HTTP-framework specific.
 *
 * @param method upper-case HTTP method
 * @param path the resource path below the service root
 * @param query its system query options
 * @param prefer its {@code Prefer} preferences
 * @param ifMatch the {@code If-Match} header, or null
 * @param ifNoneMatch the {@code If-None-Match} header, or null
 * @param body the request body (empty when none)
 */
public record WebApiRequest(
    String method,
    ODataPath path,
    QueryOptions query,
    Prefer prefer,
    String ifMatch,
    String ifNoneMatch,
    byte[] body) {}
