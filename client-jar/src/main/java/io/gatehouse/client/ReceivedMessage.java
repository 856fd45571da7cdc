package io.gatehouse.client;

import io.gatehouse.api.wire.ConnectionFrames;

import jakarta.json.JsonObject;

/**
 * A message a service sent over a stable connection.
 *
 * @param name   the message's name, as the service declares it
 * @param fields its fields, JEncode values
 */
public record ReceivedMessage(String name, JsonObject fields) {

    /** The fields bound to a record of the same shape, strictly (as a service binds what it receives). */
    public <T extends Record> T as(Class<T> type) {
        return ConnectionFrames.bindFields(fields, type);
    }
}
