package io.gatehouse.it;

import java.util.List;

/**
 * asadmin against the running Payara Server domain: an option is a MicroProfile Config property of the domain's
 * config source, as the admin console's "MicroProfile Properties" tab sets it.
 */
final class PayaraAsadmin implements ServerConsole {

    private final String asadmin = ConsoleCommands.required("gatehouse.it.payaraHome") + "/bin/asadmin";
    private final String adminPort = ConsoleCommands.required("gatehouse.it.adminPort");

    @Override
    public void setOption(String path, String value) {
        ConsoleCommands.run(List.of(asadmin, "--port", adminPort, "set-config-property", "--source=domain",
                "--propertyName=" + path, "--propertyValue=" + value));
    }

    @Override
    public void removeOption(String path) {
        ConsoleCommands.run(List.of(asadmin, "--port", adminPort, "delete-config-property", "--source=domain",
                "--propertyName=" + path));
    }
}
