package io.gatehouse.runtime.dispatch;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class FailureMapperTest {

    @Test
    void aCallFailureAnywhereInTheChainWins() {
        CallFailure inside = new CallFailure(500, 5, "cannot read the file");
        assertSame(inside, FailureMapper.known(new IOException("disk", inside)));
        assertSame(inside, FailureMapper.known(new RuntimeException(new IOException("disk", inside))));
    }

    @Test
    void aBodyOverItsLimitIs413AndAnUnreadableOne400() {
        assertEquals(413, FailureMapper.known(new UncheckedIOException(new BodyTooLarge(10, "read"))).status());
        assertEquals(400, FailureMapper.known(new RuntimeException(new IOException("reset"))).status());
        assertNull(FailureMapper.known(new IllegalStateException("a bug")));
    }
}
