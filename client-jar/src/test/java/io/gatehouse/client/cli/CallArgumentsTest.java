package io.gatehouse.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;

import io.gatehouse.api.wire.JEncode;

/** How the words after METHOD become the call's arguments. */
class CallArgumentsTest {

    private static String encoded(String... words) {
        return JEncode.encode(CallArguments.parse(List.of(words)));
    }

    @Test
    void jsonWordsAreJsonValues() {
        assertEquals("[1,-5,2.5,true,false,null,\"text\",[1,2],{\"a\":1}]",
                encoded("1", "-5", "2.5", "true", "false", "null", "\"text\"", "[1,2]", "{\"a\":1}"));
    }

    @Test
    void diracTagsPassThrough() {
        assertEquals("[{\"__dCls\":\"dt\",\"obj\":\"2024-05-01 12:00:00\"},{\"__dCls\":\"b64\",\"obj\":\"AAE=\"}]",
                encoded("{\"__dCls\":\"dt\",\"obj\":\"2024-05-01 12:00:00\"}", "{\"__dCls\":\"b64\",\"obj\":\"AAE=\"}"));
    }

    @Test
    void bareWordsAreStrings() {
        assertEquals("[\"hello\",\"007\",\"/lhcb/data/file.dst\",\"hello world\",\"True\",\"1.2.3\",\"\"]",
                encoded("hello", "007", "/lhcb/data/file.dst", "hello world", "True", "1.2.3", ""));
        assertTrue(CallArguments.parse("hello", 1) instanceof String);
        assertTrue(CallArguments.parse("12", 1) instanceof JsonValue);
    }

    @Test
    void aQuotedJsonStringIsTheWayToSendTextThatReadsAsJson() {
        assertEquals("[\"12\",\"true\"]", encoded("\"12\"", "\"true\""));
    }

    @Test
    void wordsThatStartLikeJsonMustBeJson() {
        for (String word : List.of("[1,", "{\"a\":}", "\"unterminated", "{a:1}", "[1] 2",
                "{\"__dCls\":\"dt\",\"obj\":\"yesterday\"}")) {
            CliFailure failure = assertThrows(CliFailure.class, () -> CallArguments.parse(List.of("ok", word)),
                    word);
            assertEquals(ExitCodes.USAGE, failure.exitCode());
            assertTrue(failure.getMessage().startsWith("argument 2 looks like JSON but is not valid"),
                    failure.getMessage());
        }
    }

    @Test
    void aBadArgumentOnTheCommandLineIsAUsageError() {
        Cli.Run run = Cli.run("call", "--ca-dir", ".", "https://localhost:8443/Framework/Hello", "echo", "[1,");
        assertEquals(2, run.code(), run::show);
        assertTrue(run.err().contains("argument 1 looks like JSON but is not valid"), run::show);
    }
}
