/** File operations the embedded stores share: atomic replacement, forcing directories. */
package io.dataexport.store.io;
