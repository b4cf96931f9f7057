package dev.corral.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.propagation.http.CorrelatingHttpClient;
import dev.corral.propagation.servlet.CorrelationFilter;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The library runs inside applications still on Java 17: its classes are Java 17 class files (major version
 * 61), whatever JDK builds them, and it works with no logging library at all.
 */
class BuiltForJava17Test {
  private static final int JAVA_17 = 61;

  @Test
  void mainClassesAreJava17ClassFiles() throws IOException {
    for (Class<?> type : List.of(CorrelationIds.class, CorrelationContext.class, CorrelationFilter.class,
        CorrelatingHttpClient.class)) {
      try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
        DataInputStream data = new DataInputStream(in);
        assertThat(data.readInt()).isEqualTo(0xCAFEBABE);
        data.readUnsignedShort(); // minor version
        assertThat(data.readUnsignedShort()).as(type.getName()).isEqualTo(JAVA_17);
      }
    }
  }

  @Test
  void withoutSlf4jOrLog4jThereIsNoLoggingContextToFill() {
    ClassLoader bootstrapOnly = new ClassLoader(null) {};
    assertThat(LogContextBackends.detect(bootstrapOnly)).isEmpty();
    assertThat(LogContextBackends.detect(getClass().getClassLoader())).extracting(LogContextBackend::name)
        .containsExactly("slf4j", "log4j");
  }
}
