package dev.corral.server.backup;

import dev.corral.server.config.BucketUrl;
import dev.corral.server.objectstore.FailureText;
import dev.corral.server.objectstore.ObjectStoreConnection;
import java.util.function.Supplier;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The backup's bucket: the object operations the raw backup and its erasure do, under
 * {@code s3://bucket/prefix/}. Keys given are relative to the prefix. Every failure becomes a
 * {@link BackupStoreException} with a one-line message. Thread-safe (the SDK client is).
 */
final class BackupBucket implements AutoCloseable {
  /** What a 403 means for an operator: S3 says little more (a HEAD has no body). */
  private static final String FORBIDDEN_HINT = "; check backup.access_key and backup.secret_key (or archive.*, or"
      + " the SDK's credentials chain) and that they may use the bucket";

  private final S3Client client;
  private final String bucket;
  private final String prefix;

  BackupBucket(ObjectStoreConnection connection, BucketUrl target) {
    this.client = connection.client();
    this.bucket = target.bucket();
    this.prefix = target.prefix().isEmpty() ? "" : target.prefix() + "/";
  }

  /** Checks that the bucket exists and the credentials may use it. */
  void check() throws BackupStoreException {
    call("reach bucket", "", () -> client.headBucket(b -> b.bucket(bucket)));
  }

  /** Uploads {@code bytes} as {@code key}, replacing an object of that key. */
  void put(String key, byte[] bytes) throws BackupStoreException {
    call("upload", key, () -> client.putObject(b -> b.bucket(bucket).key(prefix + key), RequestBody.fromBytes(bytes)));
  }

  /** The size the store holds for {@code key} (a HEAD). */
  long size(String key) throws BackupStoreException {
    return call("check the size of", key, () -> client.headObject(b -> b.bucket(bucket).key(prefix + key)).contentLength());
  }

  /**
   * The keys under {@code under} that sort after {@code startAfter} and before {@code endBefore},
   * in key order, relative to the prefix. Pages are fetched only until a key reaches {@code endBefore};
   * the keys are held (short strings), never the objects.
   */
  List<String> keysBetween(String under, String startAfter, String endBefore) throws BackupStoreException {
    List<String> keys = new ArrayList<>();
    call("list", under, () -> {
      Iterator<S3Object> objects = client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix + under)
          .startAfter(prefix + startAfter)).contents().iterator();
      while (objects.hasNext()) {
        String key = objects.next().key().substring(prefix.length());
        if (key.compareTo(endBefore) >= 0) {
          break;
        }
        keys.add(key);
      }
      return keys;
    });
    return keys;
  }

  /** The content of {@code key}. */
  byte[] get(String key) throws BackupStoreException {
    return call("download", key, () -> client.getObjectAsBytes(b -> b.bucket(bucket).key(prefix + key)).asByteArray());
  }

  /** {@code s3://bucket/prefix/key}, for messages. */
  String describe(String key) {
    return "s3://" + bucket + "/" + prefix + key;
  }

  private <T> T call(String operation, String key, Supplier<T> request) throws BackupStoreException {
    try {
      return request.get();
    } catch (SdkException e) {
      throw new BackupStoreException(FailureText.of("cannot " + operation + " " + describe(key), e, FORBIDDEN_HINT), e);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
