package io.tabhook.support;

import io.tabhook.api.Fields;
import io.tabhook.api.Shown;
import io.tabhook.support.Finding.Status;

import java.util.ArrayList;
import java.util.List;

/**
 * What the doctor found: every finding in the order checked, a one-line summary first, and the exit code of the
 * worst (0 all ok, 1 warnings, 3 failures). People read it as text grouped by section; tools read its JSON.
 *
 * @param where the server, site and user checked, as the summary names them
 */
public record DoctorReport(String where, List<Finding> findings) implements Shown {

    public DoctorReport {
        findings = List.copyOf(findings);
    }

    /** The worst status found. */
    public Status status() {
        Status worst = Status.OK;
        for (Finding f : findings) if (f.status().compareTo(worst) > 0) worst = f.status();
        return worst;
    }

    /** 0 when every check is ok, 1 with warnings, 3 with failures. */
    public int exitCode() {
        return status().exitCode();
    }

    /** The findings that are not ok. */
    public List<Finding> problems() {
        return findings.stream().filter(f -> !f.ok()).toList();
    }

    /** {@code 2 failures, 1 warning, 12 checks ok — http://…, site Default, as admin}. */
    public String summary() {
        long fail = count(Status.FAIL);
        long warn = count(Status.WARN);
        long ok = count(Status.OK);
        List<String> parts = new ArrayList<>();
        if (fail > 0) parts.add(fail + (fail == 1 ? " failure" : " failures"));
        if (warn > 0) parts.add(warn + (warn == 1 ? " warning" : " warnings"));
        String counts = parts.isEmpty() ? "all " + ok + (ok == 1 ? " check" : " checks") + " ok"
                : String.join(", ", parts) + ", " + ok + " ok";
        return "doctor: " + counts + (where == null || where.isEmpty() ? "" : " — " + where);
    }

    private long count(Status s) {
        return findings.stream().filter(f -> f.status() == s).count();
    }

    /**
     * The report as people read it: the summary, then each section with one line per check (status, check, what was
     * seen) and, under a warning or failure, what to do. In a webhook's section the checks that are ok share one line
     * (the JSON has each); its test call keeps its own, with the status, time and answer.
     */
    public String text() {
        // As wide as the longest check's name, so reports line up the same whatever they found.
        int checkWidth = findings.stream().mapToInt(f -> f.check().length()).max().orElse(0);
        checkWidth = Math.max(checkWidth, "destination".length());
        String line = "  %-4s  %-" + checkWidth + "s  %s%n";
        String indent = " ".repeat(2 + 4 + 2 + checkWidth + 2);
        StringBuilder sb = new StringBuilder(summary()).append('\n');
        for (int i = 0; i < findings.size(); ) {
            String section = findings.get(i).section();
            int end = i;
            while (end < findings.size() && findings.get(end).section().equals(section)) end++;
            List<Finding> here = findings.subList(i, end);
            sb.append(section).append('\n');
            boolean fold = section.startsWith("webhook '");
            List<String> folded = here.stream().filter(f -> fold && f.ok() && !f.check().equals("test"))
                    .map(Finding::check).toList();
            if (!folded.isEmpty()) sb.append("  ").append(Status.OK.word()).append("    ").append(String.join(", ", folded)).append('\n');
            for (Finding f : here) {
                if (fold && f.ok() && !f.check().equals("test")) continue;
                sb.append(String.format(line, f.status().word(), f.check(), f.seen()));
                if (f.todo() != null && !f.ok()) sb.append(indent).append("→ ").append(f.todo()).append('\n');
            }
            i = end;
        }
        return sb.toString().stripTrailing();
    }

    @Override
    public Fields fields() {
        return new Fields("report", "reports")
                .add("summary", summary())
                .add("status", status().word())
                .add("exitCode", exitCode())
                .add("where", where)
                .add("findings", findings)
                .summary(text());
    }

    @Override
    public String toString() { return text(); }
}
