/**
 * The multiline step: joins the raw lines of one stream (a request's body, a connection) into
 * events before a pipeline's processors run, so that a Java or Python stack trace becomes one event.
 * {@link Multiline} is the built, immutable configuration of a pipeline's {@code multiline:} block;
 * {@link LineJoiner} is the state of one stream. Stateful across lines, which is why it is not a
 * processor: a processor sees one event at a time.
 */
package dev.corral.pipeline.multiline;
