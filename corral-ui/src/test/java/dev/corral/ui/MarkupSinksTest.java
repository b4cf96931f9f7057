package dev.corral.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The UI's JavaScript never turns text into markup or code, and never points a link or a source
 * at a URL that did not pass {@code safeUrl} (lib/dom.js): every page shows event content, and
 * event content is hostile (docs/security.md, "Event content in the browser"). This test reads
 * every {@code .js} file of the UI and fails on each use of a sink — {@code innerHTML},
 * {@code outerHTML}, {@code insertAdjacentHTML}, {@code document.write}, {@code srcdoc}, an
 * {@code href}/{@code src} assigned directly, {@code eval}, … — that is not in {@link #REVIEWED},
 * a short list where each entry says why that use is safe. An entry no longer used fails too, so
 * the list stays the truth. Comments are not code: a sink named in a comment is not a use.
 */
class MarkupSinksTest {
  private static final Path UI = Path.of("src", "main", "resources", "corral-ui");

  /** What turns a string into markup, code or a followed URL, by name. */
  private static final Map<String, Pattern> SINKS = Map.ofEntries(
      Map.entry("innerHTML", Pattern.compile("\\binnerHTML\\b")),
      Map.entry("outerHTML", Pattern.compile("\\bouterHTML\\b")),
      Map.entry("insertAdjacentHTML", Pattern.compile("\\binsertAdjacentHTML\\b")),
      Map.entry("document.write", Pattern.compile("\\bdocument\\s*\\.\\s*write(ln)?\\b")),
      Map.entry("srcdoc", Pattern.compile("\\bsrcdoc\\b")),
      Map.entry("createContextualFragment", Pattern.compile("\\bcreateContextualFragment\\b")),
      Map.entry("parseFromString", Pattern.compile("\\bparseFromString\\b")),
      Map.entry("eval", Pattern.compile("(?<![\\w.])eval\\s*\\(")),
      Map.entry("new Function", Pattern.compile("\\bnew\\s+Function\\s*\\(")),
      Map.entry("timer with code", Pattern.compile("\\bset(Timeout|Interval)\\s*\\(\\s*['\"`]")),
      Map.entry("href/src property", Pattern.compile("\\.\\s*(href|src|action|formAction)\\s*=(?!=)")),
      Map.entry("href/src attribute", Pattern.compile("setAttribute(NS)?\\s*\\((\\s*[^,]+,)?\\s*['\"`](xlink:)?(href|src|action|formaction)['\"`]")),
      Map.entry("location", Pattern.compile("\\blocation\\s*(\\.\\s*href\\s*)?=(?!=)|\\blocation\\s*\\.\\s*(assign|replace)\\s*\\(")),
      Map.entry("window.open", Pattern.compile("\\bwindow\\s*\\.\\s*open\\s*\\(")));

  /** Reviewed uses: "file|sink" (file relative to the UI's root) → why it is safe. */
  private static final Map<String, String> REVIEWED = Map.of(
      "lib/dom.js|href/src attribute", "setLink(): the one place a link's target is set after creation, and only to a safeUrl() value",
      "lib/dom.js|srcdoc", "CODE_ATTRIBUTES: the attributes h() refuses to set, named so it can refuse them");

  @Test
  void theUiUsesNoMarkupSinkOutsideTheReviewedList() throws IOException {
    List<String> unreviewed = new ArrayList<>();
    List<String> used = new ArrayList<>();
    for (Path file : scripts()) {
      String name = UI.relativize(file).toString().replace('\\', '/');
      for (String finding : findings(Files.readString(file))) {
        String key = name + "|" + finding.substring(0, finding.indexOf(':'));
        if (REVIEWED.containsKey(key)) {
          used.add(key);
        } else {
          unreviewed.add(name + " " + finding);
        }
      }
    }
    assertThat(unreviewed).as("markup or URL sinks in the UI (use h()/textContent and safeUrl()/setLink() of lib/dom.js,"
        + " or add a reviewed entry with its reason)").isEmpty();
    assertThat(used).as("reviewed entries still in use (remove the ones that are not)").containsAll(REVIEWED.keySet());
  }

  @Test
  void theScanFindsEachSinkAndIgnoresComments() {
    assertThat(findings("row.innerHTML = event.message;")).containsExactly("innerHTML: line 1: row.innerHTML = event.message;");
    assertThat(findings("x.insertAdjacentHTML('beforeend', s)\ndocument.writeln(s)")).hasSize(2);
    assertThat(findings("link.href = value;")).singleElement().asString().startsWith("href/src property");
    assertThat(findings("img.setAttribute( 'src', value)")).singleElement().asString().startsWith("href/src attribute");
    assertThat(findings("use.setAttributeNS(XLINK, 'xlink:href', v)")).singleElement().asString().startsWith("href/src attribute");
    assertThat(findings("location.assign(next)")).singleElement().asString().startsWith("location");
    assertThat(findings("location.href = next")).anySatisfy(finding -> assertThat(finding).startsWith("location"));
    assertThat(findings("setTimeout('run()', 10)")).singleElement().asString().startsWith("timer with code");
    assertThat(findings("if (a.href === b.href) go(a.outerText)")).as("a comparison is not an assignment").isEmpty();
    assertThat(findings("""
        // el.innerHTML would be markup
        /**
         * never document.write(x)
         */
        const ns = 'http://www.w3.org/2000/svg'; // no outerHTML here
        """)).as("comments only").isEmpty();
  }

  /** Every sink use in a script's code: "sink: line n: text". */
  static List<String> findings(String source) {
    List<String> found = new ArrayList<>();
    String[] lines = source.split("\n", -1);
    boolean inBlockComment = false;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      String trimmed = line.strip();
      if (inBlockComment || trimmed.startsWith("/*")) {
        inBlockComment = !trimmed.contains("*/");
        continue;
      }
      String code = trimmed.startsWith("//") ? "" : line.replaceFirst("\\s//\\s.*$", "");
      for (Map.Entry<String, Pattern> sink : SINKS.entrySet()) {
        if (sink.getValue().matcher(code).find()) {
          found.add(sink.getKey() + ": line " + (i + 1) + ": " + trimmed);
        }
      }
    }
    return found;
  }

  private static List<Path> scripts() throws IOException {
    try (Stream<Path> files = Files.walk(UI)) {
      List<Path> scripts = files.filter(file -> file.toString().endsWith(".js")).sorted().toList();
      assertThat(scripts).as("the UI's scripts under " + UI.toAbsolutePath()).hasSizeGreaterThan(20);
      return scripts;
    }
  }
}
