// How an alert instance's group reads on the Alerts page and in the rule preview.

/** "service=checkout, region=eu" for a group; "(all)" for a rule without groups. */
export function groupText(group) {
  const entries = Object.entries(group ?? {});
  return entries.length ? entries.map(([name, value]) => `${name}=${value}`).join(', ') : '(all)';
}
