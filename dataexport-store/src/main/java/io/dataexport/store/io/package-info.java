/**
 * File operations the embedded stores share: atomic replacement, forcing directories, owner-only
 * files for keys ({@code PrivateFiles}).
 */
package io.dataexport.store.io;
