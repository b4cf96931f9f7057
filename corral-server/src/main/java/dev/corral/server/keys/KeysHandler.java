package dev.corral.server.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.server.audit.AuditEntries;
import dev.corral.server.audit.AuditTrail;
import dev.corral.server.auth.ApiKeys;
import dev.corral.server.auth.KeyInfo;
import dev.corral.server.auth.KeyLimits;
import dev.corral.server.auth.KeyLifetime;
import dev.corral.server.auth.KeySpec;
import dev.corral.server.search.ReadScope;
import dev.corral.server.auth.Scope;
import dev.corral.server.http.HttpError;
import dev.corral.server.http.Json;
import dev.corral.server.http.Request;
import dev.corral.server.http.Response;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API of keys. {@code POST} takes {@code {"name", "scope", "services": [...], "filter",
 * "expires", "events_per_second", "queries_per_minute"}} (the two limits optional whole numbers;
 * absent, null or 0 for the server's defaults) and answers 201 with the key's description and {@code "key": "id:secret"}, shown this
 * once; {@code GET} lists every key without secrets or hashes; {@code DELETE …/{id}} revokes one
 * (404 for an unknown id). Every change is logged with the acting principal.
 */
final class KeysHandler {
  private static final Logger LOG = LoggerFactory.getLogger(KeysHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A key request is a few short fields. */
  static final int MAX_BODY_BYTES = 16 * 1024;

  private final ApiKeys keys;
  private final Clock clock;
  private final AuditTrail audit;

  /** @param audit where each key created or revoked is recorded, with who did it */
  KeysHandler(ApiKeys keys, Clock clock, AuditTrail audit) {
    this.keys = keys;
    this.clock = clock;
    this.audit = audit;
  }

  Response create(Request request) throws HttpError, IOException {
    KeySpec spec = spec(body(request));
    try {
      ReadScope.check(spec);
    } catch (IllegalArgumentException e) {
      throw new HttpError(400, e.getMessage());
    }
    ApiKeys.IssuedKey issued = keys.create(spec);
    LOG.atInfo().addKeyValue("key", issued.info().id()).addKeyValue("scope", spec.scope())
        .addKeyValue("by", request.principal().keyId()).log("API key created");
    audit.record(AuditEntries.keyCreated(request, issued.info()));
    Map<String, Object> answer = new LinkedHashMap<>(issued.info().toJson(clock.instant()));
    answer.put("key", issued.key());
    return Response.json(201, Json.bytes(answer));
  }

  Response list(Request request) {
    Instant now = clock.instant();
    List<Map<String, Object>> all = new ArrayList<>();
    for (KeyInfo key : keys.list()) {
      all.add(key.toJson(now));
    }
    return Response.json(200, Json.bytes(Map.of("keys", all)));
  }

  Response revoke(Request request) throws HttpError, IOException {
    String id = request.pathTail();
    KeyInfo revoked = keys.revoke(id).orElseThrow(() -> new HttpError(404, "no API key has the id '" + id + "'"));
    LOG.atInfo().addKeyValue("key", id).addKeyValue("by", request.principal().keyId()).log("API key revoked");
    audit.record(AuditEntries.keyRevoked(request, revoked));
    return Response.json(200, Json.bytes(revoked.toJson(clock.instant())));
  }

  private static JsonNode body(Request request) throws HttpError, IOException {
    byte[] body = request.body().readNBytes(MAX_BODY_BYTES + 1);
    if (body.length > MAX_BODY_BYTES) {
      throw new HttpError(413, "a key request is over the limit of " + MAX_BODY_BYTES + " bytes");
    }
    try {
      JsonNode json = JSON.readTree(body);
      if (json == null || !json.isObject()) {
        throw new HttpError(400, "send a JSON object: {\"name\": ..., \"scope\": \"ingest|read|admin\"}");
      }
      return json;
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new HttpError(400, "the key request is not JSON: " + e.getOriginalMessage());
    }
  }

  private KeySpec spec(JsonNode json) throws HttpError {
    try {
      String scope = text(json, "scope");
      if (scope == null) {
        throw new IllegalArgumentException("'scope' is required: ingest, read or admin");
      }
      List<String> services = new ArrayList<>();
      json.path("services").forEach(service -> services.add(service.asText()));
      String expires = text(json, "expires");
      return new KeySpec(text(json, "name") == null ? "" : text(json, "name"), Scope.named(scope), services,
          text(json, "filter"), expires == null ? null : KeyLifetime.expiry(expires, clock.instant()),
          new KeyLimits(count(json, "events_per_second"), count(json, "queries_per_minute")));
    } catch (IllegalArgumentException e) {
      throw new HttpError(400, e.getMessage());
    }
  }

  /** A whole number field; absent or null is 0. */
  private static long count(JsonNode json, String field) {
    JsonNode value = json.get(field);
    if (value == null || value.isNull()) {
      return 0;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw new IllegalArgumentException("'" + field + "' must be a whole number, got " + value);
    }
    return value.asLong();
  }

  private static String text(JsonNode json, String field) {
    JsonNode value = json.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
