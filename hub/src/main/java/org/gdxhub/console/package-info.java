/**
 * The governance console (ADR 0013): the hub's web pages for data owners, consuming agencies
 * and the governance committee, in Thai and English, server-rendered with Thymeleaf and htmx
 * under {@code /console}. Pages call the other modules' application services; the console
 * holds no business rules of its own beyond who sees what on screen. Sign-in and the console's
 * filter chain live in the security module; every asset (htmx, Chart.js, the console's own
 * script and styles) is served by the hub.
 */
package org.gdxhub.console;
