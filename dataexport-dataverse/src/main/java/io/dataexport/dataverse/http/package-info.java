/**
 * The Web API over HTTP: headers, bearer tokens, retries within a bounded wait, and Dataverse error
 * answers mapped to retriable, configuration and token-expired failures.
 */
package io.dataexport.dataverse.http;
