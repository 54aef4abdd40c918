/**
 * The web console's files (SPEC §10): {@link io.dataexport.server.console.ConsoleAssets} reads the
 * single-page application from the class path ({@code console/}) once and gives each file with its
 * content type under a version made from their contents, so browsers may cache them for good. The
 * console talks to the REST API only; nothing here knows the HTTP framework ({@code server.api}
 * serves these files).
 */
package io.dataexport.server.console;
