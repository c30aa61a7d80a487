package io.shape.adapters.tracking.kafka;

import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Where and how run events go to Kafka.
 *
 * @param bootstrapServers    {@code host:port[,host:port]} (the original job's {@code KAFKA_SERVER})
 * @param topic               the topic (the original job's {@code KAFKA_TOPIC})
 * @param spoolDirectory      where events Kafka did not acknowledge wait for the next delivery
 * @param deliveryTimeout     how long one event may take to be acknowledged before it is spooled
 *                            ({@code delivery.timeout.ms}; also bounds blocking on metadata)
 * @param producerProperties  extra producer properties passed through as they are (SASL, SSL, ...); they
 *                            override ours
 */
public record KafkaEventsConfig(String bootstrapServers, String topic, Path spoolDirectory,
                                Duration deliveryTimeout, Map<String, String> producerProperties) {
    public static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofSeconds(10);

    public KafkaEventsConfig {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new ShapeException(ErrorKind.USAGE,
                    "Kafka events need bootstrap servers (KAFKA_SERVER, e.g. localhost:9092)");
        }
        if (topic == null || topic.isBlank()) {
            throw new ShapeException(ErrorKind.USAGE, "Kafka events need a topic (KAFKA_TOPIC)");
        }
        if (spoolDirectory == null) {
            throw new ShapeException(ErrorKind.USAGE, "Kafka events need a spool directory for undelivered events");
        }
        deliveryTimeout = deliveryTimeout == null ? DEFAULT_DELIVERY_TIMEOUT : deliveryTimeout;
        if (deliveryTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new ShapeException(ErrorKind.USAGE,
                    "Kafka delivery timeout must be at least 1 s, got " + deliveryTimeout.toMillis() + " ms");
        }
        producerProperties = producerProperties == null ? Map.of() : Map.copyOf(producerProperties);
    }

    public static KafkaEventsConfig of(String bootstrapServers, String topic, Path spoolDirectory) {
        return new KafkaEventsConfig(bootstrapServers, topic, spoolDirectory, null, null);
    }
}
