package dev.corral.server.alerts.rules;

import dev.corral.server.alerts.Observation;
import java.util.List;

/**
 * What a kind's evaluation found, before the instance cap: every satisfying row as an observation,
 * how many result rows there were and the rule's overall value.
 *
 * @param value the overall value for the sparkline (the kind says which), NaN for none
 */
record Outcome(List<Observation> observations, long rows, double value) {
  Outcome {
    observations = List.copyOf(observations);
  }
}
