package io.shape.adapters.tracking.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shape.adapters.tracking.SampleRuns;
import io.shape.domain.run.RunEvent;
import io.shape.domain.run.RunId;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against a real KRaft broker: ordering, keys, and no loss / no duplicates across a broker outage. */
class KafkaRunEventsIntegrationTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration DELIVERY = Duration.ofSeconds(3);

    @TempDir
    static Path work;
    static KafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.start(work.resolve("broker"));
    }

    @AfterAll
    static void stopBroker() throws InterruptedException {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void eventsOfARunArriveInOrderKeyedByRunId(@TempDir Path spool) {
        String topic = "shape-runs-" + UUID.randomUUID();
        RunId first = SampleRuns.runId(1);
        RunId second = SampleRuns.runId(2);
        List<RunEvent> a = SampleRuns.events(first);
        List<RunEvent> b = SampleRuns.events(second);
        try (KafkaRunEvents events = new KafkaRunEvents(config(topic, spool))) {
            for (int i = 0; i < a.size(); i++) {
                events.publish(a.get(i));
                events.publish(b.get(i));
            }
            events.flush();
            assertEquals("delivered", events.status());
        }

        List<ConsumerRecord<String, String>> records = consume(topic, 10);
        assertEquals(10, records.size());
        assertRunInOrder(records, first, a);
        assertRunInOrder(records, second, b);
        JsonNode started = json(records.get(0));
        assertEquals(1, started.get("schema_version").asInt());
        assertEquals("run_started", started.get("type").asText());
        assertEquals(started.get("run_id").asText(), records.get(0).key());
    }

    @Test
    void brokerOutageSpoolsEventsAndFlushDeliversThemInOrderOnce(@TempDir Path spool) throws Exception {
        String topic = "shape-runs-" + UUID.randomUUID();
        RunId run = SampleRuns.runId(3);
        List<RunEvent> events = SampleRuns.events(run);
        KafkaRunEvents publisher = new KafkaRunEvents(config(topic, spool));
        try {
            publisher.publish(events.get(0));
            publisher.publish(events.get(1));
            publisher.flush();
            assertEquals("delivered", publisher.status());

            broker.stop();
            for (RunEvent event : events.subList(2, events.size())) {
                publisher.publish(event); // never throws: the run goes on
            }
            publisher.flush();
            assertEquals("spooled 3 events to " + spool.resolve("events.jsonl").toAbsolutePath(),
                    publisher.status());

            broker.restart();
            assertEquals(0, publisher.flushSpool());
            assertEquals("delivered", publisher.status());
        } finally {
            publisher.close();
        }

        List<ConsumerRecord<String, String>> records = consume(topic, 5);
        assertEquals(5, records.size(), "each event exactly once");
        assertRunInOrder(records, run, events);
    }

    @Test
    void nextRunDeliversWhatAnEarlierProcessSpooled(@TempDir Path spool) throws Exception {
        String topic = "shape-runs-" + UUID.randomUUID();
        RunId earlier = SampleRuns.runId(4);
        RunId next = SampleRuns.runId(5);
        List<RunEvent> earlierEvents = SampleRuns.events(earlier);
        // An earlier process could not reach Kafka: its events are in the spool.
        EventSpool files = new EventSpool(spool);
        var json = new io.shape.adapters.tracking.events.RunEventJson();
        for (RunEvent event : earlierEvents) {
            files.append(new SpooledEvent(event.eventId(), earlier.value(), json.encode(event)));
        }

        List<RunEvent> nextEvents = SampleRuns.events(next);
        try (KafkaRunEvents publisher = new KafkaRunEvents(config(topic, spool))) {
            assertTrue(publisher.status().startsWith("spooled 5 events"), publisher.status());
            nextEvents.forEach(publisher::publish);
            publisher.flush();
            assertEquals("delivered", publisher.status());
        }

        List<ConsumerRecord<String, String>> records = consume(topic, 10);
        assertEquals(10, records.size());
        List<String> order = records.stream().map(r -> json(r).get("event_id").asText()).toList();
        List<String> expected = new ArrayList<>();
        earlierEvents.forEach(e -> expected.add(e.eventId()));
        nextEvents.forEach(e -> expected.add(e.eventId()));
        assertEquals(expected, order, "spooled events first, then the new run's");
    }

    private static KafkaEventsConfig config(String topic, Path spool) {
        return new KafkaEventsConfig(broker.bootstrapServers(), topic, spool, DELIVERY, Map.of());
    }

    private static void assertRunInOrder(List<ConsumerRecord<String, String>> records, RunId run,
                                         List<RunEvent> events) {
        List<String> ids = new ArrayList<>();
        List<Long> sequences = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            JsonNode value = json(record);
            if (value.get("run_id").asText().equals(run.value())) {
                assertEquals(run.value(), record.key());
                ids.add(value.get("event_id").asText());
                sequences.add(value.get("sequence").asLong());
            }
        }
        assertEquals(events.stream().map(RunEvent::eventId).toList(), ids);
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), sequences);
        Set<String> unique = new HashSet<>(ids);
        assertEquals(ids.size(), unique.size(), "no duplicates");
    }

    /** Reads the topic from the start until {@code expected} records came, then a little longer for extras. */
    private static List<ConsumerRecord<String, String>> consume(String topic, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            long extraUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, extraUntil)) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                if (records.size() >= expected && extraUntil == Long.MAX_VALUE) {
                    extraUntil = System.nanoTime() + Duration.ofSeconds(1).toNanos();
                }
            }
        }
        return records;
    }

    private static JsonNode json(ConsumerRecord<String, String> record) {
        try {
            return MAPPER.readTree(record.value());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + record.value(), e);
        }
    }
}
