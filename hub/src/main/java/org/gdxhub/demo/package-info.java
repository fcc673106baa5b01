/**
 * Demo data for the embedded run: three data owners (Central Registration Office, Department of
 * Business Development, Revenue Department) with six published datasets served by the bundled
 * demo source systems, the registry's change events ({@code civil-registration-events}), a district
 * office with its sections as consumer, and an approved agreement per dataset.
 * Each piece is loaded once, when missing, while {@code hub.demo.enabled} is true.
 */
package org.gdxhub.demo;
