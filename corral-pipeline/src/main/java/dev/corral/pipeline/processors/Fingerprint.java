package dev.corral.pipeline.processors;

import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.Document;
import dev.corral.pipeline.Processor;
import dev.corral.pipeline.ProcessorConfig;
import dev.corral.pipeline.ProcessorException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * {@code fingerprint}: a hash of {@code fields} (names and values, in sorted name order, each
 * field's sub-fields included), for finding duplicates, in {@code target_field} ({@code
 * fingerprint}) as Base64. Options (Elasticsearch's): {@code fields}, {@code target_field}, {@code
 * salt}, {@code method} ({@code MD5}, {@code SHA-1} (default), {@code SHA-256}, {@code SHA-512},
 * {@code MurmurHash3}: its 128-bit x64 form), {@code ignore_missing} (a missing field is then
 * left out; without it one fails the event). Equal fields give equal fingerprints on every
 * server; the bytes hashed are Corral's (name, value, separators), so fingerprints differ from
 * Elasticsearch's.
 */
final class Fingerprint implements Processor {
  private static final List<String> METHODS = List.of("MD5", "SHA-1", "SHA-256", "SHA-512", "MurmurHash3");

  private final List<String> fields;
  private final String target;
  private final byte[] salt;
  private final String method;
  private final boolean ignoreMissing;

  private Fingerprint(List<String> fields, String target, byte[] salt, String method, boolean ignoreMissing) {
    this.fields = fields;
    this.target = target;
    this.salt = salt;
    this.method = method;
    this.ignoreMissing = ignoreMissing;
  }

  static Processor create(ProcessorConfig config) throws DefinitionException {
    List<String> fields = new ArrayList<>(config.strings("fields"));
    if (fields.isEmpty()) {
      throw config.invalid("option 'fields' is required (the fields to hash)");
    }
    fields.sort(null);
    String method = config.string("method", "SHA-1");
    String known = METHODS.stream().filter(m -> m.equalsIgnoreCase(method)).findFirst()
        .orElseThrow(() -> config.invalid("option 'method' is '" + method + "'; must be one of " + METHODS));
    return new Fingerprint(List.copyOf(fields), config.string("target_field", "fingerprint"),
        config.string("salt", "").getBytes(StandardCharsets.UTF_8), known, config.bool("ignore_missing", false));
  }

  @Override
  public boolean process(Document document) throws ProcessorException {
    ByteArrayOutputStream input = new ByteArrayOutputStream(128);
    input.writeBytes(salt);
    boolean any = false;
    for (String field : fields) {
      List<String> names = FieldTree.names(document, field);
      if (names.isEmpty()) {
        if (!ignoreMissing) {
          throw FieldOptions.missing(field, document);
        }
        continue;
      }
      for (String name : names) {
        any = true;
        Object value = document.get(name);
        write(input, name);
        input.write(':');
        write(input, value == null ? "null" : value.getClass().getSimpleName() + ":" + value);
        input.write('|');
      }
    }
    if (!any) {
      return true;
    }
    document.set(target, Base64.getEncoder().encodeToString(hash(input.toByteArray())));
    return true;
  }

  private static void write(ByteArrayOutputStream out, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    out.writeBytes(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
    out.write('=');
    out.writeBytes(bytes);
  }

  private byte[] hash(byte[] input) {
    if (method.equals("MurmurHash3")) {
      long[] halves = MurmurHash3.hash128x64(input);
      return java.nio.ByteBuffer.allocate(16).putLong(halves[0]).putLong(halves[1]).array();
    }
    try {
      return MessageDigest.getInstance(method.toUpperCase(Locale.ROOT)).digest(input);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("BUG: the JDK lacks " + method, e);
    }
  }
}
