package dev.corral.model.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.model.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LevelParserTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "INFO, INFO", "info, INFO", "Information, INFO", "notice, INFO", "' warning ', WARN", "Warning, WARN",
      "WARN, WARN", "ERROR, ERROR", "err, ERROR", "severe, ERROR", "CRITICAL, FATAL", "fatal, FATAL",
      "emerg, FATAL", "DEBUG, DEBUG", "fine, DEBUG", "trace, TRACE", "Verbose, TRACE", "3, ERROR", "30, INFO"})
  void readsLevelNamesAndNumericText(String text, Level expected) {
    assertThat(LevelParser.parse(text)).isEqualTo(expected);
  }

  @Test
  void readsSyslogSeveritiesZeroToSeven() {
    assertThat(LevelParser.parse(0L)).isEqualTo(Level.FATAL);
    assertThat(LevelParser.parse(2L)).isEqualTo(Level.FATAL);
    assertThat(LevelParser.parse(3L)).isEqualTo(Level.ERROR);
    assertThat(LevelParser.parse(4L)).isEqualTo(Level.WARN);
    assertThat(LevelParser.parse(6L)).isEqualTo(Level.INFO);
    assertThat(LevelParser.parse(7L)).isEqualTo(Level.DEBUG);
  }

  @Test
  void readsPinoAndBunyanTens() {
    assertThat(LevelParser.parse(10L)).isEqualTo(Level.TRACE);
    assertThat(LevelParser.parse(20L)).isEqualTo(Level.DEBUG);
    assertThat(LevelParser.parse(30L)).isEqualTo(Level.INFO);
    assertThat(LevelParser.parse(40L)).isEqualTo(Level.WARN);
    assertThat(LevelParser.parse(50L)).isEqualTo(Level.ERROR);
    assertThat(LevelParser.parse(60L)).isEqualTo(Level.FATAL);
  }

  @Test
  void readsOtherNumbersFromEightToTwentyFourAsOtelSeverity() {
    assertThat(LevelParser.parse(8L)).isEqualTo(Level.DEBUG);
    assertThat(LevelParser.parse(9L)).isEqualTo(Level.INFO);
    assertThat(LevelParser.parse(13L)).isEqualTo(Level.WARN);
    assertThat(LevelParser.parse(17L)).isEqualTo(Level.ERROR);
    assertThat(LevelParser.parse(21L)).isEqualTo(Level.FATAL);
    assertThat(LevelParser.parse(24L)).isEqualTo(Level.FATAL);
    assertThat(LevelParser.parse(17.0)).isEqualTo(Level.ERROR);
  }

  @Test
  void unknownValuesGiveNull() {
    assertThat(LevelParser.parse("loud")).isNull();
    assertThat(LevelParser.parse("")).isNull();
    assertThat(LevelParser.parse(-1L)).isNull();
    assertThat(LevelParser.parse(25L)).isNull();
    assertThat(LevelParser.parse(40000L)).isNull();
    assertThat(LevelParser.parse(3.5)).isNull();
    assertThat(LevelParser.parse(Boolean.TRUE)).isNull();
    assertThat(LevelParser.parse("99999999999999999999")).isNull();
  }
}
