package dev.corral.ship.deliver;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/** A Java string as a JSON string literal, quotes included. */
final class JsonString {
  private JsonString() {
  }

  static String quote(String text) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
  }
}
