package org.gdxhub.connectors.internal;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;

import org.gdxhub.common.HubException;
import org.gdxhub.connectors.CredentialsProvider.Credentials;
import org.gdxhub.connectors.PopulationRegistry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The registrar's desk of the demo population registry: records deaths and moves in the
 * registry's database, which then publishes them as change events. Stands in for the Central
 * Registration Office's own clerk application, so demos can make the registry change:
 * <pre>
 * POST /dopa/api/v1/deaths  {"citizenId": "...", "dateOfDeath": "2026-11-20"}       → 201 {"eventId": "..."}
 * POST /dopa/api/v1/moves   {"citizenId": "...", "toHouseId": "...", "movedOn": "..."} → 201 {"eventId": "..."}
 * </pre>
 * Dates default to today (Thai time); {@code toHouseId} defaults to another house of the registry.
 */
class DemoRegistryClerk extends DemoHttpServer {

  static final String KIND = "registry-clerk";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final ZoneId THAI_TIME = ZoneId.of("Asia/Bangkok");

  private final PopulationRegistry registry;

  DemoRegistryClerk(String name, int port, Duration delay, Credentials credentials, PopulationRegistry registry) {
    super(name, port, delay, credentials);
    this.registry = registry;
  }

  @Override
  protected void contexts(HttpServer server) {
    protect(server.createContext("/dopa/api/v1/deaths", handler(exchange -> change(exchange,
        body -> registry.recordDeath(text(body, "citizenId"), date(body, "dateOfDeath"))))));
    protect(server.createContext("/dopa/api/v1/moves", handler(exchange -> change(exchange,
        body -> registry.recordMove(text(body, "citizenId"), optionalText(body, "toHouseId"), date(body, "movedOn"))))));
  }

  private interface Change {
    String apply(JsonNode body);
  }

  private static void change(HttpExchange exchange, Change change) throws IOException {
    if (!"POST".equals(exchange.getRequestMethod())) {
      send(exchange, 405, "application/json", error("method_not_allowed", "use POST"));
      return;
    }
    JsonNode body;
    try {
      body = JSON.readTree(exchange.getRequestBody());
    } catch (JacksonException e) {
      send(exchange, 400, "application/json", error("invalid_request", "the body is not JSON"));
      return;
    }
    try {
      String eventId = change.apply(body == null ? JSON.createObjectNode() : body);
      send(exchange, 201, "application/json", JSON.writeValueAsString(Map.of("eventId", eventId)));
    } catch (HubException e) {
      send(exchange, e.errorCode().status().value(), "application/json", error(e.errorCode().code(), e.getMessage()));
    }
  }

  private static String text(JsonNode body, String member) {
    String value = optionalText(body, member);
    if (value == null) {
      throw new HubException(org.gdxhub.common.ErrorCode.INVALID_REQUEST, member + " is required");
    }
    return value;
  }

  private static String optionalText(JsonNode body, String member) {
    JsonNode value = body.get(member);
    return value == null || value.isNull() || value.asString().isBlank() ? null : value.asString().trim();
  }

  private static LocalDate date(JsonNode body, String member) {
    String value = optionalText(body, member);
    try {
      return value == null ? LocalDate.now(THAI_TIME) : LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new HubException(org.gdxhub.common.ErrorCode.INVALID_REQUEST, member + " must be a date (yyyy-mm-dd)");
    }
  }

  private static String error(String code, String message) {
    return JSON.writeValueAsString(Map.of("errorCode", code, "errorMessage", message));
  }
}
