package io.shape.adapters.persistence.postgres;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The password never shows, and the settings refuse what would hang or cannot work. */
class PostgresSettingsTest {
    @Test
    void masksThePasswordAlsoInsideTheUrl() {
        PostgresSettings s = new PostgresSettings(
                "jdbc:postgresql://db:5432/shape?user=u&password=hunter22&ssl=true", "u", "hunter22");

        assertEquals("jdbc:postgresql://db:5432/shape?user=u&password=****&ssl=true", s.safeUrl());
        assertFalse(s.toString().contains("hunter22"), s.toString());
        assertTrue(s.toString().contains("connectTimeout=PT5S"), s.toString());
    }

    @Test
    void refusesOtherDatabasesAndUnboundedTimeouts() {
        assertThrows(IllegalArgumentException.class, () -> new PostgresSettings("jdbc:mysql://db/x", "u", "p"));
        assertThrows(IllegalArgumentException.class,
                () -> new PostgresSettings("jdbc:postgresql://db/x", "u", "p", Duration.ofMinutes(5)));
        assertThrows(IllegalArgumentException.class,
                () -> new PostgresSettings("jdbc:postgresql://db/x", "u", "p", Duration.ZERO));
    }
}
