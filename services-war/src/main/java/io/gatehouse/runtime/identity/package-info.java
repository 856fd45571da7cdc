/**
 * Who is calling: the client chain the TLS listener validated, read once per chain ({@link
 * io.gatehouse.runtime.identity.IdentityCache}: proxies, DN, group, checked again for revocation and expiry on kept
 * connections), resolved against the registry ({@link io.gatehouse.runtime.identity.CallerResolver}), and handed to
 * the container as the caller's principal and role ({@link
 * io.gatehouse.runtime.identity.CertificateAuthModule}).
 */
package io.gatehouse.runtime.identity;
