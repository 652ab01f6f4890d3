package io.panelflow.report.rest;

import io.panelflow.service.Roles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the dashboard page needs to know: how to sign in (public: no data in it) and, once signed
 * in, where uploads go.
 */
@Path("/api/dashboard")
@Produces(MediaType.APPLICATION_JSON)
public class DashboardConfigResource {
    @ConfigProperty(name = "panelflow.ingest.url")
    String ingestUrl;

    @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "false")
    boolean oidc;

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    Optional<String> authServerUrl;

    /** The token endpoint the dashboard signs in at with OIDC (default: Keycloak's, under the issuer). */
    @ConfigProperty(name = "panelflow.dashboard.token-url")
    Optional<String> tokenUrl;

    /** The identity provider's public client of the dashboard (direct access grants enabled). */
    @ConfigProperty(name = "panelflow.dashboard.client-id", defaultValue = "panelflow-dashboard")
    String dashboardClientId;

    @GET
    @Path("/config")
    @RolesAllowed({Roles.VIEWER, Roles.SUBMITTER})
    public Map<String, String> config() {
        return Map.of("ingestUrl", ingestUrl);
    }

    /** {@code {"mode": "basic"}} or {@code {"mode": "oidc", "tokenUrl", "clientId"}}. */
    @GET
    @Path("/sign-in")
    @PermitAll
    public Map<String, String> signIn() {
        Map<String, String> out = new LinkedHashMap<>();
        if (oidc && authServerUrl.isPresent()) {
            String issuer = authServerUrl.get().replaceAll("/+$", "");
            out.put("mode", "oidc");
            out.put("tokenUrl", tokenUrl.orElse(issuer + "/protocol/openid-connect/token"));
            out.put("clientId", dashboardClientId);
        } else {
            out.put("mode", "basic");
        }
        return out;
    }
}
