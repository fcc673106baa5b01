package org.gdxhub.ledger;

import java.time.Instant;

/**
 * One administrative change in the ledger's admin stream.
 *
 * @param action e.g. {@code agreement.amended}, {@code api_key.issued}, {@code pseudonym_key.rotated}
 * @param target what changed (an agreement id, an agency code, an API key id, a key name)
 * @param beforeDigest SHA-256 of the state before (JSON), null when there was none
 * @param afterDigest SHA-256 of the state after (JSON)
 * @param hash SHA-256 over the previous event's hash and this event's fields
 */
public record AdminAuditEvent(long seq, String id, Instant recordedAt, String actor, String action, String target,
    String beforeDigest, String afterDigest, String prevHash, String hash) {}
