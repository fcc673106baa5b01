package org.gdxhub.console;

/** Where the console lives; the security module's console filter chain protects these paths. */
public final class ConsolePaths {

  /** The console's root: it sends a signed-in user to the home page of their role. */
  public static final String ROOT = "/console";
  /** Static assets (the console's script and styles, htmx and Chart.js from their webjars). */
  public static final String ASSETS = "/console/assets";

  private ConsolePaths() {}
}
