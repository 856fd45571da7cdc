package io.gatehouse.runtime.dispatch;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

import java.io.EOFException;
import java.io.IOException;
import java.util.Locale;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A client that goes away before its reply is written is the client's business: Jersey logs it as SEVERE with a
 * long stack trace (on {@value #JERSEY_RESPONDER}), which anyone could make the server write at will. While the
 * archive is deployed, such records become one INFO line; every other record of that logger passes unchanged.
 */
@WebListener
public class DroppedConnectionLogging implements ServletContextListener {

    static final String JERSEY_RESPONDER = "org.glassfish.jersey.server.ServerRuntime$Responder";
    private static final Logger LOG = Logger.getLogger(DroppedConnectionLogging.class.getName());

    /** Held here: JUL keeps loggers weakly, and a collected logger would lose its filter. */
    private Logger responder;
    private Filter previous;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        responder = Logger.getLogger(JERSEY_RESPONDER);
        previous = responder.getFilter();
        Filter next = previous;
        responder.setFilter(record -> {
            if (isDroppedConnection(record.getThrown())) {
                LOG.log(Level.INFO, "client went away before its reply was written: {0}",
                        String.valueOf(rootMessage(record.getThrown())));
                return false;
            }
            return next == null || next.isLoggable(record);
        });
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (responder != null) {
            responder.setFilter(previous);
        }
    }

    static boolean isDroppedConnection(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof EOFException) {
                return true;
            }
            if (cause instanceof IOException && cause.getMessage() != null) {
                String message = cause.getMessage().toLowerCase(Locale.ROOT);
                if (message.contains("connection is closed") || message.contains("broken pipe")
                        || message.contains("connection reset")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String rootMessage(Throwable thrown) {
        Throwable cause = thrown;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
