/**
 * The multiline presets, one definition for the server's pipelines ({@code multiline: {preset: ...}}) and for
 * {@code corral ship}'s inputs: {@link dev.corral.multiline.JavaStackTrace} (a pattern) and {@link
 * dev.corral.multiline.PythonTraceback} (a state machine), and the {@link dev.corral.multiline.Decision} a rule
 * makes about each line. JDK only: each side applies its own limits, time budgets and flushing around them.
 */
package dev.corral.multiline;
