package dev.corral.opensearch.index;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.corral.model.CanonicalJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The NDJSON body of a {@code _bulk} request: for each item an {@code index} action line (which
 * index, which {@code _id}: an existing document of that id is replaced) and the document's source
 * line. Stateless.
 */
final class BulkBody {
  /** Bytes of an action line besides the index name and the id. */
  static final int ACTION_OVERHEAD = 40;

  private BulkBody() {}

  static byte[] of(List<BulkItem> items) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(items.stream().mapToInt(BulkBody::bytes).sum());
    try {
      for (BulkItem item : items) {
        try (JsonGenerator action = CanonicalJson.FACTORY.createGenerator(out)) {
          action.writeStartObject();
          action.writeObjectFieldStart("index");
          action.writeStringField("_index", item.index());
          action.writeStringField("_id", item.id());
          action.writeEndObject();
          action.writeEndObject();
        }
        out.write('\n');
        out.write(item.source());
        out.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The bytes an item adds to a body. */
  static int bytes(BulkItem item) {
    return ACTION_OVERHEAD + item.index().length() + item.id().length() + item.source().length + 2;
  }
}
