package org.gdxhub.ledger.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.gdxhub.common.BoundedMemo;
import org.gdxhub.common.Sha256;

/**
 * Stores the dataset and agreement parts of a policy input once per distinct content (ADR 0020).
 * Every lookup under the same agreement version carries the same two objects, about two thirds
 * of the input; the ledger keeps them in {@code policy_fact} under their SHA-256 and the input
 * with each replaced by a reference {@code {"$fact":"<digest>"}}. Splitting and joining work on
 * the JSON text, so the input read back is byte for byte the one the engine decided on.
 */
final class PolicyFacts {

  /** Top-level members of the policy input that are stored as facts when they are objects. */
  static final Set<String> MEMBERS = Set.of("dataset", "agreement");

  private static final String REF_START = "{\"$fact\":\"";
  private static final String REF_END = "\"}";
  private static final int DIGEST_CHARS = 64;
  // Facts repeat (a catalog has few datasets and agreement versions), so their digests are kept.
  private static final BoundedMemo<String, String> DIGESTS = new BoundedMemo<>(4096, Sha256::hex);

  private PolicyFacts() {}

  /** One fact: its digest and JSON text. */
  record Fact(String digest, String json) {}

  /** A policy input as stored: the input with references in place of its facts, and the facts. */
  record Split(String storedInput, List<Fact> facts) {}

  /**
   * Splits the facts out of a policy input. Input that is not a JSON object, or has no object
   * under a fact member, is stored as it is.
   *
   * @throws IllegalArgumentException for input that already holds a reference's text, which
   *     could not be told apart from a reference when read back (no hub input does: it has no
   *     free-form objects)
   */
  static Split split(String inputJson) {
    if (inputJson.contains(REF_START)) {
      throw new IllegalArgumentException("a policy input may not contain " + REF_START);
    }
    List<int[]> spans = factSpans(inputJson);
    if (spans.isEmpty()) {
      return new Split(inputJson, List.of());
    }
    var stored = new StringBuilder(inputJson.length());
    var facts = new ArrayList<Fact>(spans.size());
    int copied = 0;
    for (int[] span : spans) {
      String json = inputJson.substring(span[0], span[1]);
      String digest = digest(json);
      facts.add(new Fact(digest, json));
      stored.append(inputJson, copied, span[0]).append(REF_START).append(digest).append(REF_END);
      copied = span[1];
    }
    stored.append(inputJson, copied, inputJson.length());
    return new Split(stored.toString(), List.copyOf(facts));
  }

  /**
   * The policy input a stored input was split from. A reference's text can only stand where a
   * JSON value stands (inside a string its quotes would be escaped), so a plain text search
   * finds exactly the references.
   *
   * @throws IllegalStateException when a referenced fact is not known
   */
  static String join(String storedInput, Function<String, String> factJson) {
    int at = storedInput.indexOf(REF_START);
    if (at < 0) {
      return storedInput;
    }
    var input = new StringBuilder(storedInput.length() * 3);
    int copied = 0;
    for (; at >= 0; at = storedInput.indexOf(REF_START, copied)) {
      int digestStart = at + REF_START.length();
      int end = digestStart + DIGEST_CHARS + REF_END.length();
      String digest = storedInput.substring(digestStart, digestStart + DIGEST_CHARS);
      String json = factJson.apply(digest);
      if (json == null) {
        throw new IllegalStateException("policy fact " + digest + " is missing");
      }
      input.append(storedInput, copied, at).append(json);
      copied = end;
    }
    return input.append(storedInput, copied, storedInput.length()).toString();
  }

  static String digest(String factJson) {
    return DIGESTS.get(factJson);
  }

  /**
   * Character spans [start, end) of the object values of the top-level fact members, in order;
   * none for text that is not a JSON object. A structural scan (strings skipped whole, nesting
   * counted) rather than a parser: it runs for every lookup, and a Jackson parser over the whole
   * input was 1 % of the hub's CPU at full load.
   */
  static List<int[]> factSpans(String json) {
    var spans = new ArrayList<int[]>(2);
    try {
      int at = skipSpace(json, 0);
      if (json.charAt(at) != '{') {
        return List.of();
      }
      at = skipSpace(json, at + 1);
      while (json.charAt(at) != '}') {
        int nameEnd = endOfString(json, at);
        String name = json.substring(at + 1, nameEnd - 1);
        at = skipSpace(json, nameEnd);
        if (json.charAt(at) != ':') {
          return List.of();
        }
        int valueStart = skipSpace(json, at + 1);
        int valueEnd = endOfValue(json, valueStart);
        if (json.charAt(valueStart) == '{' && MEMBERS.contains(name)) {
          spans.add(new int[] {valueStart, valueEnd});
        }
        at = skipSpace(json, valueEnd);
        if (json.charAt(at) == ',') {
          at = skipSpace(json, at + 1);
          if (json.charAt(at) != '"') {
            return List.of();
          }
        } else if (json.charAt(at) != '}') {
          return List.of();
        }
      }
      return skipSpace(json, at + 1) == json.length() ? spans : List.of();
    } catch (IndexOutOfBoundsException malformed) {
      return List.of();
    }
  }

  private static int skipSpace(String json, int at) {
    while (at < json.length() && Character.isWhitespace(json.charAt(at))) {
      at++;
    }
    return at;
  }

  /** The index after the string that starts (with its quote) at {@code at}. */
  private static int endOfString(String json, int at) {
    if (json.charAt(at) != '"') {
      throw new IndexOutOfBoundsException("not a string at " + at);
    }
    int i = at + 1;
    for (char c; (c = json.charAt(i)) != '"'; i++) {
      if (c == '\\') {
        i++;
      }
    }
    return i + 1;
  }

  /** The index after the value that starts at {@code at}: a string, an object or array, or a literal. */
  private static int endOfValue(String json, int at) {
    char first = json.charAt(at);
    if (first == '"') {
      return endOfString(json, at);
    }
    if (first != '{' && first != '[') {
      int i = at;
      while (i < json.length() && ",}] \t\r\n".indexOf(json.charAt(i)) < 0) {
        i++;
      }
      return i;
    }
    int depth = 0;
    int i = at;
    do {
      char c = json.charAt(i);
      if (c == '"') {
        i = endOfString(json, i);
        continue;
      }
      if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        depth--;
      }
      i++;
    } while (depth > 0);
    return i;
  }
}
