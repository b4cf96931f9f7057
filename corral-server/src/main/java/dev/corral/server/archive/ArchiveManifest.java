package dev.corral.server.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code manifest.json}, what makes an archived day self-describing (docs/operations.md, "The
 * manifest"): the day, the Lucene commit it is (generation), its events, time range and services,
 * and every file with its size and SHA-256. It is written last: an upload whose manifest is there
 * is complete. Format version {@value #FORMAT_VERSION}; a reader refuses any other version with a
 * message naming it (a golden file of version 1 is kept as a test resource).
 *
 * @param day the UTC day
 * @param generation the Lucene commit generation of the partition when it was uploaded
 * @param tier the partition's tier in that commit ({@code warm})
 * @param events events in the commit
 * @param firstEvent the earliest event's time, empty for a day with none
 * @param lastEvent the latest event's time, empty for a day with none
 * @param services the distinct services, sorted
 * @param files the Lucene files, by name
 * @param corralVersion the version of the server that uploaded it
 * @param createdAt when the manifest was written
 */
record ArchiveManifest(LocalDate day, long generation, String tier, long events, Optional<Instant> firstEvent,
    Optional<Instant> lastEvent, List<String> services, List<ManifestFile> files, String corralVersion,
    Instant createdAt) {
  /** The manifest's object name, beside the day's files. */
  static final String NAME = "manifest.json";
  static final int FORMAT_VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  ArchiveManifest {
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(tier, "tier");
    Objects.requireNonNull(firstEvent, "firstEvent");
    Objects.requireNonNull(lastEvent, "lastEvent");
    Objects.requireNonNull(corralVersion, "corralVersion");
    Objects.requireNonNull(createdAt, "createdAt");
    services = List.copyOf(services);
    files = List.copyOf(files);
  }

  /** Bytes of the day's files (the manifest not counted). */
  long bytes() {
    return files.stream().mapToLong(ManifestFile::bytes).sum();
  }

  /** The manifest as UTF-8 JSON, fields in documentation order. */
  byte[] toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("format_version", FORMAT_VERSION);
    root.put("day", day.toString());
    root.put("generation", generation);
    root.put("tier", tier);
    root.put("events", events);
    root.put("first_event", firstEvent.map(Instant::toString).orElse(null));
    root.put("last_event", lastEvent.map(Instant::toString).orElse(null));
    ArrayNode serviceArray = root.putArray("services");
    services.forEach(serviceArray::add);
    ArrayNode fileArray = root.putArray("files");
    for (ManifestFile file : files) {
      fileArray.addObject().put("name", file.name()).put("bytes", file.bytes()).put("sha256", file.sha256());
    }
    root.put("corral_version", corralVersion);
    root.put("created_at", createdAt.toString());
    try {
      return JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException("BUG: a manifest tree is not serializable: " + e, e);
    }
  }

  /**
   * Parses a manifest.
   *
   * @param source where it was read, for messages (its object URL)
   * @throws IOException naming {@code source} and the field when it is not JSON, not version
   *     {@value #FORMAT_VERSION}, or a field is missing or malformed
   */
  static ArchiveManifest parse(byte[] json, String source) throws IOException {
    JsonNode root = VersionedJson.read(json, source, FORMAT_VERSION);
    try {
      List<String> services = new ArrayList<>();
      for (JsonNode service : required(root, "services", source)) {
        services.add(service.asText());
      }
      List<ManifestFile> files = new ArrayList<>();
      for (JsonNode file : required(root, "files", source)) {
        files.add(new ManifestFile(required(file, "name", source).asText(), required(file, "bytes", source).asLong(),
            required(file, "sha256", source).asText()));
      }
      return new ArchiveManifest(LocalDate.parse(required(root, "day", source).asText()),
          required(root, "generation", source).asLong(), required(root, "tier", source).asText(),
          required(root, "events", source).asLong(), instant(root, "first_event", source),
          instant(root, "last_event", source), services, files, required(root, "corral_version", source).asText(),
          Instant.parse(required(root, "created_at", source).asText()));
    } catch (DateTimeParseException | IllegalArgumentException e) {
      throw new IOException(source + ": " + e.getMessage(), e);
    }
  }

  private static JsonNode required(JsonNode node, String field, String source) throws IOException {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IOException(source + " has no " + field);
    }
    return value;
  }

  private static Optional<Instant> instant(JsonNode root, String field, String source) throws IOException {
    JsonNode value = root.get(field);
    if (value == null) {
      throw new IOException(source + " has no " + field);
    }
    return value.isNull() ? Optional.empty() : Optional.of(Instant.parse(value.asText()));
  }
}
