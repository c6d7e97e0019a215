package io.tabhook.cli;

import io.tabhook.dsl.Dsl;
import io.tabhook.dsl.Failures;
import io.tabhook.session.GivenSecrets;
import io.tabhook.session.Settings;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

import java.io.PrintWriter;

/**
 * The set-up of a command that works on a real server's site (doctor, webhooks export and import): --server and a user
 * or PAT name are required (else a usage error, exit 2); the session and DSL start without sandbox or inbox; what it
 * prints has the session's secrets masked; {@code --trace[=FILE]} shows each exchange as in {@code run}; a failure is
 * one line and exit 1; the session signs out at the end.
 */
final class OnServer {
    private OnServer() {}

    /** The command's own work, given the workspace and the masked writers; answers the exit code. */
    interface Work {
        int run(Workspace ws, PrintWriter out, PrintWriter err);
    }

    static int run(String command, ServerOptions options, OutputOptions output, Environment environment, CommandLine cl,
                   Work work) {
        boolean serverGiven = options.server != null
                || (options.postmanEnv != null && Dsl.postmanServer(options.postmanEnv.toString()) != null);
        if (!serverGiven) {
            throw new ParameterException(cl, command + " needs --server URL: the Tableau server to work on");
        }
        PrintWriter out = cl.getOut();
        PrintWriter err = cl.getErr();
        try (Workspace ws = Workspace.open(options, new TerminalPrompts(err), environment, false)) {
            Settings settings = ws.session.settings();
            if (settings.user() == null && settings.patName() == null) {
                throw new ParameterException(cl, command + " needs --user U or --pat-name N to sign in (the secret "
                        + "from TABLEAU_PASSWORD or TABLEAU_PAT_SECRET, or asked for on the terminal)");
            }
            GivenSecrets secrets = ws.session.secrets();
            PrintWriter maskedOut = secrets.hiding(out);
            PrintWriter maskedErr = secrets.hiding(err);
            try (TraceOutput trace = output.trace == null ? null : TraceOutput.open(output.trace, maskedErr, secrets)) {
                ws.session.traceAlso(trace);
                int code = work.run(ws, maskedOut, maskedErr);
                maskedOut.flush();
                return code;
            } catch (RuntimeException e) {
                maskedErr.println("tabhook: " + Failures.describe(e));
                maskedErr.flush();
                return 1;
            }
        } catch (ParameterException e) {
            throw e;
        } catch (RuntimeException e) {
            err.println("tabhook: " + Failures.describe(e));
            err.flush();
            return 1;
        }
    }
}
