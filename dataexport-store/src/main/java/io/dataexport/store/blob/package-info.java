/**
 * The local blob store ({@link io.dataexport.store.blob.LocalBlobStore}, {@code blobs.type local}
 * through {@link io.dataexport.store.blob.LocalBlobStoreProvider}) and key provider ({@link
 * io.dataexport.store.blob.LocalKeyProvider}): parked notifications and oversized payloads,
 * envelope-encrypted in files under the data directory. What every blob store kind shares lives
 * here too: the key rules ({@link io.dataexport.store.blob.BlobKeyRules}), the sealed format
 * ({@link io.dataexport.store.blob.BlobEnvelope}) and the reading of {@code blobs.*} settings
 * ({@link io.dataexport.store.blob.BlobSettings}); bucket-like stores build on {@code
 * store.blob.object}.
 *
 * <pre>
 * &lt;data directory&gt;/blobs/&lt;key&gt;.blob          one sealed blob per key     LocalBlobStore, BlobFiles, BlobPaths
 *                                          format and cipher            BlobEnvelope
 * &lt;data directory&gt;/keys/blob-keys/kek-…     32-byte AES key, rw-------   LocalKeyProvider
 * &lt;data directory&gt;/keys/blob-keys/primary   id of the key new blobs use  LocalKeyProvider
 * </pre>
 *
 * <p>Writing a blob: a fresh random 256-bit data key encrypts it with AES-GCM (associated data: the
 * header and the blob's key), the key provider wraps the data key under its primary key (AES key
 * wrap), and the sealed bytes replace the file atomically and durably. Reading unwraps the data key
 * under the key id the header names, so blobs written before a rotation stay readable.
 */
package io.dataexport.store.blob;
