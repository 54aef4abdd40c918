/**
 * Blob stores that keep each blob as one object of a storage service (an S3 bucket, an Azure
 * container): {@link io.dataexport.store.blob.object.ObjectBlobStore} applies the {@link
 * io.dataexport.api.blob.BlobStore} contract (key rules, envelope encryption on this side, prefix
 * semantics, sorted listings, re-encryption) over the few operations of {@link
 * io.dataexport.store.blob.object.ObjectStorage} that each service's module implements with its
 * SDK, mapping that SDK's failures to the service's exceptions.
 *
 * <pre>
 * blob key      p1/parked/account/n42
 * object name   [prefix/]p1/parked/account/n42.blob     ObjectNames
 * object bytes  the sealed form of BlobEnvelope          (never the plaintext)
 * </pre>
 */
package io.dataexport.store.blob.object;
