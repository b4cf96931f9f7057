package dev.corral.query.resolve;

/** Matches every event. */
public record Everything() implements TypedFilter {}
