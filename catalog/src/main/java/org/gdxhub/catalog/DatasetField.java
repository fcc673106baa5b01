package org.gdxhub.catalog;

/**
 * One field of a dataset. {@code personal} marks personal data; {@code biometric} marks fields
 * such as a face image that are released only when an agreement names them.
 */
public record DatasetField(String name, String labelTh, String labelEn, boolean personal, boolean biometric) {}
