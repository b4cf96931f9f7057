/**
 * The shipper's delivery side: a bounded record queue (back-pressure to the inputs), a batcher, a sender with
 * retries, backoff and {@code Retry-After}, HTTP outputs for Corral's ingest API and {@code _bulk}, and the hand-off
 * to the disk spool; sources are acknowledged only once their batch is durably accepted.
 */
package dev.corral.ship.deliver;
