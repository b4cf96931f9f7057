package dev.corral.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.server.auth.LocalUsers;
import dev.corral.server.auth.Role;
import dev.corral.server.auth.UserInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where {@code corral users} works: a running server through its admin API ({@code --url}, with an
 * admin {@code --key}), or a data directory offline ({@code --data DIR}) under its lock, like
 * {@link KeyTarget}. Answers are the admin API's JSON in both cases. A change made offline reaches
 * a server at its next start; one made through the API ends the user's sessions at once.
 */
public final class UserTarget {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--data", description = "Work offline on this data directory (the server must be stopped).")
  Path data;

  @Mixin
  ClientOptions server;

  /** Something done to the users of a data directory, under its lock. */
  @FunctionalInterface
  interface Offline<T> {
    T apply(LocalUsers users) throws IOException;
  }

  private <T> T offline(Offline<T> action) throws IOException {
    return OfflineDataDirectory.locked(data, "users", dir -> action.apply(LocalUsers.open(dir, Clock.systemUTC())));
  }

  JsonNode add(String name, String role, List<String> services, String password) throws Exception {
    if (data == null) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("name", name);
      body.put("role", role);
      body.put("services", services);
      body.put("password", password);
      return server.client().send("POST", "/api/v1/admin/users", JSON.writeValueAsString(body));
    }
    Role parsed = Role.named(role);
    return offline(users -> JSON.valueToTree(users.add(name, parsed, services, password).toJson()));
  }

  JsonNode list() throws Exception {
    if (data == null) {
      return server.client().get("/api/v1/admin/users");
    }
    return offline(users -> JSON.valueToTree(Map.of("users", users.list().stream().map(UserInfo::toJson).toList())));
  }

  /** Changes the role and services (both given) or the password; empty when no user has the name (offline). */
  Optional<JsonNode> change(String name, String role, List<String> services, String password) throws Exception {
    if (data == null) {
      Map<String, Object> body = new LinkedHashMap<>();
      if (role != null) {
        body.put("role", role);
        body.put("services", services);
      }
      if (password != null) {
        body.put("password", password);
      }
      return Optional.of(server.client().send("PUT", "/api/v1/admin/users/" + ServerClient.encode(name),
          JSON.writeValueAsString(body)));
    }
    Role parsed = role == null ? null : Role.named(role);
    return offline(users -> {
      Optional<UserInfo> changed = users.find(name);
      if (changed.isPresent() && parsed != null) {
        changed = users.change(name, parsed, services);
      }
      if (changed.isPresent() && password != null) {
        changed = users.setPassword(name, password);
      }
      return changed.map(user -> JSON.valueToTree(user.toJson()));
    });
  }

  Optional<JsonNode> remove(String name) throws Exception {
    if (data == null) {
      return Optional.of(server.client().send("DELETE", "/api/v1/admin/users/" + ServerClient.encode(name), null));
    }
    return offline(users -> users.remove(name).map(user -> JSON.valueToTree(user.toJson())));
  }
}
