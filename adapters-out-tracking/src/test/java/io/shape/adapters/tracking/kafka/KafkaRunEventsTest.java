package io.shape.adapters.tracking.kafka;

import io.shape.adapters.tracking.SampleRuns;
import io.shape.domain.run.RunEvent;
import io.shape.domain.run.RunId;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KafkaRunEventsTest {
    @Test
    void aFailedEventAndEverythingAfterItGoToTheSpoolThenFlushDeliversInOrder(@TempDir Path spool) {
        MockProducer<String, String> producer = new MockProducer<>(false, null, new StringSerializer(),
                new StringSerializer());
        KafkaEventsConfig config = KafkaEventsConfig.of("127.0.0.1:1", "runs", spool);
        KafkaRunEvents events = new KafkaRunEvents(config, producer);
        RunId id = SampleRuns.runId(1);
        List<RunEvent> run = SampleRuns.events(id);

        events.publish(run.get(0));
        producer.completeNext();
        events.publish(run.get(1));
        producer.errorNext(new TimeoutException("expired"));
        events.publish(run.get(2));
        events.publish(run.get(3));
        events.publish(run.get(4));
        events.flush();
        assertEquals(2, producer.history().size(), "nothing sent after the failure");
        assertEquals("spooled 4 events to " + spool.resolve("events.jsonl").toAbsolutePath(), events.status());

        producer.close();
        MockProducer<String, String> healthy = new MockProducer<>(true, null, new StringSerializer(),
                new StringSerializer());
        KafkaRunEvents next = new KafkaRunEvents(config, healthy);
        assertEquals(0, next.flushSpool());
        List<ProducerRecord<String, String>> sent = healthy.history();
        assertEquals(run.subList(1, 5).stream().map(RunEvent::eventId).toList(),
                sent.stream().map(r -> r.value().replaceAll(".*\"event_id\":\"([^\"]+)\".*", "$1")).toList());
        sent.forEach(r -> assertEquals(id.value(), r.key()));
        assertEquals("delivered", next.status());
    }

    /**
     * A real producer against a closed port: its one send waits for the broker's metadata up to
     * {@code max.block.ms} (the delivery timeout, see below) and fails; every later event goes straight to
     * the spool, so the outage costs that one wait, not one per event.
     */
    @Test
    void unreachableBrokerNeverFailsTheRunAndCostsAtMostOneTimeout(@TempDir Path spool) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        KafkaEventsConfig config = new KafkaEventsConfig("127.0.0.1:" + closedPort, "runs", spool,
                Duration.ofSeconds(1), Map.of());
        AtomicInteger sends = new AtomicInteger();
        Producer<String, String> producer = new KafkaProducer<>(KafkaRunEvents.producerProperties(config),
                new StringSerializer(), new StringSerializer()) {
            @Override
            public Future<RecordMetadata> send(ProducerRecord<String, String> record, Callback callback) {
                sends.incrementAndGet();
                return super.send(record, callback);
            }
        };
        try (KafkaRunEvents events = new KafkaRunEvents(config, producer)) {
            SampleRuns.events(SampleRuns.runId(2)).forEach(events::publish);
            events.flush();
            assertTrue(events.status().startsWith("spooled 5 events to "), events.status());
        }
        assertEquals(1, sends.get(), "events sent to the unreachable broker");
    }

    @Test
    void extraProducerPropertiesOverrideOurs(@TempDir Path spool) {
        Properties props = KafkaRunEvents.producerProperties(new KafkaEventsConfig("b:9092", "t", spool,
                Duration.ofSeconds(4), Map.of("security.protocol", "SASL_SSL", "linger.ms", "20")));
        assertEquals("SASL_SSL", props.get("security.protocol"));
        assertEquals("20", props.get("linger.ms"));
        assertEquals("all", props.get("acks"));
        assertEquals("true", props.get("enable.idempotence"));
        assertEquals("4000", props.get("delivery.timeout.ms"));
        assertEquals("4000", props.get("max.block.ms"), "a send waits for an unreachable broker that long at most");
    }
}
