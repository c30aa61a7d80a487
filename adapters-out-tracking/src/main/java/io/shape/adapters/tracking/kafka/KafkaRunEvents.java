package io.shape.adapters.tracking.kafka;

import io.shape.adapters.tracking.events.RunEventJson;
import io.shape.domain.port.RunEvents;
import io.shape.domain.run.RunEvent;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Run events to a Kafka topic, keyed by run id, as versioned JSON ({@code docs/events.md}), with an
 * idempotent {@code acks=all} producer. Never fails a run: an event Kafka does not acknowledge within the
 * delivery timeout goes to the {@link EventSpool}, and so does every later event until the spool is
 * delivered (keeping each run's events in order) — at the next run's start or on {@link #flushSpool()}.
 */
public final class KafkaRunEvents implements RunEvents, AutoCloseable {
    private final KafkaEventsConfig config;
    private final Producer<String, String> producer;
    private final EventSpool spool;
    private final RunEventJson json = new RunEventJson();
    /** Sent, not yet known to be acknowledged; in send order. */
    private final Deque<InFlight> inFlight = new ArrayDeque<>();
    /** Set once Kafka failed an event; cleared when the spool has been delivered. */
    private boolean spooling;

    public KafkaRunEvents(KafkaEventsConfig config) {
        this(config, new KafkaProducer<>(producerProperties(config), new StringSerializer(), new StringSerializer()));
    }

    KafkaRunEvents(KafkaEventsConfig config, Producer<String, String> producer) {
        this.config = config;
        this.producer = producer;
        this.spool = new EventSpool(config.spoolDirectory());
        this.spooling = spool.pendingCount() > 0;
    }

    /** Our producer settings, then the configured extra properties on top. */
    static Properties producerProperties(KafkaEventsConfig config) {
        long delivery = config.deliveryTimeout().toMillis();
        long linger = 5;
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "shape-run-events");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        props.put(ProducerConfig.LINGER_MS_CONFIG, Long.toString(linger));
        // Kafka requires delivery.timeout.ms >= linger.ms + request.timeout.ms.
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(delivery - linger));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(delivery));
        // send() blocks for metadata up to max.block.ms when the broker was never reached.
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(delivery));
        props.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        props.putAll(config.producerProperties());
        return props;
    }

    @Override
    public synchronized void publish(RunEvent event) {
        SpooledEvent message = new SpooledEvent(event.eventId(), event.runId().value(), json.encode(event));
        // A new run is the moment to deliver what earlier runs could not.
        if (event instanceof RunEvent.RunStarted && spooling) {
            flushSpool();
        }
        settle(false);
        if (spooling) {
            settle(true);
            spool.append(message);
            return;
        }
        inFlight.addLast(new InFlight(message, send(message)));
    }

    /** Waits (bounded by the delivery timeout) for what is in flight; failures go to the spool. */
    @Override
    public synchronized void flush() {
        producer.flush();
        settle(true);
    }

    @Override
    public synchronized String status() {
        int pending = spool.pendingCount();
        if (pending == 0) {
            return "delivered";
        }
        return "spooled " + pending + " event" + (pending == 1 ? "" : "s") + " to " + spool.file();
    }

    /**
     * Delivers the spooled events, oldest first ({@code shape events flush}); bounded by the delivery
     * timeout.
     *
     * @return how many events are still spooled (0 when everything was delivered)
     */
    public synchronized int flushSpool() {
        settle(true);
        int left = spool.drain(this::deliver);
        spooling = left > 0;
        return left;
    }

    @Override
    public int redeliver() {
        return flushSpool();
    }

    /** The spool folder's event file, for messages. */
    public EventSpool spool() {
        return spool;
    }

    @Override
    public synchronized void close() {
        try {
            flush();
        } finally {
            producer.close(config.deliveryTimeout());
        }
    }

    /** Sends all, waits for all, returns the ids Kafka acknowledged. */
    private Collection<String> deliver(List<SpooledEvent> events) {
        List<InFlight> sent = new ArrayList<>();
        for (SpooledEvent event : events) {
            sent.add(new InFlight(event, send(event)));
        }
        producer.flush();
        List<String> acknowledged = new ArrayList<>();
        for (InFlight each : sent) {
            if (acknowledged(each.future(), true)) {
                acknowledged.add(each.event().eventId());
            }
        }
        return acknowledged;
    }

    private Future<RecordMetadata> send(SpooledEvent event) {
        try {
            return producer.send(new ProducerRecord<>(config.topic(), event.key(), event.value()));
        } catch (RuntimeException e) {
            // Kafka reports most trouble through the future; what it throws instead means the same.
            return java.util.concurrent.CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Moves finished sends out of the in-flight queue, oldest first; a failed one goes to the spool and
     * switches to spooling. Without {@code wait} it stops at the first unfinished send.
     */
    private void settle(boolean wait) {
        while (!inFlight.isEmpty()) {
            InFlight head = inFlight.peekFirst();
            if (!wait && !head.future().isDone()) {
                return;
            }
            inFlight.removeFirst();
            if (!acknowledged(head.future(), wait)) {
                spool.append(head.event());
                spooling = true;
            }
        }
    }

    private boolean acknowledged(Future<RecordMetadata> future, boolean wait) {
        try {
            // Kafka completes every send within delivery.timeout.ms; the margin covers scheduling only.
            long limit = wait ? config.deliveryTimeout().toMillis() + 2_000 : 0;
            future.get(limit, TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private record InFlight(SpooledEvent event, Future<RecordMetadata> future) {
    }
}
