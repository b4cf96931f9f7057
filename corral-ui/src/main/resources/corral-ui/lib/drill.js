// From an aggregation's group to the events behind it: the filter part of a query narrowed by one
// clause per group value (a dashboard mark opening Search, an alert instance's events).

import { addClause, fieldClause, firstPipe } from './events.js';

/** The value an aggregation gives to groups beyond the group limit (see the query language's limits). */
export const OTHER = '(other)';

/** The filter part of a query (before the first pipe); "*" when there is none. */
export function filterOf(queryText) {
  const text = (queryText ?? '').trim();
  const pipe = firstPipe(text);
  const filter = (pipe < 0 ? text : text.slice(0, pipe)).trim();
  return filter === '' ? '*' : filter;
}

/** The filter narrowed to one group: {service: "checkout", level: "ERROR"} → "… service:checkout level:ERROR". */
export function drillQuery(queryText, group) {
  let result = filterOf(queryText);
  for (const [field, value] of Object.entries(group)) {
    if (value === OTHER) continue; // the rest of the groups: no single clause says it
    result = addClause(result, value === null || value === undefined || value === ''
      ? `-${field}:*` : fieldClause(field, value));
  }
  return result;
}
