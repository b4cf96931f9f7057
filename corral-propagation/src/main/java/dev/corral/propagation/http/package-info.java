/**
 * Outgoing calls through {@code java.net.http}: {@link dev.corral.propagation.http.CorrelatingHttpClient}
 * sends the current ids on every request, so the called service continues the trace. Other HTTP clients
 * call {@link dev.corral.propagation.CorrelationHeaders#injectCurrent} from their own request hook.
 */
package dev.corral.propagation.http;
