package dev.corral.server.auth;

import java.util.Locale;

/**
 * What a signed-in user of the web UI may do, mapped onto the key scopes:
 *
 * <ul>
 *   <li>{@link #VIEWER}: what a read key may do (search, query, trace, tail, fields, dashboards, stats);
 *   <li>{@link #EDITOR}: a viewer plus the writes a team lead makes from the UI ({@link Access#EDIT}:
 *       saving and deleting dashboards, writing, deleting and previewing alert rules, creating and
 *       ending silences) — no ingest, no keys or users, no pipelines, retention, archive or erasure;
 *   <li>{@link #ADMIN}: what an admin key may do, everything.
 * </ul>
 *
 * A viewer may be restricted to some services, like a read key; an editor or admin may not (their
 * writes — alert rules above all, which evaluate over every event — reach beyond any restriction).
 */
public enum Role {
  VIEWER(Scope.READ),
  EDITOR(Scope.READ),
  ADMIN(Scope.ADMIN);

  private final Scope scope;

  Role(Scope scope) {
    this.scope = scope;
  }

  /**
   * A role by its name in any case ({@code viewer}, {@code editor}, {@code admin}).
   *
   * @throws IllegalArgumentException naming the text and the roles
   */
  public static Role named(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("role '" + text + "' is not one of viewer, editor, admin");
    }
  }

  /** The scope of the principal a session of this role acts as (an editor reads like a viewer). */
  public Scope scope() {
    return scope;
  }

  /** Whether a user of this role may call a route of {@code access}. */
  public boolean allows(Access access) {
    return switch (access) {
      case PUBLIC, ANY_KEY, READ -> true;
      case EDIT -> this != VIEWER;
      case INGEST, ADMIN -> this == ADMIN;
    };
  }

  /** The role's name as written in files, the API and the CLI: {@code viewer}, {@code editor}, {@code admin}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
