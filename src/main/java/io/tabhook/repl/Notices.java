package io.tabhook.repl;

import io.tabhook.dsl.Display;
import io.tabhook.dsl.Dsl;
import io.tabhook.dsl.GroovyTokens;
import io.tabhook.inbox.Delivery;
import io.tabhook.inbox.ForwardResult;
import io.tabhook.inbox.InboxListener;
import io.tabhook.sandbox.DeliveryAttempt;
import org.jline.utils.AttributedStyle;

import java.util.ArrayList;
import java.util.List;

/**
 * What the shell tells the user on its own, one line each, as {@code stripe listen} does: a delivery reached the
 * inbox, a forward of one failed, the relay was lost and came back (and how long it was down), and (on the embedded
 * sandbox, where Tableau would say nothing) a webhook was disabled after its deliveries failed. The {@link Screen} decides when they print; {@code :notices off} stops them.
 */
final class Notices {
    private Notices() {}

    /** Starts listening to the session's inbox and sandbox; close the handles to stop. */
    static List<AutoCloseable> watch(Dsl dsl, Screen screen) {
        List<AutoCloseable> handles = new ArrayList<>();
        if (dsl.inboxServer() != null) {
            handles.add(dsl.inboxServer().listen(new InboxListener() {
                @Override
                public void delivered(Delivery d) {
                    screen.notice(Notices.delivered(screen, d));
                }

                @Override
                public void forwarded(Delivery d) {
                    if (d.forward() != null && !d.forward().ok()) screen.notice(forwardFailed(screen, d));
                }

                @Override
                public void skipped(Skipped s) {
                    screen.notice(Notices.skipped(screen, s));
                }
            }));
        }
        if (dsl.relay() != null) handles.add(dsl.relay().noticesTo(line -> screen.notice(warning(screen, line))));
        if (dsl.sandboxServer() != null) {
            handles.add(dsl.sandboxServer().deliveries().onDisabled(a -> screen.notice(disabled(screen, a))));
        }
        return handles;
    }

    /** {@code ⇣ 12:01:02 WorkbookCreated WORKBOOK "Sales" (#3)}. */
    static String delivered(Screen screen, Delivery d) {
        return screen.styled(AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN), "⇣ " + Display.deliveryLine(d));
    }

    /**
     * {@code ✗ forward of #3 to http://127.0.0.1:5678/automation failed after 4 attempts: HTTP 500; inbox.replay(3)
     * sends it again}: once per delivery, with the final result.
     */
    static String forwardFailed(Screen screen, Delivery d) {
        ForwardResult f = d.forward();
        return warning(screen, "forward of #" + d.seq() + " to " + f.target() + " failed"
                + (f.attempts() > 1 ? " after " + f.attempts() + " attempts" : "") + ": " + f.outcome()
                + "; inbox.replay(" + d.seq() + ") sends it again");
    }

    /** {@code ✗ skipped 120 deliveries (#31–#150) …}: the notices fell behind; the inbox kept every delivery. */
    static String skipped(Screen screen, InboxListener.Skipped s) {
        return warning(screen, "notices fell behind and " + s.describe() + "; deliveries() lists them");
    }

    /** {@code ✗ the sandbox disabled webhook 'hook' after 4 failed deliveries (connection refused); …}. */
    static String disabled(Screen screen, DeliveryAttempt last) {
        String name = last.webhookName() == null ? last.webhookId() : last.webhookName();
        return warning(screen, "the sandbox disabled webhook '" + name + "' after " + last.attempt()
                + " failed deliveries (" + (last.error() != null ? last.error() : "HTTP " + last.status())
                + "); updateWebhook " + GroovyTokens.literal(name, "'") + ", enabled: true turns it back on");
    }

    private static String warning(Screen screen, String text) {
        return screen.styled(AttributedStyle.BOLD.foreground(AttributedStyle.YELLOW), "✗ ") + text;
    }
}
