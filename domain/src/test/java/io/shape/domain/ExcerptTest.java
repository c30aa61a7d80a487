package io.shape.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Values from users' files rendered into messages: short, whatever their size or sharing. */
class ExcerptTest {
    @Test
    void smallValuesAreShownWhole() {
        assertEquals("rbf", Excerpt.of("rbf"));
        assertEquals("None", Excerpt.of(null));
        assertEquals("True", Excerpt.of(true));
        assertEquals("0.5", Excerpt.of(0.5));
        assertEquals("['a', 1, None]", Excerpt.of(java.util.Arrays.asList("a", 1L, null)));
        assertEquals("{'C': 1.0}", Excerpt.of(Map.of("C", 1.0)));
        assertEquals("[1, 2]", Excerpt.of(new int[] {1, 2}));
    }

    @Test
    void longTextIsCutAndItsLengthSaid() {
        String text = Excerpt.of("x".repeat(1 << 20));
        assertEquals(Excerpt.MAX_CHARS, text.length());
        assertTrue(text.endsWith("x… (1048576 chars)"), text);
        // a surrogate pair is never split
        String emoji = "🙂".repeat(100);
        String cut = Excerpt.cut(emoji, 21);
        assertTrue(cut.length() <= 21 && !Character.isHighSurrogate(cut.charAt(cut.indexOf('…') - 1)), cut);
    }

    @Test
    void containersShowTheirFirstItemsAndTheirSize() {
        List<Object> many = new ArrayList<>();
        for (long i = 0; i < 1000; i++) {
            many.add(i);
        }
        assertEquals("[0, 1, 2, … (1000 items)]", Excerpt.of(many));
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("a", List.of(List.of(List.of(1L))));
        assertEquals("{'a': [[…]]}", Excerpt.of(nested));
    }

    @Test
    void sharedAndSelfReferencingContainersAreNotExpanded() {
        List<Object> shared = List.of(0L);
        for (int i = 0; i < 60; i++) {
            shared = List.of(shared, shared);
        }
        List<Object> self = new ArrayList<>();
        self.add(self);
        List<Object> bomb = shared;
        String[] shown = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> new String[] {Excerpt.of(bomb), Excerpt.of(self)});
        assertEquals("[[[…], […]], [[…], […]]]", shown[0]);
        assertEquals("[[[…]]]", shown[1]);
    }

    @Test
    void shapeExceptionMessagesAreCutAsANet() {
        String message = "m.pkl: " + "y".repeat(1 << 20);
        ShapeException e = ShapeException.invalidInput(message);
        assertEquals(ShapeException.MAX_MESSAGE_CHARS, e.getMessage().length());
        assertTrue(e.getMessage().startsWith("m.pkl: yyy"), e.getMessage().substring(0, 20));
        assertTrue(e.getMessage().endsWith("… (" + message.length() + " chars)"));
        assertEquals("short", new ShapeException(ErrorKind.USAGE, "short", null).getMessage());
    }
}
