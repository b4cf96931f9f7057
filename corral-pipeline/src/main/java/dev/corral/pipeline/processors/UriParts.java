package dev.corral.pipeline.processors;

import dev.corral.pipeline.DefinitionException;
import dev.corral.pipeline.Document;
import dev.corral.pipeline.FieldValues;
import dev.corral.pipeline.Processor;
import dev.corral.pipeline.ProcessorConfig;
import dev.corral.pipeline.ProcessorException;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * {@code uri_parts}: splits the URI in {@code field} into ECS's {@code url.*} fields under {@code
 * target_field} ({@code url} by default), as Elasticsearch's processor does: {@code scheme}, {@code
 * domain}, {@code port}, {@code path}, {@code extension} (the last path segment's text after its
 * last dot), {@code query}, {@code fragment}, {@code user_info}, {@code username}, {@code password},
 * and {@code original} (the value as it was; {@code keep_original: false} leaves it out). Only the
 * parts present are written; {@code path}, {@code query} and {@code fragment} are decoded ({@code %20}
 * becomes a space). A relative reference such as an access log's {@code /search?q=x} gives path and
 * query. {@code remove_if_successful: true} removes {@code field} afterwards; {@code ignore_missing}.
 * A value that is no URI (a space, {@code |} unescaped) fails the event. Immutable.
 */
final class UriParts implements Processor {
  private final FieldOptions options;
  private final boolean keepOriginal;
  private final boolean removeIfSuccessful;

  private UriParts(FieldOptions options, boolean keepOriginal, boolean removeIfSuccessful) {
    this.options = options;
    this.keepOriginal = keepOriginal;
    this.removeIfSuccessful = removeIfSuccessful;
  }

  static Processor create(ProcessorConfig config) throws DefinitionException {
    String field = config.string("field");
    FieldOptions options = new FieldOptions(field, config.string("target_field", "url"),
        config.bool("ignore_missing", false));
    return new UriParts(options, config.bool("keep_original", true), config.bool("remove_if_successful", false));
  }

  @Override
  public boolean process(Document document) throws ProcessorException {
    String text = options.text(document);
    if (text == null) {
      return true;
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new ProcessorException("unable to parse URI " + FieldValues.describe(text) + " in field '"
          + options.field() + "': " + e.getReason() + " at index " + e.getIndex());
    }
    String prefix = options.target() + ".";
    if (removeIfSuccessful && !options.field().startsWith(prefix) && !options.field().equals(options.target())) {
      document.remove(options.field());
    }
    setIfPresent(document, prefix + "scheme", uri.getScheme());
    setIfPresent(document, prefix + "domain", uri.getHost());
    if (uri.getPort() >= 0) {
      document.set(prefix + "port", (long) uri.getPort());
    }
    String path = uri.getPath();
    if (path != null && !path.isEmpty()) {
      document.set(prefix + "path", path);
      int dot = path.lastIndexOf('.');
      if (dot > path.lastIndexOf('/') && dot < path.length() - 1) {
        document.set(prefix + "extension", path.substring(dot + 1));
      }
    }
    setIfPresent(document, prefix + "query", uri.getQuery());
    setIfPresent(document, prefix + "fragment", uri.getFragment());
    String userInfo = uri.getUserInfo();
    if (userInfo != null) {
      document.set(prefix + "user_info", userInfo);
      int colon = userInfo.indexOf(':');
      document.set(prefix + "username", colon < 0 ? userInfo : userInfo.substring(0, colon));
      if (colon >= 0) {
        document.set(prefix + "password", userInfo.substring(colon + 1));
      }
    }
    if (keepOriginal) {
      document.set(prefix + "original", text);
    }
    return true;
  }

  private static void setIfPresent(Document document, String field, String value) {
    if (value != null && !value.isEmpty()) {
      document.set(field, value);
    }
  }
}
