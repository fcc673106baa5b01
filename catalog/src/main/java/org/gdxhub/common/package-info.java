/**
 * Shared vocabulary of every module: stable error codes and the exception that carries
 * them, RFC 9457 problem responses, caller identity, and subject identifier validation.
 */
package org.gdxhub.common;
