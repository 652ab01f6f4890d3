package io.panelflow.service;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Refused access as problem bodies: 401 (no or wrong credentials) with the authentication
 * challenge of the configured mechanisms ({@code WWW-Authenticate: Basic} locally, {@code Bearer}
 * with OIDC), 403 when the signed-in user's roles do not allow the call.
 *
 * <p>A request carrying {@code X-Requested-With} (the dashboard's) gets no {@code WWW-Authenticate}
 * header, so a browser does not pop up its own sign-in dialog over the dashboard's form.
 */
public class AccessProblemMapper {
    static final String SIGN_IN = "sign in: HTTP Basic with a panelflow user, or a bearer token of the identity provider";

    @ServerExceptionMapper
    public Uni<Response> unauthorized(RoutingContext context, UnauthorizedException e) {
        return challenge(context, "this call needs a signed-in user; " + SIGN_IN);
    }

    @ServerExceptionMapper
    public Uni<Response> authenticationFailed(RoutingContext context, AuthenticationFailedException e) {
        return challenge(context, "the credentials were not accepted (unknown user, wrong password or an invalid or expired token); "
                + SIGN_IN);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Response.status(403).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(403, "Forbidden", "the signed-in user may not do this: uploads need the role '"
                        + Roles.SUBMITTER + "', reading needs '" + Roles.VIEWER + "' or '" + Roles.SUBMITTER + "'"))
                .build();
    }

    private static Uni<Response> challenge(RoutingContext context, String detail) {
        Problem problem = Problem.of(401, "Unauthorized", detail);
        HttpAuthenticator authenticator = context == null ? null : context.get(HttpAuthenticator.class.getName());
        if (authenticator == null || context.request().getHeader("X-Requested-With") != null) {
            return Uni.createFrom().item(response(problem, null));
        }
        return authenticator.getChallenge(context)
                .map(challenge -> response(problem, challenge))
                .onFailure().recoverWithItem(() -> response(problem, null));
    }

    private static Response response(Problem problem, ChallengeData challenge) {
        Response.ResponseBuilder r = Response.status(401).type(Problem.MEDIA_TYPE).entity(problem);
        if (challenge != null) {
            challenge.getHeaders().forEach((name, value) -> r.header(name.toString(), value));
        }
        return r.build();
    }
}
