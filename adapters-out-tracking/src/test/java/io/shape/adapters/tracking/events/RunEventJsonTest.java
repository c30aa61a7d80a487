package io.shape.adapters.tracking.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shape.adapters.tracking.SampleRuns;
import io.shape.domain.run.RunEvent;
import io.shape.domain.run.RunId;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunEventJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void everyEventCarriesTheEnvelopeAndARunSequence() throws Exception {
        RunId id = SampleRuns.runId(1);
        RunEventJson json = new RunEventJson();
        List<RunEvent> events = SampleRuns.events(id);
        for (int i = 0; i < events.size(); i++) {
            JsonNode node = MAPPER.readTree(json.encode(events.get(i)));
            assertEquals(1, node.get("schema_version").asInt());
            assertEquals(events.get(i).eventId(), node.get("event_id").asText());
            assertEquals(id.value(), node.get("run_id").asText());
            assertEquals(events.get(i).at().toString(), node.get("time").asText());
            assertEquals(i, node.get("sequence").asLong());
        }
        // After the terminal event a run id starts over (ids are unique per run anyway).
        assertEquals(0, MAPPER.readTree(json.encode(events.get(0))).get("sequence").asLong());
    }

    @Test
    void typeSpecificFields() throws Exception {
        RunId id = SampleRuns.runId(2);
        RunEventJson json = new RunEventJson();
        List<RunEvent> events = SampleRuns.events(id);
        JsonNode started = MAPPER.readTree(json.encode(events.get(0)));
        assertEquals("run_started", started.get("type").asText());
        assertEquals("sklearn.svm.OneClassSVM", started.at("/inputs/model_class").asText());
        JsonNode step = MAPPER.readTree(json.encode(events.get(1)));
        assertEquals("step_fitted", step.get("type").asText());
        assertEquals("PolynomialFeatures", step.get("sklearn_class").asText());
        JsonNode progress = MAPPER.readTree(json.encode(events.get(3)));
        assertEquals(295, progress.get("rows_done").asLong());
        JsonNode done = MAPPER.readTree(json.encode(events.get(4)));
        assertEquals(31, done.at("/metrics/prediction_counts/-1").asLong());
        assertEquals(264, done.at("/metrics/prediction_counts/1").asLong());
        assertEquals("parquet", done.at("/outputs/format").asText());

        JsonNode failed = MAPPER.readTree(json.encode(new RunEvent.RunFailed("e", id, SampleRuns.T0,
                "UNAVAILABLE", "no broker", Map.of("events", "spooled 1 event"))));
        assertEquals("run_failed", failed.get("type").asText());
        assertEquals("spooled 1 event", failed.at("/services/events").asText());
    }

    @Test
    void infiniteRatesBecomeNull() throws Exception {
        JsonNode node = MAPPER.readTree(new RunEventJson().encode(new RunEvent.Progress("e", SampleRuns.runId(3),
                SampleRuns.T0, 10, Double.POSITIVE_INFINITY)));
        assertTrue(node.get("rows_per_s").isNull());
    }

    @Test
    void jsonLinesWritesOneLinePerEvent() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JsonLinesRunEvents events = JsonLinesRunEvents.to(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        SampleRuns.events(SampleRuns.runId(4)).forEach(events::publish);
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(5, lines.length);
        assertEquals("run_succeeded", MAPPER.readTree(lines[4]).get("type").asText());
        assertEquals("delivered", events.status());
    }
}
