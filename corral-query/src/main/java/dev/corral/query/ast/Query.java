package dev.corral.query.ast;

/**
 * A node of a parsed filter. A {@code field} of {@code null} means the default field: free text
 * over the message (and exception text).
 */
public sealed interface Query
    permits MatchAll, And, Or, Not, Term, Phrase, Range, Exists, Wildcard, Regex {}
