package io.panelflow.report.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;

/** What the dashboard page needs to know: where uploads go. */
@Path("/api/dashboard/config")
public class DashboardConfigResource {
    @ConfigProperty(name = "panelflow.ingest.url")
    String ingestUrl;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> config() {
        return Map.of("ingestUrl", ingestUrl);
    }
}
