package io.gatehouse.runtime.dispatch;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RepliesTest {

    @ParameterizedTest(name = "Accept-Encoding \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "NULL                  | false",
            "''                    | false",
            "gzip                  | true",
            "GZIP                  | true",
            "deflate, gzip         | true",
            "gzip;q=0              | false",
            "gzip; q=0.0           | false",
            "gzip;q=0.5            | true",
            "*                     | true",
            "br, deflate           | false",
            "gzip;q=abc            | false",
    })
    void readsAcceptEncoding(String header, boolean gzip) {
        assertEquals(gzip, Replies.acceptsGzip(header));
    }
}
