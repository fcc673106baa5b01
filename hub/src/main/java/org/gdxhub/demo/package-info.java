/**
 * Demo data for the embedded run: the Central Registration Office as data owner, a district
 * office with its sections as consumer, the civil-record dataset and one approved agreement.
 * Loaded once, on first start, when {@code hub.demo.enabled} is true.
 */
package org.gdxhub.demo;
