package dev.corral.query.resolve;

/**
 * A filter after {@link FilterResolver}: every field's kind decided, every number, time, level
 * and analyzed word read once. Back ends translate each node mechanically, one case per record;
 * the rules of what a clause means live in the resolver alone. Immutable.
 */
public sealed interface TypedFilter
    permits Everything, Nothing, AllOf, AnyOf, Negated, Words, KeywordEquals, NumberEquals, NumberBetween,
        TimeBetween, LevelIn, TextBetween, HasField, TermPattern {}
