/**
 * One call, from the wire to the reply: the body read whole and bounded ({@link
 * io.gatehouse.runtime.dispatch.RequestBodyFilter}), the route
 * and the steps in order ({@link io.gatehouse.runtime.dispatch.DispatcherResource}: service, form, method, caller,
 * authorization, arguments, invocation, reply), the service table built at deployment ({@link
 * io.gatehouse.runtime.dispatch.HandlerExtension}), the built-in methods, and every reply and refusal as an
 * S_ERROR ({@link io.gatehouse.runtime.dispatch.Replies}, the mappers, the error page).
 */
package io.gatehouse.runtime.dispatch;
