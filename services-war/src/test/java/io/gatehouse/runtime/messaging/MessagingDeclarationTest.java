package io.gatehouse.runtime.messaging;

import io.gatehouse.api.Result;
import io.gatehouse.api.messaging.Connection;
import io.gatehouse.api.messaging.Messages;
import io.gatehouse.api.messaging.OnConnect;
import io.gatehouse.api.messaging.OnDrop;
import io.gatehouse.api.messaging.Receive;
import io.gatehouse.runtime.services.PingPongHandler;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessagingDeclarationTest {

    @Test
    void pingPongDeclaresTwoMessagesAndReceivesOne() {
        List<String> problems = new ArrayList<>();
        MessagingDeclaration declaration = MessagingDeclaration.read(PingPongHandler.class, problems::add).orElseThrow();
        assertEquals(List.of(), problems);
        assertEquals(List.of("Ping", "Pong"), List.copyOf(declaration.messages().keySet()));
        assertEquals(List.of("Ping"), List.copyOf(declaration.receivers().keySet()));
        MessagingDeclaration.Receiver ping = declaration.receivers().get("Ping");
        assertTrue(ping.takesConnection());
        assertEquals(List.of("all"), ping.declaredRule());
        assertTrue(declaration.onConnect().isPresent() && declaration.onDrop().isPresent());
        assertEquals(Map.of("Ping", Map.of("id", "int"), "Pong", Map.of("id", "int")),
                ConnectionService.describe(declaration));
    }

    @Test
    void aHandlerWithoutMessagesTakesNoConnections() {
        List<String> problems = new ArrayList<>();
        assertTrue(MessagingDeclaration.read(String.class, problems::add).isEmpty());
        assertEquals(List.of(), problems);
    }

    public record Note(String text) {
    }

    public record Other(int n) {
    }

    public record Unbindable(Thread thread) {
    }

    @Messages({Note.class, Unbindable.class})
    public static class Mistaken {
        @Receive
        public void undeclared(Other other) {
        }

        @Receive
        public String returnsText(Note note) {
            return "";
        }

        @Receive
        public void twoMessages(Note note, Note other) {
        }

        @OnConnect
        public void connectWithoutConnection() {
        }

        @OnDrop
        public Result<Void> dropOne(Connection connection) {
            return Result.ok();
        }

        @OnDrop
        public void dropTwo(Connection connection) {
        }
    }

    @Test
    void everyMistakeIsReportedWithItsPlace() {
        List<String> problems = new ArrayList<>();
        MessagingDeclaration.read(Mistaken.class, problems::add);
        String all = String.join("\n", problems);
        assertTrue(all.contains("message Unbindable cannot be carried as JSON"), all);
        assertTrue(all.contains("Mistaken.undeclared: receives " + Other.class.getName()
                + ", which the handler's @Messages does not declare"), all);
        assertTrue(all.contains("Mistaken.returnsText: a @Receive method returns void or a Result"), all);
        assertTrue(all.contains("Mistaken.twoMessages: a @Receive method takes a declared message record"), all);
        assertTrue(all.contains("Mistaken.connectWithoutConnection: an @OnConnect method is public, takes the"
                + " Connection alone"), all);
        assertTrue(all.contains("a second @OnDrop method"), all);
        assertEquals(6, problems.size(), all);
    }

    public static class ReceivesWithoutMessages {
        @Receive
        public void note(Note note) {
        }
    }

    @Test
    void receivingWithoutDeclaringMessagesIsAMistake() {
        List<String> problems = new ArrayList<>();
        MessagingDeclaration.read(ReceivesWithoutMessages.class, problems::add);
        assertEquals(List.of(ReceivesWithoutMessages.class.getName() + ".note: receives " + Note.class.getName()
                + ", which the handler's @Messages does not declare"), problems);
    }
}
