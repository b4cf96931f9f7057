package dev.corral.server.keys;

import dev.corral.server.auth.ApiKeys;
import dev.corral.server.auth.KeyInfo;
import dev.corral.server.auth.Principal;
import dev.corral.server.http.Handler;
import dev.corral.server.http.Json;
import dev.corral.server.http.Request;
import dev.corral.server.http.Response;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/v1/auth/whoami}: who the request acts as, for the UI to show and for a script to
 * check its key — {@code {"access_control": "keys"|"off", "key_id", "name", "scope",
 * "read_restriction", "expires"}}. Tells a key about itself only (never its secret, hash or other
 * keys), so any valid key may call it ({@link dev.corral.server.auth.Access#ANY_KEY}); without
 * access control it names the local operator. Stateless.
 */
final class WhoAmIHandler implements Handler {
  private final boolean keysRequired;
  private final ApiKeys keys;

  /** @param keys the keys, to read a key's expiry */
  WhoAmIHandler(boolean keysRequired, ApiKeys keys) {
    this.keysRequired = keysRequired;
    this.keys = keys;
  }

  @Override
  public Response handle(Request request) {
    Principal principal = request.principal();
    Optional<KeyInfo> key = keysRequired ? keys.find(principal.keyId()) : Optional.empty();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("access_control", keysRequired ? "keys" : "off");
    json.put("key_id", principal.keyId());
    json.put("name", principal.name());
    json.put("scope", principal.scope().name().toLowerCase(Locale.ROOT));
    if (principal.keyId().startsWith(dev.corral.server.auth.Identity.PRINCIPAL_PREFIX)) {
      json.put("user", principal.name()); // a signed-in user's session: its role is in GET /api/v1/auth/session
    }
    json.put("read_restriction", principal.readRestriction().orElse(null));
    json.put("expires", key.map(KeyInfo::expires).map(Object::toString).orElse(null));
    return Response.json(200, Json.bytes(json));
  }
}
