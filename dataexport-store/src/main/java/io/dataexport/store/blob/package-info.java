/**
 * The local blob store ({@link io.dataexport.store.blob.LocalBlobStore}, {@code blobs.type local}
 * through {@link io.dataexport.store.blob.LocalBlobStoreProvider}) and the key providers ({@code
 * keys.type}): parked notifications and oversized payloads, envelope-encrypted in files under the
 * data directory. What every blob store kind shares lives here too: the key rules ({@link
 * io.dataexport.store.blob.BlobKeyRules}), the sealed format ({@link
 * io.dataexport.store.blob.BlobEnvelope}) and the reading of {@code blobs.*} settings ({@link
 * io.dataexport.store.blob.BlobSettings}); bucket-like stores build on {@code store.blob.object}.
 *
 * <pre>
 * &lt;data directory&gt;/blobs/&lt;key&gt;.blob  one sealed blob per key      LocalBlobStore, BlobFiles, BlobPaths
 *                                                format and cipher            BlobEnvelope
 * &lt;data directory&gt;/keys/blob-keys/kek-…    32-byte AES key, rw-------   LocalKeyProvider (keys.type local,
 * &lt;data directory&gt;/keys/blob-keys/primary  id of the key new blobs use  in keys.directory when set)
 * keys.keys, keys.primaryId                      id=BASE64 entries, no files  ConfiguredKeyProvider, ConfiguredKeyText
 *                                                wrapped-key format           AesKeyWrap, shared by both providers
 * </pre>
 *
 * <p>{@link io.dataexport.store.blob.LocalKeyProviderFactory} and {@link
 * io.dataexport.store.blob.ConfiguredKeyProviderFactory} open the providers from {@code keys.*}
 * settings; they are found with {@link java.util.ServiceLoader}.
 *
 * <p>Writing a blob: a fresh random 256-bit data key encrypts it with AES-GCM (associated data: the
 * header and the blob's key), the key provider wraps the data key under its primary key (AES key
 * wrap), and the sealed bytes replace the file atomically and durably. Reading unwraps the data key
 * under the key id the header names, so blobs written before a rotation stay readable.
 */
package io.dataexport.store.blob;
