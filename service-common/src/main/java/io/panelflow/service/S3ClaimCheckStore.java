package io.panelflow.service;

import io.panelflow.model.event.ClaimCheck;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The claim-check store of clusters ({@code panelflow.claim-check.store=s3}): one object per payload in
 * an S3-compatible object store, under {@code <prefix><run id>/<uuid>}, with its SHA-256 and kind as user
 * metadata. Configuration ({@code panelflow.claim-check.s3.*}): {@code bucket} (required), {@code prefix}
 * (default {@code claimcheck/}), {@code endpoint} (for S3-compatible servers; default: AWS),
 * {@code path-style} (default false; true for most S3-compatible servers), {@code region} (default
 * us-east-1), {@code access-key-id} and {@code secret-access-key} (default: the AWS default credentials
 * chain: environment, profile, container or instance role), {@code create-bucket} (default false).
 * Retention: {@link #purgeOlderThan} lists the prefix and deletes objects last modified before the cut.
 * A missing object or a hash mismatch is unreadable; any other failure of the object store is transient.
 */
@Singleton // no client proxy: its constructor builds the S3 client, once
@Typed(S3ClaimCheckStore.class)
public class S3ClaimCheckStore implements ClaimCheckStore {
    private static final Logger LOG = Logger.getLogger(S3ClaimCheckStore.class);
    private static final String SHA_METADATA = "sha256";
    /** S3 takes parts of at least 5 MiB (but the last). */
    static final int PART_BYTES = 8 * 1024 * 1024;

    private final Settings settings;
    private final S3Client client;
    private final String storeName;
    private final Once ready = new Once();

    /** The store's configuration ({@code panelflow.claim-check.s3.*}). */
    public record Settings(String bucket, String prefix, Optional<URI> endpoint, boolean pathStyle, String region,
                           Optional<String> accessKeyId, Optional<String> secretAccessKey, boolean createBucket) {
        public static Settings fromConfig(Config config) {
            String p = "panelflow.claim-check.s3.";
            String bucket = config.getOptionalValue(p + "bucket", String.class).orElseThrow(() -> new IllegalStateException(
                    "panelflow.claim-check.store is s3 but panelflow.claim-check.s3.bucket is not set"));
            return new Settings(bucket,
                    config.getOptionalValue(p + "prefix", String.class).orElse("claimcheck/"),
                    config.getOptionalValue(p + "endpoint", String.class).filter(s -> !s.isBlank()).map(URI::create),
                    config.getOptionalValue(p + "path-style", Boolean.class).orElse(false),
                    config.getOptionalValue(p + "region", String.class).orElse("us-east-1"),
                    config.getOptionalValue(p + "access-key-id", String.class).filter(s -> !s.isBlank()),
                    config.getOptionalValue(p + "secret-access-key", String.class).filter(s -> !s.isBlank()),
                    config.getOptionalValue(p + "create-bucket", Boolean.class).orElse(false));
        }
    }

    public S3ClaimCheckStore() {
        this(Settings.fromConfig(ConfigProvider.getConfig()));
    }

    public S3ClaimCheckStore(Settings settings) {
        this.settings = settings;
        this.storeName = "s3:" + settings.bucket() + "/" + settings.prefix();
        AwsCredentialsProvider credentials = settings.accessKeyId().isPresent() && settings.secretAccessKey().isPresent()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKeyId().get(),
                settings.secretAccessKey().get()))
                : DefaultCredentialsProvider.builder().build();
        var builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(60)))
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                // the payload's SHA-256 is checked on every read; S3-compatible servers differ in the SDK's
                // newer default checksums, so they are sent and checked only where an operation needs them
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build());
        settings.endpoint().ifPresent(builder::endpointOverride);
        this.client = builder.build();
    }

    /** The name claim checks of this store carry: {@code s3:<bucket>/<prefix>}. */
    public String storeName() {
        return storeName;
    }

    /**
     * Streams the payload up in parts of {@value #PART_BYTES} bytes: one {@code PutObject} when it fits in
     * one part, else a multipart upload (aborted if anything fails, so no parts are left behind). The
     * object's metadata carries its kind and run; its SHA-256 only for a single-part object, as a multipart
     * upload fixes its metadata before the last byte is known.
     */
    @Override
    public ClaimCheck put(String runId, String kind, PayloadWriter writer) {
        ensureReady();
        String key = settings.prefix() + runId + "/" + UUID.randomUUID();
        String contentType = kind.endsWith(EventCodec.PANEL_KIND_SUFFIX) ? PanelArrow.MEDIA_TYPE : "application/json";
        Map<String, String> metadata = Map.of("kind", kind, "run-id", runId);
        MultipartUpload upload = new MultipartUpload(key, contentType, metadata);
        try {
            ChunkedPayloadOutput out = new ChunkedPayloadOutput(PART_BYTES, upload::accept);
            writer.writeTo(out);
            out.close();
            upload.complete(out);
            return new ClaimCheck(storeName, key, out.sha256(), out.count());
        } catch (IOException | RuntimeException e) {
            upload.abort();
            throw new IllegalStateException("cannot store the claim-checked payload of run " + runId
                    + " in the object store: " + e.getMessage(), e);
        }
    }

    /** One payload's way up: parts as they come, or a single object when the first part is the last. */
    private final class MultipartUpload {
        private final String key;
        private final String contentType;
        private final Map<String, String> metadata;
        private final List<CompletedPart> parts = new ArrayList<>();
        private String uploadId;
        private byte[] single;

        MultipartUpload(String key, String contentType, Map<String, String> metadata) {
            this.key = key;
            this.contentType = contentType;
            this.metadata = metadata;
        }

        void accept(int seq, byte[] bytes, int length, boolean last) {
            if (seq == 0 && last) {
                single = Arrays.copyOf(bytes, length);
                return;
            }
            if (uploadId == null) {
                uploadId = client.createMultipartUpload(b -> b.bucket(settings.bucket()).key(key)
                        .contentType(contentType).metadata(metadata)).uploadId();
            }
            int number = seq + 1;
            String etag = client.uploadPart(b -> b.bucket(settings.bucket()).key(key).uploadId(uploadId)
                            .partNumber(number).contentLength((long) length),
                    RequestBody.fromInputStream(new ByteArrayInputStream(bytes, 0, length), length)).eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        }

        void complete(ChunkedPayloadOutput out) {
            if (single != null) {
                Map<String, String> withSha = new HashMap<>(metadata);
                withSha.put(SHA_METADATA, out.sha256());
                client.putObject(b -> b.bucket(settings.bucket()).key(key).contentType(contentType).metadata(withSha),
                        RequestBody.fromBytes(single));
            } else {
                client.completeMultipartUpload(b -> b.bucket(settings.bucket()).key(key).uploadId(uploadId)
                        .multipartUpload(m -> m.parts(parts)));
            }
        }

        void abort() {
            if (uploadId == null) {
                return;
            }
            try {
                client.abortMultipartUpload(b -> b.bucket(settings.bucket()).key(key).uploadId(uploadId));
            } catch (SdkException e) {
                LOG.warnf("could not abort the multipart upload of %s: %s", key, e.getMessage());
            }
        }
    }

    @Override
    public <T> T read(ClaimCheck check, PayloadReader<T> reader) throws IOException {
        if (!storeName.equals(check.store())) {
            throw new UnreadableEventException("unknown claim-check store '" + check.store() + "'", null);
        }
        try (ResponseInputStream<GetObjectResponse> object = client.getObject(b -> b.bucket(settings.bucket()).key(check.id()))) {
            return VerifiedPayloadInput.read(check, object, reader);
        } catch (NoSuchKeyException e) {
            throw new UnreadableEventException("claim-checked payload " + check.id() + " not found", null);
        } catch (S3Exception e) {
            if (e.statusCode() == 404 && !(e instanceof NoSuchBucketException)) {
                throw new UnreadableEventException("claim-checked payload " + check.id() + " not found", null);
            }
            throw new IllegalStateException("cannot read claim-checked payload " + check.id() + ": " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new IllegalStateException("cannot read claim-checked payload " + check.id() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Lists the prefix and deletes each object last modified before {@code now − retention}, one request
     * per object (multi-object delete needs a checksum header that S3-compatible servers do not all take).
     */
    @Override
    public int purgeOlderThan(Duration retention) {
        Instant cut = Instant.now().minus(retention);
        int deleted = 0;
        try {
            for (S3Object o : client.listObjectsV2Paginator(b -> b.bucket(settings.bucket()).prefix(settings.prefix())).contents()) {
                if (o.lastModified() != null && o.lastModified().isBefore(cut)) {
                    client.deleteObject(b -> b.bucket(settings.bucket()).key(o.key()));
                    deleted++;
                }
            }
        } catch (SdkException e) {
            throw new IllegalStateException("cannot purge claim-checked payloads from the object store (" + deleted
                    + " deleted): " + e.getMessage(), e);
        }
        return deleted;
    }

    @Override
    public void ensureReady() {
        ready.run(this::findBucket);
    }

    /** Checks that the bucket exists, creating it when configured to. */
    private void findBucket() {
        try {
            client.headBucket(b -> b.bucket(settings.bucket()));
        } catch (NoSuchBucketException e) {
            if (!settings.createBucket()) {
                throw new IllegalStateException("the claim-check bucket '" + settings.bucket() + "' does not exist", e);
            }
            createBucket();
        } catch (S3Exception e) {
            if (e.statusCode() != 404 || !settings.createBucket()) {
                throw new IllegalStateException("cannot reach the claim-check bucket '" + settings.bucket() + "': "
                        + e.getMessage(), e);
            }
            createBucket();
        } catch (SdkException e) {
            throw new IllegalStateException("cannot reach the claim-check bucket '" + settings.bucket() + "': "
                    + e.getMessage(), e);
        }
    }

    private void createBucket() {
        try {
            client.createBucket(b -> b.bucket(settings.bucket()));
            LOG.infof("created the claim-check bucket %s", settings.bucket());
        } catch (SdkException e) {
            throw new IllegalStateException("cannot create the claim-check bucket '" + settings.bucket() + "': "
                    + e.getMessage(), e);
        }
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
