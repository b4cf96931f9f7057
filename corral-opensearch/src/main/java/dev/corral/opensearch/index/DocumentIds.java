package dev.corral.opensearch.index;

import dev.corral.model.EventBatch;
import dev.corral.model.LogEvent;
import java.util.HashMap;
import java.util.Map;

/**
 * The deterministic {@code _id} of each event of a WAL record, so that a replay or a redelivery
 * overwrites instead of adding a second copy:
 * <ul>
 *   <li>an event with {@code kafka.topic}, {@code kafka.partition} and {@code kafka.offset} (the
 *       Kafka input adds them): {@code k:<topic>/<partition>/<offset>/<n>}, n counting the events
 *       of that Kafka record in the batch from 0 — the same whichever Corral node consumed it;
 *   <li>any other: {@code w:<node id>/<WAL position of the record>/<index in the batch>}.
 * </ul>
 * Stateless.
 */
public final class DocumentIds {
  public static final String KAFKA_TOPIC = "kafka.topic";
  public static final String KAFKA_PARTITION = "kafka.partition";
  public static final String KAFKA_OFFSET = "kafka.offset";

  private DocumentIds() {}

  /** The ids of every event of the record at {@code position}, in batch order. */
  public static String[] of(String nodeId, long position, EventBatch batch) {
    String[] ids = new String[batch.size()];
    Map<String, Integer> perKafkaRecord = null;
    for (int i = 0; i < ids.length; i++) {
      String kafka = kafkaRecord(batch.events().get(i));
      if (kafka == null) {
        ids[i] = "w:" + nodeId + "/" + position + "/" + i;
      } else {
        if (perKafkaRecord == null) {
          perKafkaRecord = new HashMap<>();
        }
        int n = perKafkaRecord.merge(kafka, 1, Integer::sum) - 1;
        ids[i] = "k:" + kafka + "/" + n;
      }
    }
    return ids;
  }

  /** {@code <topic>/<partition>/<offset>}, or null when the event did not come from Kafka. */
  private static String kafkaRecord(LogEvent event) {
    Object topic = event.fields().get(KAFKA_TOPIC);
    Object partition = event.fields().get(KAFKA_PARTITION);
    Object offset = event.fields().get(KAFKA_OFFSET);
    if (topic == null || partition == null || offset == null) {
      return null;
    }
    return topic + "/" + integer(partition) + "/" + integer(offset);
  }

  /** A number field as an integer's text: 3 and 3.0 name the same partition. */
  private static String integer(Object value) {
    return value instanceof Double d && d == Math.rint(d) ? Long.toString(d.longValue()) : value.toString();
  }
}
