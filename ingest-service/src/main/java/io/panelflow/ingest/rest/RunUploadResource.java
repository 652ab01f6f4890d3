package io.panelflow.ingest.rest;

import io.panelflow.ingest.intake.RunIntake;
import io.panelflow.ingest.upload.UploadProblem;
import io.panelflow.model.spec.SpecLimits;
import io.panelflow.model.spec.SpecReader;
import io.panelflow.service.Problem;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.multipart.MultipartFormDataInput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Collection;
import java.util.Map;

/** {@code POST /api/runs}: multipart {@code data} (CSV or XLSX) and {@code spec} (YAML or JSON), as file parts or fields. */
@Path("/api/runs")
public class RunUploadResource {
    @Inject
    RunIntake intake;

    @Inject
    SpecLimits limits;

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a run from a panel and a study spec")
    @APIResponse(responseCode = "202", description = "accepted: {runId, status}")
    @APIResponse(responseCode = "400", description = "bad upload, spec or data, or a spec over a cost limit: a problem body naming the row, column and value, or the spec path, value and limit at fault")
    public Response upload(MultipartFormDataInput input) {
        Map<String, Collection<FormValue>> parts = input.getValues();
        FormValue data = single(parts, "data");
        FormValue spec = single(parts, "spec");
        String fileName = data.isFileItem() && data.getFileName() != null ? data.getFileName() : "data.csv";
        String specText = new String(bytes(spec), StandardCharsets.UTF_8);
        SpecReader.read(specText, limits); // the cost limits first, before the data is read
        String runId = intake.accept(bytes(data), fileName, specText);
        return Response.accepted(Map.of("runId", runId, "status", "ACCEPTED"))
                .header("Location", "/api/runs/" + runId).build();
    }

    private static FormValue single(Map<String, Collection<FormValue>> parts, String name) {
        Collection<FormValue> values = parts.get(name);
        if (values == null || values.isEmpty()) {
            throw UploadProblem.of("Missing part", "the multipart request has no '" + name
                    + "' part; send data (CSV or XLSX) and spec (YAML or JSON)");
        }
        if (values.size() > 1) {
            throw UploadProblem.of("Repeated part", "the multipart request has " + values.size() + " '" + name + "' parts; send one");
        }
        return values.iterator().next();
    }

    private static byte[] bytes(FormValue v) {
        try {
            return v.isFileItem() ? Files.readAllBytes(v.getFileItem().getFile()) : v.getValue().getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Response problem(Problem p) {
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
    }
}
