package io.gatehouse.client;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a method of a typed client's interface ({@link GatehouseClient#typed}): the name of the exported method it
 * calls, when the Java name differs (e.g. {@code @Remote("export_getJobs") List<Integer> jobs(String owner);}).
 * Without it, the Java method's own name is the exported name.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Remote {

    /** The exported method's name, as sent in the {@code method} form field. */
    String value();
}
