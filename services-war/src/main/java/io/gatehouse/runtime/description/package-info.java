/**
 * Self-description (Clarens' model): what each deployed service offers, built from the same {@code ServiceTable}
 * the dispatcher routes with, so nothing is kept in sync by hand. {@link io.gatehouse.runtime.description.ServiceDescriber}
 * makes the description (methods, signatures, docs, effective rules, messages) for one caller;
 * {@link io.gatehouse.runtime.description.DescriptionResource} serves it at {@code GET /<System>/<Component>}, the
 * service list and the browser page at {@code GET /}; the built-ins {@code system.*} give the same over POST.
 */
package io.gatehouse.runtime.description;
