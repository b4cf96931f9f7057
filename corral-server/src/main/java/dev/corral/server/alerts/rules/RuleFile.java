package dev.corral.server.alerts.rules;

/**
 * One rule file as read: its name in the directory, its text and either the rule it defines or why
 * it was refused.
 *
 * @param rule the validated rule, or null when refused
 * @param error why it was refused (file, line, problem), or null when loaded
 */
record RuleFile(String name, String text, CompiledRule rule, String error) {
  /** The file's stem, {@code error_spike} for {@code error_spike.yaml}: the name the API writes a rule under. */
  String stem() {
    return name.substring(0, name.length() - RuleDirectory.SUFFIX.length());
  }

  /** The rule's name, or for a refused file its stem. */
  String ruleName() {
    return rule == null ? stem() : rule.rule().name();
  }
}
