package io.panelflow.ingest.rest;

import io.panelflow.ingest.persistence.DatabaseOutage;
import io.panelflow.service.Problem;
import io.panelflow.service.UnexpectedErrorMapper;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A database that cannot be reached, wherever it surfaces in the REST layer (storing an upload,
 * the claim-check store, reading an upload back), is a {@code 503} problem body with
 * {@code Retry-After}: the client learns that nothing was stored (or, reading, that the upload cannot
 * be read now) and that retrying later is the
 * remedy — no stack trace, no exception names. Any other failure keeps the answer of
 * {@link UnexpectedErrorMapper} (a 500 with an incident id).
 */
public class DatabaseUnavailableMapper {
    private static final Logger LOG = Logger.getLogger(DatabaseUnavailableMapper.class);

    @ConfigProperty(name = "panelflow.database-unavailable.retry-after-seconds", defaultValue = "10")
    int retryAfterSeconds;

    @ServerExceptionMapper
    public Response map(RuntimeException e, Request request) {
        if (!DatabaseOutage.isOutage(e)) {
            return new UnexpectedErrorMapper().toResponse(e);
        }
        LOG.warnf("database unavailable, answered 503: %s", rootMessage(e));
        return Response.status(503).type(Problem.MEDIA_TYPE)
                .header("Retry-After", Integer.toString(retryAfterSeconds))
                .entity(unavailable(retryAfterSeconds, "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())))
                .build();
    }

    static Problem unavailable(int retryAfterSeconds, boolean read) {
        String what = read ? "the database is unavailable, so the stored upload cannot be read now; "
                : "the database is unavailable, so the request could not be completed and no upload was stored; ";
        return new Problem("https://panelflow.io/problems/database-unavailable", "Database unavailable", 503,
                what + "retry in " + retryAfterSeconds + " seconds", null, null, null, null);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
