package dev.corral.model.normalize;

import com.fasterxml.jackson.core.JsonToken;

/** What a JSON token is, in the words every decoder's error message uses ("an object", "a number"). Stateless. */
public final class JsonTokenKind {
  private JsonTokenKind() {}

  /**
   * @param token the token found, or null at the end of the input
   * @param atEnd what to say for {@code null}, e.g. {@code "nothing"} or {@code "the end of the body"}
   */
  public static String of(JsonToken token, String atEnd) {
    if (token == null) {
      return atEnd;
    }
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.name();
    };
  }
}
