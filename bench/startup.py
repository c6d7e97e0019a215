#!/usr/bin/env python3
"""Start-up benchmark for scripts/bench: time to a usable prompt and to the first answer, over a real
pseudo-terminal, for tabhook, groovysh (Groovy 5) and jshell, run interleaved in the same session; also the CPU
time each has used when its prompt shows (it moves less with the machine's load than the wall time), and its
resident memory once idle at the prompt.

Prints medians and ratios; exits non-zero only when a program cannot be driven at all."""
import fcntl, os, pty, re, select, statistics, struct, sys, termios, time

ANSI = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-B]|\x1b[=>]")
HZ = os.sysconf("SC_CLK_TCK")


def process_tree(pid):
    """pid and every process below it (jshell runs its code in a second JVM: it counts)."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = open(f"/proc/{entry}/stat").read()
                parents[int(entry)] = int(stat[stat.rindex(")") + 2:].split()[1])
            except (OSError, ValueError):
                pass
    tree, grew = {pid}, True
    while grew:
        more = {p for p, parent in parents.items() if parent in tree} - tree
        tree |= more
        grew = bool(more)
    return tree


def cpu_ms(pid):
    """User + system CPU time used so far by pid's process tree, in ms."""
    total = 0
    for p in process_tree(pid):
        try:
            stat = open(f"/proc/{p}/stat").read()
            fields = stat[stat.rindex(")") + 2:].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, ValueError):
            pass
    return total * 1000 / HZ


def rss_mb(pid):
    """Resident memory of pid's process tree, in MB."""
    total = 0
    for p in process_tree(pid):
        try:
            for line in open(f"/proc/{p}/status"):
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def drive(argv, prompt, command, answer, env, timeout=60.0, think=0.0, idle=0.0):
    """Spawns argv on a pty; returns (ms to prompt, ms from sending command to answer, CPU ms used by the time the
    prompt showed, MB resident after idling `idle` seconds at the prompt, or None when not asked)."""
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))  # a real terminal has a size
        os.execvpe(argv[0], argv, env)
    start = time.monotonic()
    buf = b""

    def wait_for(pattern, since):
        nonlocal buf
        rx = re.compile(pattern)
        while True:
            clean = ANSI.sub(b"", buf)
            if rx.search(clean[since:]):
                return len(clean)
            left = timeout - (time.monotonic() - start)
            if left <= 0:
                raise TimeoutError(f"{argv[0]}: never saw {pattern!r}; screen: {clean[-300:]!r}")
            r, _, _ = select.select([fd], [], [], min(left, 0.5))
            if r:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    chunk = b""
                if not chunk:
                    raise TimeoutError(f"{argv[0]} exited; screen: {ANSI.sub(b'', buf)[-300:]!r}")
                buf += chunk

    try:
        seen = wait_for(prompt, 0)
        t_prompt = time.monotonic() - start
        cpu = cpu_ms(pid)
        rss = None
        if idle:
            time.sleep(idle)  # the shell's after-prompt work (warm-up threads) is done; nothing typed yet
            rss = rss_mb(pid)
        if think:
            time.sleep(think)  # a person reads the prompt and types before pressing Enter
        t_sent = time.monotonic()
        os.write(fd, command.encode() + b"\r")
        wait_for(answer, seen)
        t_answer = time.monotonic() - t_sent
        return t_prompt * 1000, t_answer * 1000, cpu, rss
    finally:
        try:
            os.kill(pid, 9)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
        os.close(fd)


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    runs = int(os.environ.get("BENCH_RUNS", "7"))
    gsh_cp = sys.argv[1] if len(sys.argv) > 1 and sys.argv[1] else None
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="120", LINES="40",
               TABHOOK_HOME=os.path.join(root, "target", "bench-home"))
    contenders = {
        "tabhook": ([os.path.join(root, "scripts", "tabhook")], rb"sandbox:\d+ > ", "signIn", rb"admin@Default"),
        "jshell": (["jshell", "-q"], rb"jshell> ", "1 + 1", rb"==> 2"),
    }
    if gsh_cp:
        contenders["groovysh"] = (["java", "-cp", gsh_cp, "org.apache.groovy.groovysh.Main"], rb"groovy[^\n]*> ",
                                  "1 + 1", rb"2")
    think = float(os.environ.get("BENCH_THINK_MS", "1000")) / 1000
    idle = float(os.environ.get("BENCH_IDLE_MS", "5000")) / 1000
    typed = {name: [] for name in contenders}
    results = {name: ([], [], []) for name in contenders}
    for name, (argv, prompt, cmd, answer) in contenders.items():  # warm the page cache once
        drive(argv, prompt, cmd, answer, env)
    for _ in range(runs):
        for name, (argv, prompt, cmd, answer) in contenders.items():
            p, a, c, _ = drive(argv, prompt, cmd, answer, env)
            results[name][0].append(p)
            results[name][1].append(a)
            results[name][2].append(c)
            typed[name].append(drive(argv, prompt, cmd, answer, env, think=think)[1])
    # Memory once idle: fewer rounds (each idles), still interleaved.
    rss = {name: [] for name in contenders}
    for _ in range(max(3, runs // 2)):
        for name, (argv, prompt, cmd, answer) in contenders.items():
            rss[name].append(drive(argv, prompt, cmd, answer, env, idle=idle)[3])
    med = {n: tuple(statistics.median(v) for v in r) for n, r in results.items()}
    med_typed = {n: statistics.median(v) for n, v in typed.items()}
    med_rss = {n: statistics.median(v) for n, v in rss.items()}
    print(f"start-up over a pseudo-terminal, median of {runs} runs (ms; memory: median of {len(rss['tabhook'])}):")
    print(f"  {'program':10} {'prompt':>8} {'CPU by prompt':>14} {'first answer, sent at once':>27} "
          f"{'first answer, sent after ' + str(int(think * 1000)) + ' ms':>32} "
          f"{'RSS idle ' + str(int(idle)) + ' s at the prompt':>28}")
    for n, (p, a, c) in med.items():
        print(f"  {n:10} {p:8.0f} {c:14.0f} {a:27.0f} {med_typed[n]:32.0f} {med_rss[n]:25.0f} MB")
    t = med["tabhook"]
    for base in ("groovysh", "jshell"):
        if base in med:
            print(f"  tabhook / {base}: prompt {t[0] / med[base][0]:.2f}, CPU by prompt {t[2] / med[base][2]:.2f}, "
                  f"first answer at once {t[1] / med[base][1]:.2f}, after the pause "
                  f"{med_typed['tabhook'] / med_typed[base]:.2f}, idle RSS {med_rss['tabhook'] / med_rss[base]:.2f}"
                  + (" (jshell's two JVMs)" if base == "jshell" else ""))
    print(f"  targets: prompt <= 200 ms ({'met' if t[0] <= 200 else 'missed'}), first answer sent at once <= 150 ms "
          f"({'met' if t[1] <= 150 else 'missed'}), idle RSS <= 120 MB "
          f"({'met' if med_rss['tabhook'] <= 120 else 'missed'}); load average now "
          f"{open('/proc/loadavg').read().split()[0]}")


if __name__ == "__main__":
    main()
