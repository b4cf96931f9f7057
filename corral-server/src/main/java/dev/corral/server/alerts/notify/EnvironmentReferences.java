package dev.corral.server.alerts.notify;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${ENV_VAR}} references in a value of {@code channels.yaml}, so secrets can stay out of the
 * file: {@code secret: "${ONCALL_HOOK_SECRET}"}. A reference to a variable that is not set (or is empty) is an
 * error naming it; there is no default syntax and no escape. Immutable.
 */
final class EnvironmentReferences {
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private final UnaryOperator<String> environment;

  /** @param environment a variable's value, or null when unset ({@code System::getenv}) */
  EnvironmentReferences(UnaryOperator<String> environment) {
    this.environment = environment;
  }

  /**
   * {@code value} with every reference replaced by its variable's value.
   *
   * @throws IllegalArgumentException naming the first variable that is not set
   */
  String resolve(String value) {
    Matcher matcher = REFERENCE.matcher(value);
    StringBuilder resolved = new StringBuilder();
    while (matcher.find()) {
      String variable = matcher.group(1);
      String found = environment.apply(variable);
      if (found == null || found.isEmpty()) {
        throw new IllegalArgumentException("environment variable " + variable + " (referenced as ${" + variable
            + "}) is not set");
      }
      matcher.appendReplacement(resolved, Matcher.quoteReplacement(found));
    }
    return matcher.appendTail(resolved).toString();
  }
}
