package org.gdxhub.ledger;

import java.io.PrintStream;

import org.gdxhub.ledger.internal.LedgerCommands;

/**
 * Entry point of the ledger's command-line tools in the hub jar ({@code ledger-verify},
 * {@code ledger-export}, {@code ledger-benchmark}); they run without the Spring context.
 */
public final class LedgerCommandLine {

  private LedgerCommandLine() {}

  /** True when the arguments name one of these commands (or ask for help) rather than starting the hub. */
  public static boolean handles(String[] args) {
    return args.length > 0 && LedgerCommands.NAMES.contains(args[0]);
  }

  /** Runs the command; returns the process exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return LedgerCommands.run(args, out, err);
  }
}
