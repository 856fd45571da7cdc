/**
 * Service documentation written once, in Javadoc, and read at run time by the service description.
 *
 * <p>{@link io.gatehouse.api.docs.HandlerDocsProcessor}, an annotation processor that javac finds on the class
 * path of any module compiled against the handler API, records the Javadoc of each
 * {@link io.gatehouse.api.Handler} class, of its {@link io.gatehouse.api.Export} methods (with their
 * {@code @param} and {@code @return} tags) and of the message records its
 * {@link io.gatehouse.api.messaging.Messages} lists, as a properties resource beside the class
 * ({@code META-INF/gatehouse/docs/<binary class name>.properties}), since the comments themselves are gone once
 * compiled. {@link io.gatehouse.api.docs.HandlerDocs} reads those resources back through each class's own class
 * loader; a class without one simply has no documentation.
 */
package io.gatehouse.api.docs;
