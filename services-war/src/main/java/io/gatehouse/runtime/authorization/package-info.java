/**
 * Who may call what: a method's rule (administrator's, else the code's, else the default; {@link
 * io.gatehouse.runtime.authorization.RuleResolver}), DIRAC's decision ({@link
 * io.gatehouse.runtime.authorization.AuthorizationPolicy}), made in one place ({@link
 * io.gatehouse.runtime.authorization.AccessControl}) before any argument is read, and by the interceptor for every
 * further exported method a call reaches; each refusal on the audit log.
 */
package io.gatehouse.runtime.authorization;
