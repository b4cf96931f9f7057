package dev.corral.server.retention;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.server.http.HttpError;
import dev.corral.server.http.Json;
import dev.corral.server.http.Request;
import dev.corral.server.http.Response;
import dev.corral.server.search.InvalidFieldException;
import java.io.IOException;
import java.util.Map;

/**
 * The admin API of retention (docs/ui-api.md): {@code GET} the policy in force and where each value
 * comes from; {@code PUT} a new one (the fields sent replace those in force; validated: a rule whose
 * match does not parse is refused with the query language's position and caret); {@code DELETE} the
 * API's policy, so corral.yaml's applies again; {@code POST …/run} a pass now, answering what it
 * deleted. Every change is logged with the acting principal.
 */
final class RetentionHandler {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A policy is a few limits and at most a hundred short rules. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  private final RetentionService service;

  RetentionHandler(RetentionService service) {
    this.service = service;
  }

  Response get(Request request) {
    return Response.json(200, Json.bytes(service.describe()));
  }

  Response put(Request request) throws HttpError, IOException {
    byte[] body = request.body().readNBytes(MAX_BODY_BYTES + 1);
    if (body.length > MAX_BODY_BYTES) {
      throw new HttpError(413, "a retention policy is over the limit of " + MAX_BODY_BYTES + " bytes");
    }
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (JacksonException e) {
      throw new HttpError(400, "the retention policy is not JSON: " + e.getOriginalMessage());
    }
    try {
      service.replace(json, request.principal().keyId());
    } catch (InvalidFieldException e) {
      throw new HttpError(400, "invalid retention policy: " + e.getMessage(), Map.of(), e.details());
    }
    return Response.json(200, Json.bytes(service.describe()));
  }

  Response delete(Request request) throws IOException {
    service.revertToConfiguration(request.principal().keyId());
    return Response.json(200, Json.bytes(service.describe()));
  }

  Response run(Request request) throws HttpError {
    RetentionService.PassReport report = service.runPass();
    if (report.error() != null) {
      throw new HttpError(500, "the retention pass failed: " + report.error() + " (" + report.deletions().size()
          + " deletions made before)");
    }
    return Response.json(200, Json.bytes(Map.of("deletions",
        report.deletions().stream().map(DeletionRecord::toJson).toList())));
  }
}
