package org.gdxhub.ledger.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** {@code --name value}, {@code --name=value} and {@code --flag} arguments of a command. */
final class CommandArguments {

  private final Map<String, String> values = new HashMap<>();
  private final Set<String> flags = new HashSet<>();

  /** The usage problem with the arguments. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }

  CommandArguments(String[] args, int from, Set<String> valueNames, Set<String> flagNames) {
    for (int i = from; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new UsageException("unexpected argument: " + arg);
      }
      String name = arg.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (flagNames.contains(name) && value == null) {
        flags.add(name);
      } else if (valueNames.contains(name)) {
        if (value == null) {
          if (i + 1 >= args.length) {
            throw new UsageException("--" + name + " needs a value");
          }
          value = args[++i];
        }
        values.put(name, value);
      } else {
        throw new UsageException("unknown option: --" + name);
      }
    }
  }

  boolean flag(String name) {
    return flags.contains(name);
  }

  String value(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  String required(String name) {
    String value = values.get(name);
    if (value == null || value.isBlank()) {
      throw new UsageException("--" + name + " is required");
    }
    return value;
  }

  long number(String name, long fallback) {
    String value = values.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Long.parseLong(value.replace("_", "").replace(",", ""));
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be a whole number");
    }
  }
}
