package io.shape.adapters.persistence.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.shape.domain.ErrorKind;
import io.shape.domain.run.Run;
import io.shape.domain.run.RunError;
import io.shape.domain.run.RunId;
import io.shape.domain.run.RunInputs;
import io.shape.domain.run.RunMetrics;
import io.shape.domain.run.RunOutputs;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RunJsonTest {
    static Run sampleRun() {
        Instant t = Instant.parse("2026-11-26T06:30:00.123Z");
        RunOutputs outputs = new RunOutputs("/o", "/o/predictions", "/o/metrics.json", "/o/fitted_state.json",
                "/o/run.json", "parquet");
        RunInputs inputs = new RunInputs("/s.jsonc", "ab", "/m.pkl", "cd", "OneClassSVM", "/d.parquet", "ef", null);
        return Run.queued(RunId.create(t), "local", t, inputs, outputs).started(t.plusSeconds(1))
                .withParams(Map.of("step.q.class", "QuantileTransformer", "step.q.n_quantiles", 1000L))
                .succeeded(t.plusSeconds(2), new RunMetrics(295, List.of(295L, 3L), List.of(295L, 66L),
                        List.of("-1", "1"), Map.of("-1", 31L, "1", 264L), 1.5, 196.6, Map.of("score", 0.5)))
                .withService("tracking", "logged");
    }

    @Test
    void aRunSurvivesTheRoundTrip() {
        Run run = sampleRun();
        assertEquals(run, RunJson.fromJson(RunJson.toJson(run)));
    }

    @Test
    void aFailedRunSurvivesTheRoundTrip() {
        Run run = sampleRun().failed(Instant.parse("2026-11-26T07:00:00Z"),
                new RunError(ErrorKind.INVALID_INPUT, "no data to score"));
        assertEquals(run, RunJson.fromJson(RunJson.toJson(run)));
    }

    @Test
    void theFileUsesTheContractNames() throws Exception {
        Run run = sampleRun();
        JsonNode n = Json.MAPPER.readTree(new JsonRunDocuments().run(run));
        assertEquals(run.id().value(), n.get("run_id").asText());
        assertEquals("SUCCEEDED", n.get("status").asText());
        assertEquals(31, n.at("/metrics/prediction_counts/-1").asInt());
        assertEquals(66, n.at("/metrics/transformed_data_shape/1").asInt());
        assertEquals("cd", n.at("/inputs/model_sha256").asText());
    }
}
