package dev.corral.server.auth;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A local user of the web UI, without the password or its hash: safe to list.
 *
 * @param name the sign-in name: 1..{@value #MAX_NAME_CHARS} letters, digits, {@code . _ - @}
 * @param role what the user may do
 * @param services service globs the user's reads are restricted to (empty for none; viewers only)
 * @param created when the user was added
 * @param passwordChanged when the password was last set
 */
public record UserInfo(String name, Role role, List<String> services, Instant created, Instant passwordChanged) {
  /** A name is typed at every sign-in; 64 characters is room for an e-mail address. */
  public static final int MAX_NAME_CHARS = 64;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1," + MAX_NAME_CHARS + "}");

  public UserInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(passwordChanged, "passwordChanged");
    services = services == null ? List.of() : List.copyOf(services);
    checkName(name);
    KeySpec.checkServiceGlobs(services);
    if (!services.isEmpty() && role != Role.VIEWER) {
      throw new IllegalArgumentException("services restrict reads: only a viewer takes them, not an " + role.label()
          + " (an editor's alert rules and an admin's changes reach every service)");
    }
  }

  /**
   * Checks a user name.
   *
   * @throws IllegalArgumentException naming the rule
   */
  public static void checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("user name must be 1.." + MAX_NAME_CHARS
          + " letters, digits, '.', '_', '-' or '@', got '" + dev.corral.server.text.Excerpt.header(String.valueOf(name))
          + "'");
    }
  }

  /** The filter the user's reads are restricted to, or {@code null}. */
  public String readFilter() {
    return KeySpec.serviceFilter(services);
  }

  /** The identity a sign-in with this user's password proves. */
  public Identity identity() {
    return new Identity(name, role, readFilter(), LocalUsers.SOURCE);
  }

  /** The JSON form of the admin API and the users file. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", name);
    json.put("role", role.label());
    json.put("services", services);
    json.put("created", created.toString());
    json.put("password_changed", passwordChanged.toString());
    return json;
  }

  UserInfo with(Role newRole, List<String> newServices) {
    return new UserInfo(name, newRole, newServices, created, passwordChanged);
  }

  UserInfo passwordSetAt(Instant when) {
    return new UserInfo(name, role, services, created, when);
  }
}
