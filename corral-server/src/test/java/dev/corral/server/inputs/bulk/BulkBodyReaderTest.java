package dev.corral.server.inputs.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corral.model.LogEvent;
import dev.corral.model.normalize.EventDecoder;
import dev.corral.server.ingest.DeadLetter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Pairing of action and document lines, and what happens to each line when a body is out of step. */
class BulkBodyReaderTest {
  private static final long NOW = 1_795_000_000_000_000_000L;
  private final BulkBodyReader reader = new BulkBodyReader(EventDecoder.defaults(), false);

  private BulkBatch read(String body) {
    return read(reader, body, null);
  }

  private static BulkBatch read(BulkBodyReader reader, String body, String defaultIndex) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return reader.read(bytes, bytes.length, defaultIndex, NOW);
  }

  @Test
  void pairsActionsWithDocumentsAndKeepsIndexAndGivenId() {
    BulkBatch batch = read("""
        {"index":{"_index":"app-logs","_id":"a1"}}
        {"service":"shop","message":"first"}
        {"create":{"_index":"app-logs"}}
        {"service":"shop","message":"second"}
        """);
    assertThat(batch.items()).extracting(BulkItem::action, BulkItem::status).containsExactly(
        org.assertj.core.groups.Tuple.tuple("index", 201), org.assertj.core.groups.Tuple.tuple("create", 201));
    assertThat(batch.items().get(0).id()).isEqualTo("a1");
    assertThat(batch.items().get(1).id()).hasSize(20);
    LogEvent first = batch.events().get(0);
    assertThat(first.get("_index")).isEqualTo("app-logs");
    assertThat(first.get("_id")).isEqualTo("a1");
    assertThat(batch.events().get(1).get("_id")).as("made-up ids are answered, not stored").isNull();
    assertThat(batch.deadLetters()).isEmpty();
    assertThat(batch.hasErrors()).isFalse();
  }

  @Test
  void actionFollowedByAnotherActionIsRefusedAndTheNextPairIsStored() {
    BulkBatch batch = read("""
        {"index":{"_index":"a"}}
        {"index":{"_index":"b"}}
        {"message":"belongs to b"}
        """);
    assertThat(batch.items()).extracting(BulkItem::index, BulkItem::status).containsExactly(
        org.assertj.core.groups.Tuple.tuple("a", 400), org.assertj.core.groups.Tuple.tuple("b", 201));
    assertThat(batch.items().get(0).reason()).isEqualTo(
        "line 1: the index action has no document: line 2 is another action line");
    assertThat(batch.events()).extracting(LogEvent::message).containsExactly("belongs to b");
    assertThat(batch.deadLetters()).extracting(DeadLetter::excerpt).containsExactly("{\"index\":{\"_index\":\"a\"}}");
  }

  @Test
  void documentWithoutItsActionLineIsRefusedOnItsOwnAndKeptAsDeadLetter() {
    BulkBatch batch = read("""
        {"index":{}}
        {"message":"one"}
        {"message":"orphan","service":"x"}
        {"index":{}}
        {"message":"three"}
        """);
    assertThat(batch.items()).extracting(BulkItem::status).containsExactly(201, 400, 201);
    assertThat(batch.items().get(1).reason()).startsWith("line 3: ").contains("a document without its action line?");
    assertThat(batch.events()).extracting(LogEvent::message).containsExactly("one", "three");
    assertThat(batch.deadLetters()).singleElement().satisfies(letter -> {
      assertThat(letter.input()).isEqualTo("bulk");
      assertThat(letter.excerpt()).isEqualTo("{\"message\":\"orphan\",\"service\":\"x\"}");
    });
  }

  @Test
  void actionAtTheEndOfTheBodyIsRefusedBecauseItsDocumentIsMissing() {
    BulkBatch batch = read("{\"index\":{}}\n{\"message\":\"ok\"}\n{\"create\":{\"_index\":\"late\"}}\n");
    assertThat(batch.items()).extracting(BulkItem::status).containsExactly(201, 400);
    assertThat(batch.items().get(1).action()).isEqualTo("create");
    assertThat(batch.items().get(1).reason()).isEqualTo(
        "line 3: the create action has no document: the body ends after it");
    assertThat(batch.deadLetters()).hasSize(1);
  }

  @Test
  void malformedActionLineIsRefusedTogetherWithItsDocument() {
    BulkBatch batch = read("""
        {"index": oops}
        {"message":"document of the broken action"}
        {"index":{}}
        {"message":"fine"}
        """);
    assertThat(batch.items()).extracting(BulkItem::status).containsExactly(400, 201);
    assertThat(batch.items().get(0).reason()).startsWith("line 1: malformed JSON in the action line at column")
        .endsWith("this action and its document were not stored");
    assertThat(batch.deadLetters()).extracting(DeadLetter::excerpt)
        .containsExactly("{\"message\":\"document of the broken action\"}");
    assertThat(batch.events()).extracting(LogEvent::message).containsExactly("fine");
  }

  @Test
  void malformedDocumentIsRefusedPerItemAsDocumentParsingError() {
    BulkBatch batch = read("{\"index\":{}}\n{\"message\": nope}\n{\"index\":{}}\n[1,2]\n{\"index\":{}}\n{\"message\":\"ok\"}\n");
    assertThat(batch.items()).extracting(BulkItem::status).containsExactly(400, 400, 201);
    assertThat(batch.items().get(0).errorType()).isEqualTo("document_parsing_exception");
    assertThat(batch.items().get(0).reason()).startsWith("line 2: malformed JSON");
    assertThat(batch.items().get(1).reason()).isEqualTo("line 4: expected a JSON object, got an array");
    assertThat(batch.deadLetters()).hasSize(2);
  }

  @Test
  void updateDeleteAndUnknownActionsAreRefusedPerItemWithoutLosingTheirNeighbours() {
    BulkBatch batch = read("""
        {"delete":{"_index":"x","_id":"1"}}
        {"update":{"_index":"x","_id":"2"}}
        {"doc":{"message":"patch"}}
        {"upsert":{"_index":"x"}}
        {"message":"document of an unknown action"}
        {"create":{"_index":"x"}}
        {"message":"kept"}
        """);
    assertThat(batch.items()).extracting(BulkItem::action, BulkItem::status).containsExactly(
        org.assertj.core.groups.Tuple.tuple("delete", 400), org.assertj.core.groups.Tuple.tuple("update", 400),
        org.assertj.core.groups.Tuple.tuple("upsert", 400), org.assertj.core.groups.Tuple.tuple("create", 201));
    assertThat(batch.items().get(0).reason()).contains("action [delete] is not supported");
    assertThat(batch.items().get(1).reason()).contains("action [update] is not supported").contains("line 3");
    assertThat(batch.items().get(2).reason()).contains("unknown action [upsert]; expected one of [create, index]");
    assertThat(batch.events()).extracting(LogEvent::message).containsExactly("kept");
    assertThat(batch.deadLetters()).hasSize(3);
  }

  @Test
  void invalidUtf8InADocumentIsRefusedWithItsBytePosition() {
    byte[] head = "{\"index\":{}}\n{\"message\":\"bad ".getBytes(StandardCharsets.UTF_8);
    byte[] tail = "\"}\n{\"index\":{}}\n{\"message\":\"good\"}\n".getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[head.length + 1 + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    body[head.length] = (byte) 0xC3;
    System.arraycopy(tail, 0, body, head.length + 1, tail.length);
    BulkBatch batch = reader.read(body, body.length, null, NOW);
    assertThat(batch.items()).extracting(BulkItem::status).containsExactly(400, 201);
    assertThat(batch.items().get(0).reason()).startsWith("line 2: invalid UTF-8 at byte");
  }

  @Test
  void blankLinesAndCarriageReturnsBetweenPairsAreSkipped() {
    BulkBatch batch = read("{\"index\":{\"_index\":\"r\",\"_type\":\"events\"}}\r\n{\"message\":\"a\"}\r\n\r\n\n"
        + "{\"index\":{\"_index\":\"r\",\"_type\":\"events\"}}\n{\"message\":\"b\"}\n\n");
    assertThat(batch.items()).extracting(BulkItem::status).containsExactly(201, 201);
    assertThat(batch.events()).extracting(LogEvent::message).containsExactly("a", "b");
  }

  @Test
  void targetIndexBecomesTheServiceOnlyWhenConfiguredAndTheEventNamesNone() {
    BulkBodyReader asService = new BulkBodyReader(EventDecoder.defaults(), true);
    BulkBatch batch = read(asService, """
        {"index":{}}
        {"message":"no service"}
        {"index":{"_index":"other"}}
        {"message":"own service","service":"billing"}
        """, "from-url");
    assertThat(batch.events().get(0).service()).isEqualTo("from-url");
    assertThat(batch.events().get(0).get("_index")).isEqualTo("from-url");
    assertThat(batch.events().get(1).service()).isEqualTo("billing");
    assertThat(batch.events().get(1).get("_index")).isEqualTo("other");
    assertThat(read(reader, "{\"index\":{}}\n{\"message\":\"m\"}\n", "from-url").events().get(0).service()).isNull();
  }

  @Test
  void documentWithAFieldNamedIndexIsStillADocument() {
    BulkBatch batch = read("{\"index\":{}}\n{\"index\":{\"name\":\"products\"}}\n");
    assertThat(batch.items()).extracting(BulkItem::status).containsExactly(201);
    assertThat(batch.events().get(0).get("index.name")).isEqualTo("products");
  }
}
