/** The console's controllers, view helpers and web configuration. */
package org.gdxhub.console.internal;
