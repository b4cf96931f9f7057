package dev.corral.query.ast;

/** Matches every event: the empty query and {@code *}. */
public record MatchAll() implements Query {}
