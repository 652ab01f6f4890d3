package io.panelflow.report.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.panelflow.model.RunStatus;
import io.panelflow.report.assembly.BundleSpool;
import io.panelflow.report.assembly.IngestUploads;
import io.panelflow.report.assembly.ReproducibilityBundle;
import io.panelflow.report.assembly.RunBroadcaster;
import io.panelflow.report.assembly.RunLedger;
import io.panelflow.report.assembly.RunSummary;
import io.panelflow.report.document.Format;
import io.panelflow.model.panel.PanelTable;
import io.panelflow.model.result.StudyResults;
import io.panelflow.model.spec.StudySpec;
import io.panelflow.report.persistence.EstimationPanels;
import io.panelflow.report.persistence.ReportDocument;
import io.panelflow.report.persistence.ReportRun;
import io.panelflow.service.EventJson;
import io.panelflow.service.Problem;
import io.panelflow.service.Roles;
import io.quarkus.panache.common.Page;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The runs as the report service knows them: list, status, indices, results, documents, live stream. */
/** Every call needs a signed-in viewer or submitter. */
@Path("/api/runs")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.SUBMITTER})
public class RunsResource {
    @Inject
    EstimationPanels estimationPanels;

    @Inject
    RunLedger ledger;

    @Inject
    RunBroadcaster broadcaster;

    @Inject
    IngestUploads uploads;

    @ConfigProperty(name = "panelflow.version", defaultValue = "0.1.0")
    String version;

    @GET
    @Blocking
    @Transactional
    @Operation(summary = "The runs, newest first, paged")
    public Map<String, Object> list(@QueryParam("page") @DefaultValue("0") int page,
                                    @QueryParam("size") @DefaultValue("20") int size) {
        if (page < 0 || size < 1 || size > 200) {
            throw new BadRequest("page must be >= 0 and size between 1 and 200");
        }
        var query = ReportRun.<ReportRun>findAll(Sort.descending("createdAt")).page(Page.of(page, size));
        List<RunSummary> items = query.list().stream().map(r -> ledger.summary(r.runId)).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total", query.count());
        out.put("page", page);
        out.put("size", size);
        out.put("items", items);
        return out;
    }

    @GET
    @Path("/{runId}")
    @Blocking
    @Operation(summary = "A run's status and stages")
    public RunSummary get(@PathParam("runId") String runId) {
        RunSummary s = ledger.summary(runId);
        if (s == null) {
            throw new NotFound(runId);
        }
        return s;
    }

    @GET
    @Path("/{runId}/indices")
    @Blocking
    @Transactional
    @Operation(summary = "Every composite and balance index of a run")
    public Map<String, Object> indices(@PathParam("runId") String runId) {
        ReportRun run = find(runId);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("indices", run.indicesJson == null ? List.of() : EventJson.read(run.indicesJson, JsonNode.class));
        out.put("balance", run.balanceJson == null ? List.of() : EventJson.read(run.balanceJson, JsonNode.class));
        return out;
    }

    @GET
    @Path("/{runId}/results")
    @Blocking
    @Transactional
    @Operation(summary = "All estimation results of a run")
    public JsonNode results(@PathParam("runId") String runId) {
        return storedJson(runId, "results", run -> run.resultsJson);
    }

    @GET
    @Path("/{runId}/report")
    @Produces(MediaType.WILDCARD)
    @Blocking
    @Transactional
    @Operation(summary = "The report: format=html|md|tex|docx|csv|json")
    @APIResponse(responseCode = "200", description = "the document")
    @APIResponse(responseCode = "400", description = "unknown format")
    @APIResponse(responseCode = "404", description = "unknown run")
    @APIResponse(responseCode = "409", description = "not built yet, or never: the run failed (the reason is in the body)")
    public Response report(@PathParam("runId") String runId, @QueryParam("format") @DefaultValue("html") String format) {
        if (Arrays.stream(Format.values()).noneMatch(f -> f.extension().equals(format))) {
            throw new BadRequest("unknown format '" + format + "'; use "
                    + Arrays.stream(Format.values()).map(Format::extension).collect(Collectors.joining(", ")));
        }
        ReportRun run = find(runId);
        ReportDocument doc = ReportDocument.findById(new ReportDocument.Key(runId, format));
        if (doc == null) {
            if (RunStatus.FAILED.name().equals(run.status)) {
                throw new RunFailed(runId, run.error);
            }
            throw new NotReady(runId, "report");
        }
        return Response.ok(doc.content, doc.mediaType)
                .header("Content-Disposition", "inline; filename=\"panelflow-" + runId + "." + format + "\"").build();
    }

    @GET
    @Path("/{runId}/provenance")
    @Blocking
    @Transactional
    @Operation(summary = "Where a run's data came from: file name, size, SHA-256 of the data and the spec")
    public JsonNode provenance(@PathParam("runId") String runId) {
        return storedJson(runId, "provenance", run -> run.provenanceJson);
    }

