package org.gdxhub.catalog;

/** A new agency (with its units) joined the hub. */
public record AgencyRegistered(Agency agency) {}
