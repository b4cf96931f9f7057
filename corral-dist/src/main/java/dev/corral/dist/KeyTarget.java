package dev.corral.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.server.auth.ApiKeys;
import dev.corral.server.auth.KeyInfo;
import dev.corral.server.auth.KeyLifetime;
import dev.corral.server.auth.KeyLimits;
import dev.corral.server.auth.KeySpec;
import dev.corral.server.search.ReadScope;
import dev.corral.server.auth.Scope;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where {@code corral keys} works: a running server through its admin API ({@code --url}, with an
 * admin key from {@code --key} or {@code CORRAL_API_KEY}), or a data directory offline ({@code
 * --data DIR}). Offline takes the data directory's lock ({@code corral.lock}), so it never writes
 * the key file of a running server, which holds that lock: it refuses and says to use {@code --url}.
 * Answers are the admin API's JSON in both cases.
 */
public final class KeyTarget {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--data", description = "Work offline on this data directory (the server must be stopped).")
  Path data;

  @Mixin
  ClientOptions server;

  /** Something done to the keys of a data directory, under its lock. */
  @FunctionalInterface
  interface Offline<T> {
    T apply(ApiKeys keys) throws IOException;
  }

  private <T> T offline(Offline<T> action) throws IOException {
    return OfflineDataDirectory.locked(data, "keys", dir -> action.apply(ApiKeys.open(dir, Clock.systemUTC())));
  }

  /** Creates a key; the answer holds {@code key} (id:secret), shown once. */
  JsonNode create(String name, String scope, List<String> services, String filter, String expires, KeyLimits limits)
      throws Exception {
    if (data == null) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("name", name);
      body.put("scope", scope);
      body.put("services", services);
      body.put("filter", filter);
      body.put("expires", expires);
      body.put("events_per_second", limits.eventsPerSecond());
      body.put("queries_per_minute", limits.queriesPerMinute());
      return server.client().send("POST", "/api/v1/admin/keys", JSON.writeValueAsString(body));
    }
    Instant now = Instant.now();
    KeySpec spec = new KeySpec(name, Scope.named(scope), services, filter,
        expires == null ? null : KeyLifetime.expiry(expires, now), limits);
    ReadScope.check(spec);
    return offline(keys -> {
      ApiKeys.IssuedKey issued = keys.create(spec);
      Map<String, Object> answer = new LinkedHashMap<>(issued.info().toJson(now));
      answer.put("key", issued.key());
      return JSON.valueToTree(answer);
    });
  }

  /** Every key, as {@code {"keys": [...]}}. */
  JsonNode list() throws Exception {
    if (data == null) {
      return server.client().get("/api/v1/admin/keys");
    }
    Instant now = Instant.now();
    return offline(keys -> {
      List<Map<String, Object>> all = new ArrayList<>();
      for (KeyInfo key : keys.list()) {
        all.add(key.toJson(now));
      }
      return JSON.valueToTree(Map.of("keys", all));
    });
  }

  /** Revokes a key; the answer describes it, or empty when no key has the id (offline). */
  Optional<JsonNode> revoke(String id) throws Exception {
    if (data == null) {
      return Optional.of(server.client().send("DELETE", "/api/v1/admin/keys/" + ServerClient.encode(id), null));
    }
    Instant now = Instant.now();
    return offline(keys -> keys.revoke(id).map(info -> JSON.valueToTree(info.toJson(now))));
  }
}
