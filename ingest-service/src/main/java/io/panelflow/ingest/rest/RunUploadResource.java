package io.panelflow.ingest.rest;

import io.panelflow.ingest.intake.RunIntake;
import io.panelflow.ingest.upload.UploadProblem;
import io.panelflow.ingest.upload.UploadedFile;
import io.panelflow.service.Problem;
import io.panelflow.service.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.multipart.MultipartFormDataInput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Collection;
import java.util.Map;

/**
 * {@code POST /api/runs}: multipart {@code data} (CSV, XLSX or Stata .dta) and {@code spec} (YAML or JSON), as file parts or
 * fields. The data file part is received to disk and read from there as a stream ({@link UploadedFile}); admission
 * (size by Content-Length, concurrent uploads) is decided before the body is read ({@link UploadAdmission}).
 */
@Path("/api/runs")
public class RunUploadResource {
    private static final Logger LOG = Logger.getLogger(RunUploadResource.class);

    @Inject
    RunIntake intake;

    @ConfigProperty(name = "panelflow.upload.max-spec-bytes", defaultValue = "1048576")
    long maxSpecBytes;

    @POST
    @RolesAllowed(Roles.SUBMITTER)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a run from a panel and a study spec")
    @APIResponse(responseCode = "202", description = "accepted: {runId, status}")
    @APIResponse(responseCode = "400", description = "bad upload, spec or data, or a spec over a cost limit: a problem body naming the row, column and value, or the spec path, value and limit at fault")
    @APIResponse(responseCode = "413", description = "an upload over a size limit (bytes, rows, columns, cells, a decompression bomb): a problem body naming the limit and its configuration key")
    @APIResponse(responseCode = "429", description = "too many uploads at once: a problem body, and Retry-After")
    @APIResponse(responseCode = "401", description = "not signed in")
    @APIResponse(responseCode = "403", description = "the user is not a submitter")
    public Response upload(MultipartFormDataInput input) {
        Map<String, Collection<FormValue>> parts = input.getValues();
        FormValue data = single(parts, "data");
        FormValue spec = single(parts, "spec");
        String fileName = data.isFileItem() && data.getFileName() != null ? data.getFileName() : "data.csv";
        String specText = specText(spec);
        java.nio.file.Path received = null;
        try {
            java.nio.file.Path file;
            if (data.isFileItem() && !data.getFileItem().isInMemory() && data.getFileItem().getFile() != null) {
                file = data.getFileItem().getFile();
            } else {
                received = Files.createTempFile("panelflow-upload", ".bin");
                if (data.isFileItem()) {
                    data.getFileItem().write(received);
                } else {
                    Files.writeString(received, data.getValue(), StandardCharsets.UTF_8);
                }
                file = received;
            }
            String runId = acceptWithinHeap(UploadedFile.of(file, fileName), specText);
            return Response.accepted(Map.of("runId", runId, "status", "ACCEPTED"))
                    .header("Location", "/api/runs/" + runId).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (received != null) {
                try {
                    Files.deleteIfExists(received);
                } catch (IOException ignored) {
                    // a temporary file
                }
            }
        }
    }

    /** The spec's text, at most {@code panelflow.upload.max-spec-bytes} (default 1 MiB). */
    private String specText(FormValue spec) {
        try {
            long size = spec.isFileItem() ? spec.getFileItem().getFileSize()
                    : spec.getValue().getBytes(StandardCharsets.UTF_8).length;
            if (size > maxSpecBytes) {
                throw UploadProblem.tooLarge("Spec too large", "the spec has " + size + " bytes; the limit is "
                        + maxSpecBytes + " (panelflow.upload.max-spec-bytes)");
            }
            if (!spec.isFileItem()) {
                return spec.getValue();
            }
            if (spec.getFileItem().isInMemory() || spec.getFileItem().getFile() == null) {
                java.nio.file.Path copy = Files.createTempFile("panelflow-spec", ".txt");
                try {
                    spec.getFileItem().write(copy);
                    return Files.readString(copy, StandardCharsets.UTF_8);
                } finally {
                    Files.deleteIfExists(copy);
                }
            }
            return Files.readString(spec.getFileItem().getFile(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FormValue single(Map<String, Collection<FormValue>> parts, String name) {
        Collection<FormValue> values = parts.get(name);
        if (values == null || values.isEmpty()) {
            throw UploadProblem.of("Missing part", "the multipart request has no '" + name
                    + "' part; send data (CSV, XLSX or Stata .dta) and spec (YAML or JSON)");
        }
        if (values.size() > 1) {
            throw UploadProblem.of("Repeated part", "the multipart request has " + values.size() + " '" + name + "' parts; send one");
        }
        return values.iterator().next();
    }

    static Response problem(Problem p) {
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
    }

    /**
     * Accepts the upload; a panel that does not fit in this service's heap is refused as too large (413,
     * naming the heap and the limits to lower) instead of failing as an internal error. The allocation that
     * failed belongs to this request alone: its arrays are garbage once the call unwinds, and nothing was
     * stored (the store's transaction rolls back).
     */
    String acceptWithinHeap(UploadedFile file, String specText) {
        try {
            return intake.accept(file, specText);
        } catch (OutOfMemoryError e) {
            long heapMiB = Runtime.getRuntime().maxMemory() / (1024 * 1024);
            LOG.warnf("an upload of %d bytes did not fit in the heap (%d MiB)", file.size(), heapMiB);
            throw UploadProblem.tooLarge("Panel too large for this service",
                    "reading and storing this file (" + file.size() + " bytes) needs more memory than the ingest "
                            + "service's heap of " + heapMiB + " MiB; split the file, or have the operator raise the "
                            + "heap (about 2 GiB per 5 million rows of 10 columns) or lower panelflow.limits.rows and "
                            + "panelflow.limits.cells to what the heap holds");
        }
    }
}
