package dev.corral.bench;

/**
 * One query execution as the client saw it.
 *
 * @param serverMillis time the server reports for the query ({@code took_ms}), or -1 when it reports none
 * @param wallMillis request to full response, measured by the client
 * @param total matching events or table rows the server reports
 */
public record QueryAnswer(double serverMillis, double wallMillis, long total) {}
