package io.shape.adapters.tracking.kafka;

/** One event as it goes to Kafka: its id (for de-duplication), its key (the run id) and its JSON value. */
public record SpooledEvent(String eventId, String key, String value) {
}
