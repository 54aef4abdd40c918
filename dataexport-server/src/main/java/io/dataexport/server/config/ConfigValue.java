package io.dataexport.server.config;

/**
 * One configuration value as text, with where it came from, so a problem can tell the operator what
 * to edit.
 *
 * @param text the value; never null
 * @param origin the file, environment variable or command line that set it, e.g. {@code
 *     DATAEXPORT_API_PORT}
 */
record ConfigValue(String text, String origin) {}
