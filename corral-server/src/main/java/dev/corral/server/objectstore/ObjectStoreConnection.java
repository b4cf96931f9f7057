package dev.corral.server.objectstore;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * How to reach an S3-compatible object store: the one place that builds an AWS SDK v2 {@link S3Client}
 * (for the archive and the raw backup). {@link #toString()} never shows the secret key.
 *
 * <p>The client sends and checks checksums only where S3 requires them ({@code WHEN_REQUIRED}):
 * older S3-compatible stores reject the SDK's newer trailing checksums, and each user verifies
 * what it uploads itself (the archive by SHA-256 read back, the backup by the object's size).
 *
 * @param endpoint the endpoint URL of an S3-compatible store; empty for AWS S3
 * @param region the region; empty for the SDK's default region chain (us-east-1 with an endpoint)
 * @param accessKey the access key id; empty for the SDK's default credentials chain
 * @param secretKey the secret access key, with {@code accessKey}
 * @param pathStyle whether the bucket goes in the path rather than the host name
 */
public record ObjectStoreConnection(Optional<URI> endpoint, String region, String accessKey, String secretKey,
    boolean pathStyle) {
  /** Region for a custom endpoint with none configured: S3-compatible stores accept any; SigV4 needs one. */
  private static final Region ENDPOINT_DEFAULT_REGION = Region.US_EAST_1;

  public ObjectStoreConnection {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(accessKey, "accessKey");
    Objects.requireNonNull(secretKey, "secretKey");
  }

  /** A new client (the caller closes it); connects nothing yet. */
  public S3Client client() {
    S3ClientBuilder builder = S3Client.builder().httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(credentials()).forcePathStyle(pathStyle)
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    endpoint.ifPresent(builder::endpointOverride);
    if (!region.isEmpty()) {
      builder.region(Region.of(region));
    } else if (endpoint.isPresent()) {
      builder.region(ENDPOINT_DEFAULT_REGION);
    }
    return builder.build();
  }

  private AwsCredentialsProvider credentials() {
    return accessKey.isEmpty() ? DefaultCredentialsProvider.builder().build()
        : StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
  }

  /** Never shows the secret key. */
  @Override
  public String toString() {
    return "ObjectStoreConnection[endpoint=" + endpoint.map(URI::toString).orElse("") + ", region=" + region
        + ", accessKey=" + accessKey + ", secretKey=" + (secretKey.isEmpty() ? "" : "(hidden)") + ", pathStyle="
        + pathStyle + "]";
  }
}
