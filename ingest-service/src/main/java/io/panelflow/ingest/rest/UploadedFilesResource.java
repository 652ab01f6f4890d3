package io.panelflow.ingest.rest;

import io.panelflow.ingest.persistence.RawUploadStore;
import io.panelflow.ingest.persistence.UploadedRun;
import jakarta.inject.Inject;
import io.panelflow.service.Problem;
import io.panelflow.service.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A run's upload exactly as it was received: the data file (original bytes and name) and the study
 * spec (original text). The report service reads them for the run's reproducibility bundle. The data file is
 * streamed from its stored chunks, one chunk in memory at a time.
 */
@Path("/api/runs/{runId}/upload")
@RolesAllowed({Roles.VIEWER, Roles.SUBMITTER})
public class UploadedFilesResource {
    @Inject
    RawUploadStore rawUploads;

    @GET
    @Path("/data")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "The uploaded data file of a run, byte for byte, under its original name")
    @APIResponse(responseCode = "200", description = "the file; its name in Content-Disposition, its SHA-256 in X-Panelflow-Sha256")
    @APIResponse(responseCode = "404", description = "no such run: a problem body")
    public Response data(@PathParam("runId") String runId) {
        UploadedRun run = UploadedRun.findById(runId);
        if (run == null) {
            return notFound(runId);
        }
        Object body = run.rawData != null ? run.rawData
                : (StreamingOutput) out -> rawUploads.writeTo(runId, out);
        return Response.ok(body, dataMediaType(run.fileName))
                .header("Content-Disposition", contentDisposition(run.fileName))
                .header("X-Panelflow-Sha256", run.dataSha256)
                .build();
    }

    @GET
    @Path("/spec")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "The uploaded study spec of a run, as its original text")
    @APIResponse(responseCode = "200", description = "the spec text (YAML or JSON)")
    @APIResponse(responseCode = "404", description = "no such run: a problem body")
    public Response spec(@PathParam("runId") String runId) {
        UploadedRun run = UploadedRun.findById(runId);
        if (run == null) {
            return notFound(runId);
        }
        boolean json = run.specText.stripLeading().startsWith("{");
        String name = json ? "spec.json" : "spec.yaml";
        return Response.ok(run.specText.getBytes(StandardCharsets.UTF_8),
                        (json ? "application/json" : "application/yaml") + "; charset=utf-8")
                .header("Content-Disposition", contentDisposition(name))
                .build();
    }

    static String dataMediaType(String fileName) {
        String n = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (n.endsWith(".csv")) {
            return "text/csv";
        }
        if (n.endsWith(".xlsx")) {
            return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        }
        if (n.endsWith(".dta")) {
            return "application/x-stata-dta";
        }
        return MediaType.APPLICATION_OCTET_STREAM;
    }

    /** {@code attachment; filename="ascii"; filename*=UTF-8''percent-encoded} (RFC 6266), so any name survives. */
    static String contentDisposition(String fileName) {
        String ascii = fileName.replaceAll("[^\\x20-\\x7e]|[\"\\\\]", "_");
        String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }

    private static Response notFound(String runId) {
        return RunUploadResource.problem(Problem.of(404, "Run not found", "no uploaded run '" + runId + "'"));
    }
}
