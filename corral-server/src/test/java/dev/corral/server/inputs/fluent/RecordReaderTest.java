package dev.corral.server.inputs.fluent;

import static dev.corral.server.inputs.fluent.Msgpack.pack;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import dev.corral.model.Fields;
import dev.corral.model.normalize.DecodeLimits;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessagePack;

class RecordReaderTest {
  private final RecordReader reader = new RecordReader(DecodeLimits.DEFAULTS, new JsonFactory());

  @Test
  void aDottedKeyThatMeetsANestedMapKeepsBothValuesLikeTheJsonDecoder() throws Exception {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("a", Map.of("b", 1L));
    record.put("log", "collided");
    record.put("a.b", List.of(2L, 3L));
    Fields fields = reader.readMap(MessagePack.newDefaultUnpacker(pack(record)), 0);
    assertThat(fields.toMap()).containsExactly(Map.entry("a.b", "[1,[2,3]]"), Map.entry("log", "collided"));
  }
}
