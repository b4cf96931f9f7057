package dev.corral.query.extract;

import java.util.Locale;

/** What an extraction pipe reads: the pipe names {@code json}, {@code logfmt}, {@code kv}, {@code parse}. */
public enum ExtractFormat {
  JSON, LOGFMT, KV, PARSE;

  /** The pipe name as written in a query. */
  public String pipeName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
