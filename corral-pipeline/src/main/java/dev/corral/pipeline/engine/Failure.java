package dev.corral.pipeline.engine;

/**
 * A processor's failure on one event, on its way to a handler or to the event's {@code
 * pipeline.error}.
 *
 * @param pipeline the id of the pipeline whose processor failed
 * @param type the failed processor's type
 * @param tag its tag, or null
 * @param reason why (the {@link dev.corral.pipeline.ProcessorException}'s message)
 */
record Failure(String pipeline, String type, String tag, String reason) {}
