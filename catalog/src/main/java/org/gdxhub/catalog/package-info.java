/**
 * The dataset catalog: agencies and their units, datasets with their fields and
 * classification, access requests and the versioned agreements they become.
 * Public API: {@link org.gdxhub.catalog.CatalogService}, {@link org.gdxhub.catalog.AgreementService}
 * and the records they return; persistence and REST controllers live in {@code internal}.
 */
package org.gdxhub.catalog;
