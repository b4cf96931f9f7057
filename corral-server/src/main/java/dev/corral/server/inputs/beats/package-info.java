/**
 * The Beats input: the Lumberjack v2 protocol that Filebeat's and Winlogbeat's {@code output.logstash} speak (port
 * {@code beats.port}, usually 5044), over TCP or TLS with optional client certificates. A connection sends windows of
 * data frames ({@link dev.corral.server.inputs.beats.FrameReader}); each window is stored through the ingest sink (one
 * WAL append per batch) and acknowledged with its last sequence number only once the append returned, so an
 * acknowledged event survives kill -9 ({@link dev.corral.server.inputs.beats.BeatsConnection}). See docs/inputs/beats.md.
 */
package dev.corral.server.inputs.beats;
