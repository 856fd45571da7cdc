package io.gatehouse.it;

import java.util.List;

/**
 * jboss-cli against the running WildFly: an option is a system property named by its path, which MicroProfile
 * Config reads live (a config-source resource would need a redeploy).
 */
final class WildFlyCli implements ServerConsole {

    private final String cli = ConsoleCommands.required("gatehouse.it.wildflyHome") + "/bin/jboss-cli.sh";
    private final String controller = "--controller=remote+http://127.0.0.1:"
            + ConsoleCommands.required("gatehouse.it.managementPort");

    @Override
    public void setOption(String path, String value) {
        String address = "/system-property=\"" + path + "\"";
        run("if (outcome != success) of " + address + ":read-resource\n"
                + address + ":add(value=\"" + value + "\")\n"
                + "else\n"
                + address + ":write-attribute(name=value, value=\"" + value + "\")\n"
                + "end-if");
    }

    @Override
    public void removeOption(String path) {
        String address = "/system-property=\"" + path + "\"";
        run("if (outcome == success) of " + address + ":read-resource\n" + address + ":remove\nend-if");
    }

    private void run(String commands) {
        ConsoleCommands.run(List.of("bash", "-c", "printf '%s\\n' \"$1\" | \"$2\" --connect \"$3\" --file=/dev/stdin",
                "jboss-cli", commands, cli, controller));
    }
}
