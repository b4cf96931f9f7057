package dev.corral.ship.decode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.ship.CollectingSink;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventEncoderTest {
  private static final StaticFields FIELDS = StaticFields.of(Map.of("service", "checkout"))
      .with("labels", Map.of("team", "shop"));

  @Test
  void jsonObjectsPassThroughWithStaticFieldsAddedButNeverClobbering() {
    EventEncoder auto = new EventEncoder(Format.AUTO);
    String json = auto.encode("{\"msg\":\"paid\",\"service\":\"payments\",\"n\":{\"a\":[1,2]}}", false, FIELDS);
    assertThat(json).isEqualTo("{\"msg\":\"paid\",\"service\":\"payments\",\"n\":{\"a\":[1,2]},\"labels\":{\"team\":\"shop\"}}");
    assertThat(auto.encode("  {}  ", false, FIELDS)).isEqualTo("{\"service\":\"checkout\",\"labels\":{\"team\":\"shop\"}}");
    assertThat(auto.encode("{\"a\":1}", false, StaticFields.none())).isEqualTo("{\"a\":1}");
  }

  @Test
  void plainAndBrokenJsonLinesBecomeMessages() {
    EventEncoder auto = new EventEncoder(Format.AUTO);
    assertThat(CollectingSink.parse(auto.encode("GET / 200 \"ok\"\t\u0001", false, FIELDS)).get("message").asText())
        .isEqualTo("GET / 200 \"ok\"\t\u0001");
    assertThat(auto.encode("{\"a\":1} trailing", false, StaticFields.none()))
        .isEqualTo("{\"message\":\"{\\\"a\\\":1} trailing\"}");
    assertThat(auto.encode("{\"a\":", false, StaticFields.none())).isEqualTo("{\"message\":\"{\\\"a\\\":\"}");
    assertThat(new EventEncoder(Format.JSON).encode("not json", false, StaticFields.none()))
        .isEqualTo("{\"message\":\"not json\",\"_invalid_json\":true}");
    assertThat(new EventEncoder(Format.PLAIN).encode("{\"a\":1}", false, StaticFields.none()))
        .isEqualTo("{\"message\":\"{\\\"a\\\":1}\"}");
  }

  @Test
  void truncatedLinesAreFlaggedAndPrettyPrintedObjectsStayOnOneLine() {
    EventEncoder auto = new EventEncoder(Format.AUTO);
    assertThat(auto.encode("{\"a\":1", true, StaticFields.none())).isEqualTo("{\"message\":\"{\\\"a\\\":1\",\"_truncated\":true}");
    assertThat(auto.encode("{\n  \"a\": \"x\\ny\"\r\n}", false, StaticFields.none())).isEqualTo("{   \"a\": \"x\\ny\"  }");
  }

  @Test
  void plainOnlyFieldsGoOnlyOnMessages() {
    EventEncoder auto = new EventEncoder(Format.AUTO);
    StaticFields time = StaticFields.none().with("timestamp", "2026-01-01T00:00:00Z");
    assertThat(auto.encode("hello", false, StaticFields.none(), time))
        .isEqualTo("{\"message\":\"hello\",\"timestamp\":\"2026-01-01T00:00:00Z\"}");
    assertThat(auto.encode("{\"ts\":1}", false, StaticFields.none(), time)).isEqualTo("{\"ts\":1}");
  }

  @Test
  void staticFieldsKeepTheirOrderAndTypes() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("service", "a");
    values.put("replicas", 3);
    values.put("canary", true);
    values.put("tags", List.of("x", "y"));
    assertThat(new EventEncoder(Format.PLAIN).encode("m", false, StaticFields.of(values)))
        .isEqualTo("{\"message\":\"m\",\"service\":\"a\",\"replicas\":3,\"canary\":true,\"tags\":[\"x\",\"y\"]}");
  }
}
