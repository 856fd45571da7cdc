package io.gatehouse.runtime.dispatch;

import java.util.Optional;

/**
 * The form fields of one call (PROTOCOL.md §3), decoded and nothing more: {@code method}, {@code args}
 * (JSON text, {@code []} when absent), {@code extraCredentials} (JSON text when sent) and {@code rawContent}.
 */
record CallRequest(String method, String args, Optional<String> extraCredentials, boolean rawContent) {
}
