package dev.corral.server.alerts.notify;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * One JSON request to a channel's configured URL.
 *
 * @param url where it goes: always a URL from {@code channels.yaml}
 * @param headers extra headers (the channel's custom headers, a signature)
 * @param body the JSON body
 */
record HttpMessage(URI url, Map<String, String> headers, byte[] body) {
  HttpMessage {
    Objects.requireNonNull(url, "url");
    headers = Map.copyOf(headers);
    Objects.requireNonNull(body, "body");
  }
}
