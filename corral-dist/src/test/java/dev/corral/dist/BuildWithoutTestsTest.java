package dev.corral.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * {@code ./corral} builds corral.jar with {@code -Dmaven.test.skip=true}, which compiles no test classes and so
 * builds no test-jar: a module that depends on another module's test-jar outside a profile switched off by that
 * property breaks the first {@code ./corral demo} on a fresh machine while {@code ./mvnw verify} stays green.
 * This walks every module of the build and names each such dependency.
 */
class BuildWithoutTestsTest {
  private static final Path ROOT = Path.of("..");
  /** The only activation under which a test-jar dependency may appear. */
  private static final String ACTIVE_WITH_TESTS = "!maven.test.skip";

  @Test
  void theCorralScriptBuildsWithoutCompilingTests() throws Exception {
    assertThat(Files.readString(ROOT.resolve("corral"))).contains("-Dmaven.test.skip=true package -pl corral-dist -am");
  }

  @Test
  void everyTestJarDependencyIsInAProfileThatTheCorralScriptSwitchesOff() throws Exception {
    List<String> modules = modulesOf(ROOT);
    assertThat(modules).contains("corral-server", "corral-dist");
    List<String> misplaced = new ArrayList<>();
    int guarded = 0;
    for (String module : modules) {
      Document pom = parse(ROOT.resolve(module).resolve("pom.xml"));
      NodeList dependencies = pom.getElementsByTagName("dependency");
      for (int i = 0; i < dependencies.getLength(); i++) {
        Element dependency = (Element) dependencies.item(i);
        if (!"test-jar".equals(text(dependency, "type")) && !"tests".equals(text(dependency, "classifier"))) {
          continue;
        }
        if (ACTIVE_WITH_TESTS.equals(enclosingProfileActivation(dependency))) {
          guarded++;
        } else {
          misplaced.add(module + ": " + text(dependency, "artifactId"));
        }
      }
    }
    assertThat(misplaced).as("test-jar dependencies outside a profile activated by %s", ACTIVE_WITH_TESTS).isEmpty();
    assertThat(guarded).as("corral-dist's own guarded dependency on corral-server's test-jar").isPositive();
  }

  /** The root's modules and, recursively, the modules of aggregator modules, as paths from the root. */
  private static List<String> modulesOf(Path directory) throws Exception {
    List<String> modules = new ArrayList<>();
    NodeList names = parse(directory.resolve("pom.xml")).getElementsByTagName("module");
    for (int i = 0; i < names.getLength(); i++) {
      Path module = directory.resolve(names.item(i).getTextContent().trim());
      modules.add(ROOT.relativize(module).toString());
      modules.addAll(modulesOf(module));
    }
    return modules;
  }

  private static String enclosingProfileActivation(Element dependency) {
    for (Node node = dependency.getParentNode(); node != null; node = node.getParentNode()) {
      if (node instanceof Element element && element.getTagName().equals("profile")) {
        NodeList names = element.getElementsByTagName("name");
        return names.getLength() == 0 ? null : names.item(0).getTextContent().trim();
      }
    }
    return null;
  }

  private static String text(Element parent, String tag) {
    NodeList children = parent.getElementsByTagName(tag);
    return children.getLength() == 0 ? null : children.item(0).getTextContent().trim();
  }

  private static Document parse(Path pom) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(pom.toFile());
  }
}
