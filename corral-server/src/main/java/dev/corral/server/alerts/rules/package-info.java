/**
 * Alerting's rules part: reads the rule files of {@code alerts.dir} (one rule per top-level
 * {@code *.yaml}, validated, reloaded on change), evaluates each enabled rule on its schedule in a
 * bounded pool and a query lane of its own, and hands every {@link dev.corral.server.alerts.Evaluation}
 * to an {@link dev.corral.server.alerts.EvaluationSink}. Serves {@code /api/v1/alerts/rules}. Knows
 * nothing of alert states or channels (the {@code alerts.state} and {@code alerts.notify} packages);
 * it reads only the channel names of {@code channels.yaml}, to refuse a rule naming an unknown one.
 * See docs/alerting.md.
 */
package dev.corral.server.alerts.rules;
