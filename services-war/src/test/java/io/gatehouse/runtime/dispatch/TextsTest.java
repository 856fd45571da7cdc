package io.gatehouse.runtime.dispatch;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TextsTest {

    @Test
    void shortTextsStayLongOnesAreCutWithTheirCount() {
        assertEquals("", Texts.cut(null));
        assertEquals("ping", Texts.cut("ping"));
        assertEquals("x".repeat(100), Texts.cut("x".repeat(100)));
        assertEquals("y".repeat(100) + "... (1 more characters)", Texts.cut("y".repeat(101)));
    }
}
