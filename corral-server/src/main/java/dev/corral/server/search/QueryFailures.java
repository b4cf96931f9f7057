package dev.corral.server.search;

import dev.corral.server.http.HttpError;
import dev.corral.query.QuerySyntaxException;
import dev.corral.store.search.QueryTimeoutException;
import dev.corral.store.search.StoreUnavailableException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns the ways a query can fail into HTTP answers: 400 (with position and caret), 403 (a key whose
 * read filter does not parse), 429, 503 (the store's cluster cannot be reached, refuses Corral's credentials or
 * fails the search), 504, 507 (an archived day does not fit the fetch cache or the disk). */
public final class QueryFailures {
  private QueryFailures() {}

  /** Work that runs a query. */
  public interface QueryCall<T> {
    T run() throws Exception;
  }

  /**
   * Adds where a filter fails to parse to an error answer's {@code details}: {@code position} and
   * {@code caret} (the filter, and a caret under the offending character). Returns {@code details}.
   */
  public static Map<String, Object> syntaxDetails(QuerySyntaxException e, Map<String, Object> details) {
    details.put("position", e.position());
    details.put("caret", e.caret());
    return details;
  }

  /** Runs {@code call}, turning a query failure into the {@link HttpError} that answers it. */
  public static <T> T answer(QueryCall<T> call) throws Exception {
    try {
      return call.run();
    } catch (QuerySyntaxException e) {
      throw new HttpError(400, "query syntax error: " + e.reason(), Map.of(), syntaxDetails(e, new LinkedHashMap<>()));
    } catch (QueryTimeoutException e) {
      throw new HttpError(504, e.getMessage());
    } catch (QueryBusyException e) {
      throw new HttpError(429, e.getMessage(), Map.of("Retry-After", "1"), Map.of());
    } catch (ArchiveCacheFullException e) {
      throw new HttpError(507, e.getMessage());
    } catch (InvalidReadFilterException e) {
      throw new HttpError(403, e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new HttpError(400, e.getMessage());
    } catch (StoreUnavailableException e) {
      throw new HttpError(503, "the store cannot answer now: " + e.getMessage(), Map.of("Retry-After", "5"), Map.of());
    }
  }
}
