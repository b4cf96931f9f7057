/**
 * The core of Corral's logging clients, shared by the Logback and Log4j 2 appenders: the canonical event
 * ({@link dev.corral.client.LogEvent}) and its JSON ({@link dev.corral.client.EventJson}), a bounded queue that
 * never blocks the logging thread ({@link dev.corral.client.EventQueue}, its {@link dev.corral.client.DropPolicy}
 * and {@link dev.corral.client.DropCounts}), and the background {@link dev.corral.client.BatchSender} that
 * batches, gzips and posts to Corral's {@code POST /api/v1/ingest}, retries with backoff and {@code Retry-After},
 * spills to disk when asked to, and reports what it dropped once Corral answers again.
 *
 * <p>{@link dev.corral.client.CorralClient} ties them together; an appender builds one from a
 * {@link dev.corral.client.ClientConfig} and hands it events. The package needs nothing but the JDK (Java 17).
 */
package dev.corral.client;
