package dev.corral.query.resolve;

/**
 * The event's timestamp is in {@code [fromNanos, toNanos]}, both inclusive epoch nanoseconds
 * (exclusive bounds were moved by 1 ns; open ends are the ends of the long range).
 */
public record TimeBetween(long fromNanos, long toNanos) implements TypedFilter {}
