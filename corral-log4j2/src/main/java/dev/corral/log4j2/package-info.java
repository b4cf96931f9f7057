/**
 * Log4j 2 support for Corral: the plugin {@code <Corral>} ({@link dev.corral.log4j2.CorralAppender}) sends
 * events to Corral without ever blocking the logging thread, and {@code <CorralJsonLayout>}
 * ({@link dev.corral.log4j2.CorralJsonLayout}) writes Corral's canonical JSON on any appender. Both turn a
 * {@code LogEvent} into the same canonical event ({@link dev.corral.log4j2.CanonicalEvents}).
 */
package dev.corral.log4j2;
