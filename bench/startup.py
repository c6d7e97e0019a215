#!/usr/bin/env python3
"""Start-up benchmark for scripts/bench: time to a usable prompt and to the first answer, over a real
pseudo-terminal, for tabhook, groovysh (Groovy 5) and jshell, run interleaved in the same session.

Prints medians and ratios; exits non-zero only when a program cannot be driven at all."""
import fcntl, os, pty, re, select, statistics, struct, sys, termios, time

ANSI = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-B]|\x1b[=>]")


def drive(argv, prompt, command, answer, env, timeout=60.0, think=0.0):
    """Spawns argv on a pty; returns (ms to prompt, ms from sending command to answer)."""
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
        if think:
            time.sleep(think)  # a person reads the prompt and types before pressing Enter
        t_sent = time.monotonic()
        os.write(fd, command.encode() + b"\r")
        wait_for(answer, seen)
        t_answer = time.monotonic() - t_sent
        return t_prompt * 1000, t_answer * 1000
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
    typed = {name: [] for name in contenders}
    results = {name: ([], []) for name in contenders}
    for name, (argv, prompt, cmd, answer) in contenders.items():  # warm the page cache once
        drive(argv, prompt, cmd, answer, env)
    for _ in range(runs):
        for name, (argv, prompt, cmd, answer) in contenders.items():
            p, a = drive(argv, prompt, cmd, answer, env)
            results[name][0].append(p)
            results[name][1].append(a)
            typed[name].append(drive(argv, prompt, cmd, answer, env, think=think)[1])
    med = {n: (statistics.median(p), statistics.median(a)) for n, (p, a) in results.items()}
    med_typed = {n: statistics.median(v) for n, v in typed.items()}
    print(f"start-up over a pseudo-terminal, median of {runs} runs (ms):")
    print(f"  {'program':10} {'prompt':>8} {'first answer, sent at once':>27} "
          f"{'first answer, sent after ' + str(int(think * 1000)) + ' ms':>32}")
    for n, (p, a) in med.items():
        print(f"  {n:10} {p:8.0f} {a:27.0f} {med_typed[n]:32.0f}")
    t = med["tabhook"]
    for base in ("groovysh", "jshell"):
        if base in med:
            print(f"  tabhook prompt / {base} prompt = {t[0] / med[base][0]:.2f}")
    for base in ("groovysh", "jshell"):
        if base in med:
            print(f"  tabhook first answer / {base} first answer (after the pause) = "
                  f"{med_typed['tabhook'] / med_typed[base]:.2f}")
    print(f"  targets: prompt <= 300 ms ({'met' if t[0] <= 300 else 'missed'}), first answer <= 200 ms "
          f"(at once: {'met' if t[1] <= 200 else 'missed'}; after the pause: "
          f"{'met' if med_typed['tabhook'] <= 200 else 'missed'})")


if __name__ == "__main__":
    main()
