/**
 * Alerting's shared vocabulary, used by its three parts and nothing else:
 * <ul>
 *   <li>{@code alerts.rules} reads the rule files, evaluates each rule on its schedule and hands
 *       every {@link Evaluation} to an {@link EvaluationSink};
 *   <li>{@code alerts.state} is that sink: it moves each alert instance through
 *       inactive → pending → firing → resolved, applies silences, persists the states, records the
 *       history as {@code logtype:alert} events and sends {@link Notification}s to a {@link Notifier};
 *   <li>{@code alerts.notify} is that notifier: the channels of {@code channels.yaml} (webhook,
 *       Slack, PagerDuty, email, Alertmanager), with retries, rate limits and a delivery log.
 * </ul>
 * The types here are values and narrow interfaces only, so the parts depend on this package and
 * never on each other; the server wires them.
 */
package dev.corral.server.alerts;
