package io.panelflow.report.rest;

import io.panelflow.report.assembly.IngestUploads;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** 404 for unknown runs, 409 for what is not ready yet or never will be (a failed run), 400 for bad parameters, 502 when the ingest service cannot give a run's upload — as problem bodies. */
public class RunProblemMapper {
    @ServerExceptionMapper
    public Response notFound(RunsResource.NotFound e) {
        return RunsResource.problem(404, "Run not found", e.getMessage());
    }

    @ServerExceptionMapper
    public Response notReady(RunsResource.NotReady e) {
        return RunsResource.problem(409, "Not ready", e.getMessage());
    }

    @ServerExceptionMapper
    public Response runFailed(RunsResource.RunFailed e) {
        return RunsResource.problem(409, "Run failed", e.getMessage());
    }

    @ServerExceptionMapper
    public Response uploadUnavailable(IngestUploads.UploadUnavailable e) {
        return RunsResource.problem(502, "Upload not available", e.getMessage());
    }

    @ServerExceptionMapper
    public Response badRequest(RunsResource.BadRequest e) {
        return RunsResource.problem(400, "Bad request", e.getMessage());
    }
}
