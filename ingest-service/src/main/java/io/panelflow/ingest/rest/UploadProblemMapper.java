package io.panelflow.ingest.rest;

import io.panelflow.frame.expr.ExpressionException;
import io.panelflow.ingest.upload.UploadProblem;
import io.panelflow.model.spec.SpecException;
import io.panelflow.model.spec.SpecLimitException;
import io.panelflow.service.Problem;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Bad uploads, specs and expressions become problem bodies; nothing was stored or published for them. */
public class UploadProblemMapper {

    @ServerExceptionMapper
    public Response upload(UploadProblem e) {
        String type = e.status() == 413 ? "https://panelflow.io/problems/upload-too-large" : "https://panelflow.io/problems/bad-upload";
        return RunUploadResource.problem(new Problem(type, e.title(), e.status(),
                e.detail(), e.row(), e.column(), e.value(), null));
    }

    @ServerExceptionMapper
    public Response specLimit(SpecLimitException e) {
        return RunUploadResource.problem(new Problem("https://panelflow.io/problems/spec-limit", "Spec over a limit", 400,
                e.getMessage(), null, null, e.value(), e.path()));
    }

    @ServerExceptionMapper
    public Response spec(SpecException e) {
        return RunUploadResource.problem(new Problem("https://panelflow.io/problems/bad-spec", "Invalid study spec", 400,
                e.getMessage() + " (at " + e.path() + ")", null, null, null, e.path()));
    }

    @ServerExceptionMapper
    public Response expression(ExpressionException e) {
        return RunUploadResource.problem(new Problem("https://panelflow.io/problems/bad-expression", "Invalid expression", 400,
                e.getMessage(), null, null, e.token(), null));
    }
}
