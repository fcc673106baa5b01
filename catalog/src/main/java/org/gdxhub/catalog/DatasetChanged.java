package org.gdxhub.catalog;

/**
 * A dataset was registered, published or retired by its owner (published inside the change's
 * transaction, so listeners such as the admin audit stream commit or roll back with it).
 *
 * @param before the dataset before the change; null when it was just registered
 * @param change registered, published or retired
 * @param actor who made the change: agency/unit/officer
 */
public record DatasetChanged(Dataset before, Dataset after, String change, String actor) {}
