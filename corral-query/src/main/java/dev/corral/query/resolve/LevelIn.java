package dev.corral.query.resolve;

import dev.corral.model.Level;
import java.util.EnumSet;
import java.util.Set;

/** The event's level is one of these (at least one). */
public record LevelIn(Set<Level> levels) implements TypedFilter {
  public LevelIn {
    if (levels.isEmpty()) {
      throw new IllegalArgumentException("LevelIn needs at least one level");
    }
    levels = Set.copyOf(EnumSet.copyOf(levels));
  }
}
