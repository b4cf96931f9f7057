package dev.corral.server.archive;

import dev.corral.server.config.ArchiveSection;
import dev.corral.server.objectstore.FailureText;
import dev.corral.server.objectstore.ObjectStoreConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The archive's bucket through the AWS SDK v2 S3 client: every object operation the archive does,
 * under {@code s3://bucket/prefix/}. Keys given and returned are relative to the prefix. The only
 * class of the archive that touches the SDK (the client is built by {@link ObjectStoreConnection}). Every failure becomes an {@link ArchiveUnavailableException} whose
 * one-line message names the operation, the key and the store's reason.
 *
 * <p>The client sends checksums only where S3 requires them ({@code WHEN_REQUIRED}): older
 * S3-compatible stores reject the SDK's newer trailing checksums, and the archive verifies every
 * object by reading it back and comparing SHA-256 with its manifest anyway ({@link DayVerification}).
 *
 * <p>Thread-safe (the SDK client is).
 */
final class ArchiveBucket implements AutoCloseable {
  /** What a 403 means for an operator: S3 says little more (a HEAD has no body). */
  private static final String FORBIDDEN_HINT = "; check archive.access_key and archive.secret_key (or the SDK's"
      + " credentials chain) and that they may use the bucket";

  private final S3Client client;
  private final String bucket;
  private final String prefix;

  private ArchiveBucket(S3Client client, String bucket, String prefix) {
    this.client = client;
    this.bucket = bucket;
    this.prefix = prefix.isEmpty() ? "" : prefix + "/";
  }

  /** A client for the configured archive; connects nothing yet. */
  static ArchiveBucket of(ArchiveSection config) {
    S3Client client = new ObjectStoreConnection(config.endpoint(), config.region(), config.accessKey(),
        config.secretKey(), config.pathStyle()).client();
    return new ArchiveBucket(client, config.bucket(), config.prefix());
  }

  /** Checks that the bucket exists and the credentials may use it. */
  void check() throws ArchiveUnavailableException {
    call("reach bucket", "", () -> client.headBucket(b -> b.bucket(bucket)));
  }

  /** Uploads {@code file} whole as {@code key}. */
  void put(String key, Path file) throws ArchiveUnavailableException {
    call("upload", key, () -> client.putObject(b -> b.bucket(bucket).key(prefix + key), RequestBody.fromFile(file)));
  }

  /** Uploads {@code bytes} as {@code key}. */
  void put(String key, byte[] bytes) throws ArchiveUnavailableException {
    call("upload", key, () -> client.putObject(b -> b.bucket(bucket).key(prefix + key), RequestBody.fromBytes(bytes)));
  }

  /**
   * Uploads {@code file} as {@code key} in parts of {@code partBytes} (the last may be smaller): each
   * part is read from the file again if the SDK retries it, so nothing is held in memory. On a failure
   * the upload is aborted if the store can still be reached; otherwise it stays incomplete in the
   * bucket until {@link #abortIncompleteUploads} ({@code afterPart} runs after each part: a test seam).
   */
  void putMultipart(String key, Path file, long size, long partBytes, IntConsumer afterPart)
      throws ArchiveUnavailableException {
    String uploadId = call("start multipart upload of", key,
        () -> client.createMultipartUpload(b -> b.bucket(bucket).key(prefix + key)).uploadId());
    try {
      List<CompletedPart> parts = new ArrayList<>();
      for (long offset = 0, number = 1; offset < size; offset += partBytes, number++) {
        long length = Math.min(partBytes, size - offset);
        long from = offset;
        int partNumber = (int) number;
        String etag = call("upload part " + partNumber + " of", key, () -> client.uploadPart(
            b -> b.bucket(bucket).key(prefix + key).uploadId(uploadId).partNumber(partNumber).contentLength(length),
            RequestBody.fromContentProvider(() -> slice(file, from, length), length, "application/octet-stream")).eTag());
        parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
        afterPart.accept(partNumber);
      }
      call("complete multipart upload of", key, () -> client.completeMultipartUpload(b -> b.bucket(bucket)
          .key(prefix + key).uploadId(uploadId).multipartUpload(u -> u.parts(parts))));
    } catch (ArchiveUnavailableException | RuntimeException e) {
      try {
        call("abort multipart upload of", key,
            () -> client.abortMultipartUpload(b -> b.bucket(bucket).key(prefix + key).uploadId(uploadId)));
      } catch (ArchiveUnavailableException abortFailed) {
        e.addSuppressed(abortFailed); // left for abortIncompleteUploads
      }
      throw e;
    }
  }

  private static InputStream slice(Path file, long offset, long length) {
    try {
      FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
      channel.position(offset);
      return new BoundedInputStream(Channels.newInputStream(channel), length);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + " at " + offset + ": " + e.getMessage(), e);
    }
  }

  /** Aborts every incomplete multipart upload under {@code keyPrefix}; how many there were. */
  int abortIncompleteUploads(String keyPrefix) throws ArchiveUnavailableException {
    List<MultipartUpload> uploads = call("list multipart uploads under", keyPrefix,
        () -> client.listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(prefix + keyPrefix)).uploads()
            .stream().toList());
    for (MultipartUpload upload : uploads) {
      call("abort multipart upload of", upload.key(),
          () -> client.abortMultipartUpload(b -> b.bucket(bucket).key(upload.key()).uploadId(upload.uploadId())));
    }
    return uploads.size();
  }

  /** The objects under {@code keyPrefix}: key (relative to the archive's prefix) to size, in key order. */
  Map<String, Long> list(String keyPrefix) throws ArchiveUnavailableException {
    Map<String, Long> objects = new LinkedHashMap<>();
    call("list", keyPrefix, () -> {
      for (S3Object object : client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix + keyPrefix)).contents()) {
        objects.put(object.key().substring(prefix.length()), object.size());
      }
      return null;
    });
    return objects;
  }

  /** The content of {@code key}, or null when there is no such object. Caller closes it. */
  InputStream read(String key) throws ArchiveUnavailableException {
    try {
      return call("read", key, () -> client.getObject(b -> b.bucket(bucket).key(prefix + key)));
    } catch (ArchiveUnavailableException e) {
      if (e.getCause() instanceof NoSuchKeyException) {
        return null;
      }
      throw e;
    }
  }

  /** Deletes the objects of {@code keys} (relative keys), one request each. */
  void delete(Iterable<String> keys) throws ArchiveUnavailableException {
    for (String key : keys) {
      call("delete", key, () -> client.deleteObject(b -> b.bucket(bucket).key(prefix + key)));
    }
  }

  /** {@code s3://bucket/prefix/key}, for messages. */
  String describe(String key) {
    return "s3://" + bucket + "/" + prefix + key;
  }

  private <T> T call(String operation, String key, Callable<T> request) throws ArchiveUnavailableException {
    try {
      return request.call();
    } catch (SdkException e) {
      throw new ArchiveUnavailableException(FailureText.of("cannot " + operation + " " + describe(key), e, FORBIDDEN_HINT), e);
    } catch (UncheckedIOException e) {
      throw new ArchiveUnavailableException("cannot " + operation + " " + describe(key) + ": "
          + FailureText.oneLine(e.getMessage()), e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("BUG: an S3 call threw a checked " + e, e);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
