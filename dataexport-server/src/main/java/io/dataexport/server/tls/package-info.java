/**
 * TLS key material read with the JDK only: the API's certificate and private key ({@link
 * io.dataexport.server.tls.ServerIdentity}) from a PKCS12 key store ({@link
 * io.dataexport.server.tls.Pkcs12File}) or PEM files ({@link io.dataexport.server.tls.PemFiles}),
 * and the certificates the CLI trusts ({@link io.dataexport.server.tls.TrustedCertificates}). The
 * configuration turns a {@link io.dataexport.server.tls.TlsFileException} into a problem on the key
 * concerned; the API's HTTPS connector only receives a ready {@link javax.net.ssl.SSLContext}.
 */
package io.dataexport.server.tls;
