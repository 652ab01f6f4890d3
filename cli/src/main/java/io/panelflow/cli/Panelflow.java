package io.panelflow.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.Map;

/**
 * The {@code panelflow} command: {@code submit}, {@code status}, {@code fetch}, {@code validate}. Exit codes in
 * {@link ExitCodes}; failures are one sentence on standard error, never a stack trace.
 */
@Command(name = "panelflow", mixinStandardHelpOptions = true, versionProvider = Panelflow.Version.class,
        description = "Submit panel studies to panelflow, follow them and fetch their reports; check specs offline.",
        subcommands = {SubmitCommand.class, StatusCommand.class, FetchCommand.class, ValidateCommand.class,
                CommandLine.HelpCommand.class},
        footerHeading = "%nEnvironment:%n",
        footer = {"  PANELFLOW_USER, PANELFLOW_PASSWORD   credentials (HTTP Basic)",
                "  PANELFLOW_TOKEN     an OIDC access token instead (clusters)",
                "  PANELFLOW_INGEST_URL   default PANELFLOW_URL or http://127.0.0.1:8081",
                "  PANELFLOW_REPORT_URL   default PANELFLOW_URL or http://127.0.0.1:8084",
                "%nExit codes:",
                "  0  done",
                "  1  the run failed",
                "  2  usage error, invalid spec or data, unknown run",
                "  3  service unreachable, credentials refused, not ready, server error"},
        exitCodeListHeading = "",
        showAtFileInUsageHelp = false)
public final class Panelflow implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Map<String, String> environment;

    public Panelflow(Map<String, String> environment) {
        this.environment = environment;
    }

    /**
     * The client every command that calls the services uses: addresses and credentials from the environment
     * ({@link Connection}), read when a command runs, so that {@code validate} and {@code --help} need neither.
     */
    ServiceClient client() {
        return new ServiceClient(Connection.fromEnvironment(environment));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: submit, status, fetch or validate");
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command; answers its exit code. */
    public static int run(String[] args, Map<String, String> environment, PrintWriter out, PrintWriter err) {
        quietLibraryLogging();
        CommandLine cli = new CommandLine(new Panelflow(environment));
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof CliFailure f) {
                err.println("panelflow: " + f.getMessage());
                err.flush();
                return f.exitCode();
            }
            err.println("panelflow: " + (e.getMessage() == null ? "an unexpected " + e.getClass().getSimpleName()
                    : e.getMessage()));
            err.flush();
            return ExitCodes.UNAVAILABLE;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** POI (Log4j API) and the schema validator (SLF4J) would warn on every run that they have no logging backend. */
    private static void quietLibraryLogging() {
        System.setProperty("log4j2.loggerContextFactory", "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
        System.setProperty("org.apache.logging.log4j.simplelog.StatusLogger.level", "OFF");
        System.setProperty("org.apache.logging.log4j.level", "OFF");
        // the JSON Schema validator logs through SLF4J, which has no provider here
        System.setProperty("slf4j.internal.verbosity", "ERROR");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Panelflow.class.getPackage().getImplementationVersion();
            return new String[] {"panelflow " + (v == null ? "(development build)" : v)};
        }
    }
}