    @GET
    @Path("/{runId}/bundle")
    @Produces({"application/zip", Problem.MEDIA_TYPE})
    @Blocking
    @Operation(summary = "The reproducibility bundle: uploaded data and spec, results, indices, every document, README")
    @APIResponse(responseCode = "200", description = "a zip (README.txt says how to repeat the run)")
    @APIResponse(responseCode = "404", description = "unknown run")
    @APIResponse(responseCode = "409", description = "the run is still going")
    @APIResponse(responseCode = "502", description = "the upload could not be read from the ingest service")
    public Response bundle(@PathParam("runId") String runId, @HeaderParam("Authorization") String authorization) {
        ReproducibilityBundle.Contents stored = QuarkusTransaction.requiringNew().call(() -> storedContents(runId));
        if (stored == null) {
            throw new NotFound(runId);
        }
        if (!"COMPLETED".equals(stored.status()) && !"FAILED".equals(stored.status())) {
            throw new NotReady(runId, "bundle");
        }
        // every part on disk first (a failure here is a problem answer, not half a zip), then the zip streamed
        BundleSpool spool = BundleSpool.create();
        ReproducibilityBundle.Spooled bundle;
        try {
            IngestUploads.Upload upload = uploads.fetch(runId, authorization, spool);
            bundle = ReproducibilityBundle.spool(new ReproducibilityBundle.Contents(stored.runId(), stored.studyName(),
                    stored.status(), stored.error(), version, upload, stored.resultsJson(), stored.indicesJson(),
                    stored.provenanceJson(), stored.documents(), stored.replication()), spool);
        } catch (IOException e) {
            spool.close();
            throw new UncheckedIOException("the bundle could not be written to temporary files: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            spool.close();
            throw e;
        }
        StreamingOutput zip = out -> {
            try (spool) {
                bundle.writeZip(out);
            }
        };
        return Response.ok(zip, "application/zip")
                .header("Content-Disposition", "attachment; filename=\"panelflow-" + runId + "-bundle.zip\"").build();
    }

    /** What the report service holds of a finished run (everything but the upload), or null for an unknown run. */
    ReproducibilityBundle.Contents storedContents(String runId) {
        ReportRun run = ReportRun.findById(runId);
        if (run == null) {
            return null;
        }
        String results = run.resultsJson == null ? null : pretty(EventJson.read(run.resultsJson, JsonNode.class));
        Map<String, Object> indices = new LinkedHashMap<>();
        indices.put("indices", run.indicesJson == null ? List.of() : EventJson.read(run.indicesJson, JsonNode.class));
        indices.put("balance", run.balanceJson == null ? List.of() : EventJson.read(run.balanceJson, JsonNode.class));
        String provenance = run.provenanceJson == null ? null : pretty(EventJson.read(run.provenanceJson, JsonNode.class));
        Map<String, byte[]> documents = new LinkedHashMap<>();
        ReportDocument.<ReportDocument>list("runId", runId).stream()
                .sorted(java.util.Comparator.comparing((ReportDocument d) -> d.format))
                .forEach(d -> documents.put("panelflow-" + runId + "." + d.format, d.content));
        String name = ledger.summary(runId).name();
        Optional<PanelTable> panel = run.resultsJson == null || run.specJson == null ? Optional.empty()
                : estimationPanels.find(runId);
        ReproducibilityBundle.Replication replication = panel.isEmpty() ? null
                : new ReproducibilityBundle.Replication(panel.get(),
                EventJson.read(run.specJson, StudySpec.class), EventJson.read(run.resultsJson, StudyResults.class));
        return new ReproducibilityBundle.Contents(runId, name, run.status, run.error, version, null, results,
                run.indicesJson == null && run.balanceJson == null ? null : pretty(indices), provenance, documents,
                replication);
    }

    private static String pretty(Object json) {
        try {
            return EventJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Live changes of every run, as server-sent events; each event's id is the change's id, "
            + "and a reconnect with Last-Event-ID (or ?lastEventId=) first replays the changes missed")
    public Multi<OutboundSseEvent> stream(@HeaderParam("Last-Event-ID") String lastEventIdHeader,
                                          @QueryParam("lastEventId") String lastEventIdParam, @Context Sse sse) {
        Long lastEventId = eventId(lastEventIdHeader != null && !lastEventIdHeader.isBlank() ? lastEventIdHeader : lastEventIdParam);
        return broadcaster.stream(lastEventId).map(change -> sse.newEventBuilder()
                .id(Long.toString(change.id()))
                .mediaType(MediaType.TEXT_PLAIN_TYPE)
                .data(String.class, change.summaryJson())
                .build());
    }

    private static Long eventId(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Math.max(0, Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            throw new BadRequest("Last-Event-ID must be a change id (a whole number), not '" + value + "'");
        }
    }

    /**
     * A JSON part of a known run as stored ({@code column} picks it), or 409 naming the {@code part} while the
     * stage that delivers it has not yet reported.
     */
    private static JsonNode storedJson(String runId, String part, Function<ReportRun, String> column) {
        String json = column.apply(find(runId));
        if (json == null) {
            throw new NotReady(runId, part);
        }
        return EventJson.read(json, JsonNode.class);
    }

    private static ReportRun find(String runId) {
        ReportRun run = ReportRun.findById(runId);
        if (run == null) {
            throw new NotFound(runId);
        }
        return run;
    }

    static final class NotFound extends RuntimeException {
        NotFound(String runId) {
            super("no run '" + runId + "'");
        }
    }

    static final class NotReady extends RuntimeException {
        NotReady(String runId, String what) {
            super("the " + what + " of run '" + runId + "' is not ready yet");
        }
    }

    static final class RunFailed extends RuntimeException {
        RunFailed(String runId, String error) {
            super("run '" + runId + "' failed, so its report will not be built: " + (error == null ? "no reason given" : error));
        }
    }

    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }

    static Response problem(int status, String title, String detail) {
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(Problem.of(status, title, detail)).build();
    }
}
