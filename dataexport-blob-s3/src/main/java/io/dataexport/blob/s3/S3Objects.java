package io.dataexport.blob.s3;

import io.dataexport.store.blob.object.ObjectContent;
import io.dataexport.store.blob.object.ObjectEntry;
import io.dataexport.store.blob.object.ObjectStorage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The objects of one S3 bucket through the AWS SDK, failures mapped by {@link S3Failures}. Each
 * write is one PutObject (S3 stores it durably before answering); {@link #replace} is a PutObject
 * with {@code If-Match}; {@link #deleteAll} is DeleteObjects in batches of at most 1000 keys.
 */
final class S3Objects implements ObjectStorage {
  /** The most keys one DeleteObjects and one listing page take. */
  static final int MAX_PAGE = 1000;

  private final S3Client client;
  private final String bucket;
  private final S3Failures failures;
  private final int pageSize;

  S3Objects(S3Client client, S3Settings settings, int pageSize) {
    this.client = client;
    this.bucket = settings.bucket();
    this.failures = new S3Failures(settings);
    this.pageSize = pageSize;
  }

  /**
   * Checks that the bucket exists and the credentials may list it, with a request whose refusal
   * carries an error code (a HEAD's does not), so the message can say what to fix.
   *
   * @throws io.dataexport.api.error.ConfigurationException when not
   */
  void checkBucket() {
    try {
      client.listObjectsV2(request -> request.bucket(bucket).maxKeys(1));
    } catch (SdkException e) {
      throw failures.map("open s3://" + bucket, e);
    }
  }

  @Override
  public String locationOf(String name) {
    return "s3://" + bucket + "/" + name;
  }

  @Override
  public void write(String name, byte[] content) {
    try {
      client.putObject(
          request -> request.bucket(bucket).key(name).contentLength((long) content.length),
          RequestBody.fromBytes(content));
    } catch (SdkException e) {
      throw failures.map("write " + locationOf(name), e);
    }
  }

  @Override
  public boolean replace(String name, byte[] content, String version) {
    try {
      client.putObject(
          request ->
              request
                  .bucket(bucket)
                  .key(name)
                  .ifMatch(version)
                  .contentLength((long) content.length),
          RequestBody.fromBytes(content));
      return true;
    } catch (S3Exception e) {
      // 412: changed since; 404: deleted since; 409: another conditional write won the race.
      if (e.statusCode() == 412 || e.statusCode() == 404 || e.statusCode() == 409) {
        return false;
      }
      throw failures.map("replace " + locationOf(name), e);
    } catch (SdkException e) {
      throw failures.map("replace " + locationOf(name), e);
    }
  }

  @Override
  public Optional<ObjectContent> read(String name) {
    try {
      ResponseBytes<GetObjectResponse> object =
          client.getObjectAsBytes(request -> request.bucket(bucket).key(name));
      return Optional.of(new ObjectContent(object.asByteArrayUnsafe(), object.response().eTag()));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw failures.map("read " + locationOf(name), e);
    }
  }

  @Override
  public void delete(String name) {
    try {
      // S3 answers 204 whether or not there was an object.
      client.deleteObject(request -> request.bucket(bucket).key(name));
    } catch (SdkException e) {
      throw failures.map("delete " + locationOf(name), e);
    }
  }

  @Override
  public void deleteAll(List<String> names) {
    for (int from = 0; from < names.size(); from += MAX_PAGE) {
      List<ObjectIdentifier> batch =
          names.subList(from, Math.min(names.size(), from + MAX_PAGE)).stream()
              .map(name -> ObjectIdentifier.builder().key(name).build())
              .toList();
      DeleteObjectsResponse response;
      try {
        response =
            client.deleteObjects(
                request ->
                    request
                        .bucket(bucket)
                        .delete(Delete.builder().objects(batch).quiet(true).build()));
      } catch (SdkException e) {
        throw failures.map("delete " + batch.size() + " objects in s3://" + bucket, e);
      }
      if (response.hasErrors() && !response.errors().isEmpty()) {
        throw failures.notDeleted(
            "delete " + batch.size() + " objects in s3://" + bucket, response.errors());
      }
    }
  }

  @Override
  public void list(String namePrefix, Consumer<List<ObjectEntry>> page) {
    ListObjectsV2Request request =
        ListObjectsV2Request.builder().bucket(bucket).prefix(namePrefix).maxKeys(pageSize).build();
    try {
      for (ListObjectsV2Response listed : client.listObjectsV2Paginator(request)) {
        List<ObjectEntry> entries = new ArrayList<>(listed.contents().size());
        listed.contents().forEach(o -> entries.add(new ObjectEntry(o.key(), o.lastModified())));
        page.accept(entries);
      }
    } catch (SdkException e) {
      throw failures.map("list " + locationOf(namePrefix) + "*", e);
    }
  }
}
