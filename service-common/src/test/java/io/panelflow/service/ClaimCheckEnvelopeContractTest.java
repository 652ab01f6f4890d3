package io.panelflow.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.panelflow.model.event.ClaimCheck;
import io.panelflow.model.panel.PanelColumn;
import io.panelflow.model.panel.PanelTable;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The claim-check envelope the codec writes for a payload over the threshold is the {@code ClaimCheckEnvelope}
 * of deploy/asyncapi.yaml, and a message's payload schema accepts it in place of the event (the demo run's
 * records, checked by the system test TopicContractTest, are all under the threshold); a panel may be inline or
 * a reference to its Arrow stream in the claim-check store.
 */
class ClaimCheckEnvelopeContractTest {

    static JsonNode document() throws IOException {
        Path file = Path.of("").toAbsolutePath().getParent().resolve("deploy/asyncapi.yaml");
        return new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    }

    static JsonSchema schema(JsonNode doc, String pointer) {
        ObjectNode root = doc.deepCopy();
        root.put("$ref", pointer);
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(root);
    }

    @Test
    void aPanelIsInlineOrAnArrowReference() throws IOException {
        JsonNode doc = document();
        JsonSchema schema = schema(doc, "#/components/schemas/PanelTable");
        PanelTable inline = new PanelTable("province", "year", null, List.of(
                new PanelColumn("province", PanelColumn.ColumnKind.TEXT, null, new String[] {"A", null})));
        assertEquals(List.of(), List.copyOf(schema.validate(EventJson.MAPPER.valueToTree(inline))));
        JsonNode arrow = EventJson.MAPPER.readTree("{\"arrow\": {\"store\": \"postgres:claimcheck.payload\","
                + " \"id\": \"3f1c8e2a-0000-4000-8000-000000000001\", \"sha256\": \"ab\", \"bytes\": 1024}}");
        assertEquals(List.of(), List.copyOf(schema.validate(arrow)));
        assertTrue(!schema.validate(EventJson.MAPPER.readTree("{\"arrow\": {\"id\": \"x\"}}")).isEmpty(),
                "an Arrow reference without its store, hash and size is refused");
    }

    @Test
    void theEnvelopeOfALargePayloadIsTheDocumentedOne() throws IOException {
        // the record value EventCodec writes for a payload over the threshold (its store is left out: any store)
        String runId = "9b2f7a5e-1111-4222-8333-444455556666";
        ClaimCheck check = new ClaimCheck("postgres:claimcheck.payload", "3f1c8e2a-0000-4000-8000-000000000001",
                "5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef", 300_000);
        JsonNode record = EventJson.MAPPER.readTree(EventJson.text(new EventCodec.ClaimCheckEnvelope(runId, check)));
        assertTrue(record.has("claimCheck"), record.toString());

        JsonNode doc = document();
        assertEquals(List.of(), List.copyOf(schema(doc, "#/components/schemas/ClaimCheckEnvelope").validate(record)));
        assertEquals(List.of(), List.copyOf(schema(doc, "#/components/messages/EstimatesCompleted/payload").validate(record)),
                "estimates-completed may carry the envelope");
        assertTrue(!schema(doc, "#/components/schemas/ClaimCheckEnvelope")
                .validate(EventJson.MAPPER.readTree("{\"runId\":\"r\"}")).isEmpty(), "an envelope without its claim check is refused");
    }
}
