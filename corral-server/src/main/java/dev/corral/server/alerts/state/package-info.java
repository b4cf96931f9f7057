/**
 * Alerting's state: the sink of every rule evaluation ({@link dev.corral.server.alerts.EvaluationSink}).
 * Moves each alert instance (a rule and one group) through pending → firing → resolved
 * ({@link dev.corral.server.alerts.state.InstanceStep}), keeps the states across restarts
 * ({@link dev.corral.server.alerts.state.StateFile}), applies silences and maintenance windows
 * ({@link dev.corral.server.alerts.state.Silences}), records every evaluation and state change as a
 * {@code logtype:alert} event ({@link dev.corral.server.alerts.state.AlertHistory}) and hands one
 * {@link dev.corral.server.alerts.Notification} per rule and evaluation to the
 * {@link dev.corral.server.alerts.Notifier}. docs/alerting-states.md describes the behaviour.
 */
package dev.corral.server.alerts.state;
