package org.gdxhub.policy;

/**
 * One revision of the policy data document (data.gdx): reference data both engines decide
 * on. {@code revision} is a content hash, used as the bundle's revision and HTTP ETag.
 */
public record PolicyData(String revision, String json) {}
