package dev.corral.server.search;

/**
 * The queries one lane of {@link QueryService} holds at a moment.
 *
 * @param lane {@code normal} or {@code expensive}
 * @param running queries executing
 * @param queued queries waiting for a thread
 */
public record QueryLoad(String lane, int running, int queued) {}
