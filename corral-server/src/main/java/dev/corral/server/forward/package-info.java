/**
 * Forwarding to Kafka ({@code kafka.forward_topic}, docs/scale-out.md "Kafka output"): a durable WAL follower named
 * {@code kafka-forward} that produces every event the inputs received to a topic, keyed by service, and lets its
 * cursor pass a WAL record only once the broker acknowledged each of its events (at least once, across kill -9).
 */
package dev.corral.server.forward;
