/**
 * Logback support for Corral: {@link dev.corral.logback.CorralAppender} sends events to Corral without ever
 * blocking the logging thread, and {@link dev.corral.logback.CorralJsonEncoder} writes Corral's canonical JSON
 * on any appender (a console in a container, a file for {@code corral ship}). Both turn an
 * {@code ILoggingEvent} into the same canonical event ({@link dev.corral.logback.CanonicalEvents}).
 */
package dev.corral.logback;
