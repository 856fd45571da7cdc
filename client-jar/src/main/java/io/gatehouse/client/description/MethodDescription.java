package io.gatehouse.client.description;

import java.util.List;

/**
 * One callable method of a service.
 *
 * @param name       the method's name, as a call gives it
 * @param doc        its documentation, or null
 * @param signature  {@code name(param: type, optional?: type) -> type} in JSON terms
 * @param parameters its parameters in order; never null
 * @param returns    what it returns; null only when the server said nothing
 * @param auth       the effective rule's tokens after administrators' overrides ({@code authenticated}, {@code all},
 *                   property names); empty: anyone may call it; never null
 * @param authSource where the rule comes from: {@code configuration}, {@code code}, {@code default} or {@code none}
 * @param callable   whether the caller who asked may call it
 * @param builtin    true for the methods every service has (ping, whoami, system.*)
 * @param transfer   {@code none}, {@code download} (it returns a file) or {@code upload} (it reads a streamed body)
 */
public record MethodDescription(String name, String doc, String signature, List<Parameter> parameters,
                                Returns returns, List<String> auth, String authSource, boolean callable,
                                boolean builtin, String transfer) {

    /** {@link #transfer()} of a method that moves no file. */
    public static final String NO_TRANSFER = "none";

    public MethodDescription {
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
        auth = auth == null ? List.of() : List.copyOf(auth);
        transfer = transfer == null ? NO_TRANSFER : transfer;
    }
}
