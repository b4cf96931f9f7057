package dev.corral.pipeline.parse;

import dev.corral.pipeline.Document;
import dev.corral.pipeline.Processor;
import dev.corral.pipeline.ProcessorException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;

/**
 * Replaces the personal data its detectors find in text fields. Where two findings overlap, the
 * one starting first wins, then the longer, then the detector listed first. All detectors on one
 * field share one time budget; a field whose budget runs out is replaced whole by
 * {@code <REDACTED>} and the event fails, so a hostile text never leaves a secret unmasked.
 * Immutable; safe on several threads at once.
 */
final class RedactProcessor implements Processor {
  /** What a field becomes when its detectors ran out of time: nothing of it is kept. */
  static final String WHOLE_FIELD = "<REDACTED>";

  private final List<String> fields;
  private final List<Detector> detectors;
  private final Replacement replacement;
  private final boolean ignoreMissing;
  private final long budgetMillis;

  RedactProcessor(List<String> fields, List<Detector> detectors, Replacement replacement, boolean ignoreMissing,
      long budgetMillis) {
    this.fields = List.copyOf(fields);
    this.detectors = List.copyOf(detectors);
    this.replacement = replacement;
    this.ignoreMissing = ignoreMissing;
    this.budgetMillis = budgetMillis;
  }

  private record Finding(int start, int end, int priority, String label) {}

  @Override
  public boolean process(Document document) throws ProcessorException {
    for (String field : fields) {
      if (document.get(field) == null) {
        if (ignoreMissing) {
          continue;
        }
        throw InputField.missing(field);
      }
      if (!(document.get(field) instanceof String text)) {
        throw new ProcessorException("field [" + field + "] of type [" + document.get(field).getClass().getSimpleName()
            + "] cannot be redacted, it is no string");
      }
      try {
        document.set(field, redact(text, findings(text)));
      } catch (BoundedText.BudgetSpent e) {
        document.set(field, WHOLE_FIELD);
        throw new ProcessorException("redact timed out after " + budgetMillis + " ms on field [" + field
            + "] (" + text.length() + " chars); the field was replaced by " + WHOLE_FIELD);
      }
    }
    return true;
  }

  /** Where the detectors find secrets in {@code text}, without overlaps, in order. */
  List<Finding> findings(String text) {
    BoundedText bounded = BoundedText.of(text, budgetMillis);
    List<Finding> all = new ArrayList<>();
    for (int priority = 0; priority < detectors.size(); priority++) {
      Detector detector = detectors.get(priority);
      Matcher matcher = detector.pattern().matcher(bounded);
      while (matcher.find()) {
        if (matcher.end(detector.group()) > matcher.start(detector.group()) && detector.valid().test(matcher.group(detector.group()))) {
          all.add(new Finding(matcher.start(detector.group()), matcher.end(detector.group()), priority, detector.label()));
        }
      }
    }
    all.sort(Comparator.comparingInt(Finding::start).thenComparing(f -> f.start() - f.end())
        .thenComparingInt(Finding::priority));
    List<Finding> kept = new ArrayList<>();
    int covered = 0;
    for (Finding finding : all) {
      if (finding.start() >= covered) {
        kept.add(finding);
        covered = finding.end();
      }
    }
    return kept;
  }

  private String redact(String text, List<Finding> findings) {
    if (findings.isEmpty()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int last = 0;
    for (Finding finding : findings) {
      out.append(text, last, finding.start())
          .append(replacement.replace(finding.label(), text.substring(finding.start(), finding.end())));
      last = finding.end();
    }
    return out.append(text, last, text.length()).toString();
  }
}
