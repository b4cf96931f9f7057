package dev.corral.server.pipelines;

/**
 * A change of an index's settings refused, with what kind of refusal it is (the Elasticsearch API
 * maps each kind to its status and error type) and a message naming the index, the value and the limit.
 */
public final class IndexSettingException extends Exception {
  /** Why a setting was refused. */
  public enum Kind {
    /** The index name is not one Elasticsearch allows. */
    INVALID_NAME,
    /** The index was never created. */
    UNKNOWN_INDEX,
    /** A setting's value is of the wrong type or names no pipeline that exists. */
    INVALID_VALUE,
    /** A setting Corral does not support. */
    UNSUPPORTED,
    /** Creating it would pass {@link IndexDefaultPipelines#MAX_INDICES}. */
    TOO_MANY
  }

  private final Kind kind;

  public IndexSettingException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
