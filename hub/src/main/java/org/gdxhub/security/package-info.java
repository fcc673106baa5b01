/**
 * Secrets and keys, the pseudonymisation of subject identifiers, and digital signatures
 * ({@link org.gdxhub.security.SigningService}). The embedded default keeps keys in a local
 * PKCS#12 keystore created on first start; HashiCorp Vault is the production backend
 * (security issue). Callers depend only on this package's types.
 */
package org.gdxhub.security;
