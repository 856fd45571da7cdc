package io.gatehouse.client.cli;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code gatehouse} command: calls DIRAC-style HTTPS services and makes and inspects grid proxies.
 * {@code java -jar gatehouse.jar --help} lists the commands, exit codes and examples.
 */
@Command(name = "gatehouse", mixinStandardHelpOptions = true, versionProvider = GatehouseCli.Version.class,
        sortOptions = false,
        description = {
            "Calls Gatehouse and DIRAC HTTPS services with your grid certificate or proxy, and makes and"
                    + " inspects proxies.",
            "",
            "Run 'gatehouse COMMAND --help' for a command's options and examples.",
        },
        subcommands = {
            CallCommand.class,
            DescribeCommand.class,
            GetFileCommand.class,
            PutFileCommand.class,
            PingCommand.class,
            WhoamiCommand.class,
            ConnectCommand.class,
            BenchMessagesCommand.class,
            ProxyInitCommand.class,
            ProxyInfoCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class,
        },
        commandListHeading = "%nCommands:%n",
        footerHeading = "%nExamples:%n",
        footer = {
            "  gatehouse proxy-init --group dirac_user      # from ~/.globus/usercert.pem",
            "  gatehouse proxy-info",
            "  gatehouse ping https://localhost:8443/Framework/Hello",
            "  gatehouse whoami https://localhost:8443/Framework/Hello",
            "  gatehouse call https://localhost:8443/Framework/Hello sayHello world",
            "  gatehouse describe https://localhost:8443/Framework/Hello",
            "  gatehouse get-file https://localhost:8443/Data/Files /vo/f.dst -o f.dst",
            "  gatehouse put-file https://localhost:8443/Data/Files f.dst /vo/f.dst",
            "  gatehouse bench --concurrency 8 https://localhost:8443/Framework/Hello",
            "",
            "Credentials: calls use your proxy ($X509_USER_PROXY, else /tmp/x509up_u<uid>) unless --proxy, --cert/--key"
                    + " or --p12 is given. Trust: the CA directory $X509_CERT_DIR, else /etc/grid-security/certificates,"
                    + " unless --ca-dir or --truststore is given.",
            "Set GATEHOUSE_DEBUG=1 to see the libraries' logs and, for internal errors, stack traces.",
        })
public final class GatehouseCli implements Callable<Integer> {

    private static volatile Passwords passwords;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line with the process' standard output and error; returns the exit code. */
    public static int execute(String... args) {
        configureLogging(System.getenv("GATEHOUSE_DEBUG") != null);
        Charset charset = Charset.defaultCharset();
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, charset), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, charset), true);
        return execute(out, err, args);
    }

    /**
     * Libraries log through java.util.logging (canl, the client's System.Logger): their INFO lines are noise on a
     * command line, so only warnings are shown, unless GATEHOUSE_DEBUG is set, which shows Gatehouse's debug lines.
     */
    static void configureLogging(boolean debug) {
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.setLevel(debug ? java.util.logging.Level.INFO : java.util.logging.Level.WARNING);
        if (debug) {
            java.util.logging.Logger.getLogger("io.gatehouse").setLevel(java.util.logging.Level.FINE);
            for (java.util.logging.Handler handler : root.getHandlers()) {
                handler.setLevel(java.util.logging.Level.FINE);
            }
        }
    }

    /** Runs the command line with the given output and error writers (tests run it in-process this way). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = commandLine();
        commandLine.setOut(out);
        commandLine.setErr(err);
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The configured picocli command line: exit codes, error handling, help sections. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new GatehouseCli());
        commandLine.setExecutionExceptionHandler(GatehouseCli::handleExecutionException);
        commandLine.setParameterExceptionHandler(GatehouseCli::handleParameterException);
        Map<String, String> exitCodes = new LinkedHashMap<>();
        for (String line : ExitCodes.HELP_LIST) {
            int colon = line.indexOf(':');
            exitCodes.put(line.substring(0, colon), line.substring(colon + 1));
        }
        applyHelpSections(commandLine, exitCodes);
        return commandLine;
    }

    private static void applyHelpSections(CommandLine commandLine, Map<String, String> exitCodes) {
        commandLine.setUsageHelpAutoWidth(true);
        commandLine.getCommandSpec().usageMessage()
                .descriptionHeading("%n")
                .parameterListHeading("%nArguments:%n")
                .optionListHeading("%nOptions:%n")
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(exitCodes);
        for (CommandLine sub : commandLine.getSubcommands().values()) {
            if (!(sub.getCommand() instanceof CommandLine.HelpCommand)) {
                applyHelpSections(sub, exitCodes);
            }
        }
    }

    /** Where passwords come from; tests replace it. */
    static Passwords passwords() {
        Passwords configured = passwords;
        return configured != null ? configured : Passwords.system();
    }

    /** For tests: the password source to use instead of the environment and console (null to restore). */
    static void usePasswords(Passwords replacement) {
        passwords = replacement;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "a command is needed: call, describe, get-file, put-file, "
                + "ping, whoami, proxy-init, proxy-info or bench");
    }

    private static int handleExecutionException(Exception exception, CommandLine commandLine,
                                                CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        String name = commandLine.getCommandSpec().qualifiedName();
        if (exception instanceof CliFailure failure) {
            err.println(name + ": " + failure.getMessage());
            if (failure.exitCode() == ExitCodes.USAGE) {
                err.println("Try '" + name + " --help' for usage and examples.");
            }
            err.flush();
            return failure.exitCode();
        }
        if (exception instanceof ParameterException parameter) {
            return handleParameterException(parameter, new String[0]);
        }
        err.println(name + ": internal error: " + Failures.describe(exception));
        err.println("This is a bug in gatehouse; please report it with the command line that caused it.");
        if (System.getenv("GATEHOUSE_DEBUG") != null) {
            exception.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.INTERNAL;
    }

    private static int handleParameterException(ParameterException exception, String[] args) {
        CommandLine commandLine = exception.getCommandLine();
        PrintWriter err = commandLine.getErr();
        String name = commandLine.getCommandSpec().qualifiedName();
        err.println(name + ": " + exception.getMessage());
        UnmatchedArgumentException.printSuggestions(exception, err);
        err.println("Try '" + name + " --help' for usage and examples.");
        err.flush();
        return ExitCodes.USAGE;
    }

    /** The version from the jar's manifest. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = GatehouseCli.class.getPackage().getImplementationVersion();
            return new String[] {
                "gatehouse " + (version == null ? "(development build)" : version),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
            };
        }
    }
}
