package io.panelflow.report.rest;

import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** 404 for unknown runs, 409 for what is not ready yet, 400 for bad parameters — as problem bodies. */
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
    public Response badRequest(RunsResource.BadRequest e) {
        return RunsResource.problem(400, "Bad request", e.getMessage());
    }
}
