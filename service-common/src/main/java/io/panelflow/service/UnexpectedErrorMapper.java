package io.panelflow.service;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

import java.util.UUID;

/**
 * The last line of defence of every service's REST API: an unexpected error is logged with an
 * incident id and answered with a problem body carrying that id — never a stack trace.
 */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Exception> {
    private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class);

    @Override
    public Response toResponse(Exception e) {
        if (e instanceof WebApplicationException w) {
            Response r = w.getResponse();
            return Response.status(r.getStatus()).type(Problem.MEDIA_TYPE)
                    .entity(Problem.of(r.getStatus(), r.getStatusInfo().getReasonPhrase(), e.getMessage())).build();
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "incident %s", incident);
        return Response.status(500).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(500, "Internal error", "an unexpected error occurred (incident " + incident + ")"))
                .build();
    }
}
