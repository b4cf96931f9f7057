package dev.corral.server.alerts.notify;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry of a channel's delivery log.
 *
 * @param at when the attempt ended (or the notification was dropped or grouped)
 * @param rule the notification's rule
 * @param test whether it was a test notification
 * @param attempt 1 for the first attempt, 2 for the first retry, ...; 0 when no attempt was made
 * @param outcome {@code delivered}, {@code retrying} (failed, will retry), {@code failed} (gave up),
 *     {@code dropped} (queue full) or {@code grouped} (folded into a summary by the rate limit)
 * @param status the receiver's HTTP status or SMTP code, 0 when none
 * @param error why it failed, empty otherwise
 * @param latencyMillis how long the attempt took, 0 when none was made
 * @param alerts how many alert instances the message carried
 */
record DeliveryAttempt(Instant at, String rule, boolean test, int attempt, String outcome, int status, String error,
    long latencyMillis, int alerts) {
  /** The API's JSON of it. */
  Map<String, Object> json() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("at", at.toString());
    json.put("rule", rule);
    json.put("test", test);
    json.put("attempt", attempt);
    json.put("outcome", outcome);
    json.put("status", status);
    json.put("error", error);
    json.put("latency_ms", latencyMillis);
    json.put("alerts", alerts);
    return json;
  }

  boolean failedAttempt() {
    return outcome.equals("failed") || outcome.equals("retrying");
  }
}
