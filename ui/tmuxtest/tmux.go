// Package tmuxtest drives a terminal program in a real tmux, for tests of
// the program as a user sees it, the way net/http/httptest serves HTTP.
//
// Each Session has its own tmux server on a private socket in a temporary
// folder, started without any configuration file (-f /dev/null), so neither
// the user's tmux server nor their settings are touched. The program runs
// alone in a detached session of a given size, with exactly the environment
// it is given. The pane stays after the program exits (remain-on-exit), so
// a test can still read the screen; the shell around the program notes that
// it exited and with what status.
//
// Every byte the program writes to its terminal is recorded from the first
// one: the pane starts a small shell that waits until tmux's pipe-pane is
// attached before it runs the program. After the program the shell writes a
// marker that tmux swallows (an OSC sequence of an unused number) but the
// recording keeps, so Output knows when it has all the bytes.
//
// Sessions need the tmux and sh commands. Without tmux, Start skips the test
// loudly, or fails it when DSRDESK_TEST_REQUIRE lists "tmux" (see
// dovecottest.SkipOrFail).
package tmuxtest

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"dsrdesk/inbox/dovecottest"
)

// settle is how long Start and Output wait for the helper shell, and
// cleanup for the program to end, before they give up.
const settle = 10 * time.Second

// poll is the pause between two looks at the screen.
const poll = 25 * time.Millisecond

// Session is one program running in its own tmux server.
type Session struct {
	tmux   string // the tmux binary
	dir    string // private folder: socket, script, recording, pid file
	sock   string // the tmux server's socket
	pane   string // the program's pane, "%0"
	record string // every byte the pane's program wrote
	pid    string // file holding the program's process id
	status string // file holding the program's exit status, once it exited
	marker []byte // written after the program ends; not part of the output
	done   []byte // the whole recording, once the marker has been seen
}

// Start runs argv in a new tmux server of its own, in a detached window of
// width×height cells, and returns when the program has been started with
// the recording of its output already running.
//
// The program's environment is TERM=xterm-256color, LANG=C.UTF-8 and the
// test's PATH, overridden and extended by env ("KEY=value" entries, such as
// HOME, XDG_* or NO_COLOR): nothing else of the test's environment reaches
// it. The tmux server is killed when the test ends; a program still running
// then is first asked to stop with SIGTERM.
func Start(t testing.TB, width, height int, env []string, argv ...string) *Session {
	t.Helper()
	if len(argv) == 0 {
		t.Fatal("tmuxtest.Start: no program to run")
	}
	bin, err := exec.LookPath("tmux")
	if err != nil {
		dovecottest.SkipOrFail(t, "tmux", "tmux not installed: apt-get install tmux")
	}
	// A short folder of our own: a socket path is limited to about 100
	// bytes, which a test's TempDir can exceed.
	dir, err := os.MkdirTemp("", "tmuxtest-")
	if err != nil {
		t.Fatal(err)
	}
	s := &Session{
		tmux:   bin,
		dir:    dir,
		sock:   filepath.Join(dir, "sock"),
		record: filepath.Join(dir, "output"),
		pid:    filepath.Join(dir, "pid"),
		status: filepath.Join(dir, "status"),
		marker: []byte("\x1b]7777;tmuxtest-end-" + randomHex(t) + "\a"),
	}
	t.Cleanup(func() { s.close(t) })

	script := filepath.Join(dir, "run.sh")
	goFile := filepath.Join(dir, "go")
	if err := os.WriteFile(script, []byte(s.script(goFile, programEnv(env), argv)), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := s.command(
		"set-option", "-g", "remain-on-exit", "on", ";",
		"set-option", "-g", "status", "off", ";",
		"new-session", "-d", "-s", "tmuxtest", "-x", strconv.Itoa(width), "-y", strconv.Itoa(height),
		"-P", "-F", "#{pane_id}", "sh", script, ";",
		"pipe-pane", "-O", "-t", "tmuxtest", "exec cat >"+shellQuote(s.record))
	if err != nil {
		t.Fatalf("tmuxtest: start tmux: %v\n%s", err, out)
	}
	s.pane = strings.TrimSpace(string(out))
	// The pipe is attached: let the shell run the program.
	if err := os.WriteFile(goFile, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	return s
}

// script is the pane's shell: it waits for the file goFile, which Start
// creates once the recording runs, then runs argv with exactly env, noting
// the program's process id. After the program it writes the end marker to
// the terminal, the exit status to a file, and exits with that status.
func (s *Session) script(goFile string, env, argv []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "while [ ! -e %s ]; do sleep 0.01; done\n", shellQuote(goFile))
	b.WriteString("env -i")
	for _, kv := range env {
		b.WriteString(" " + shellQuote(kv))
	}
	b.WriteString(` sh -c 'echo $$ >"$0"; exec "$@"' ` + shellQuote(s.pid))
	for _, a := range argv {
		b.WriteString(" " + shellQuote(a))
	}
	b.WriteString("\nstatus=$?\n")
	fmt.Fprintf(&b, "printf '%%s' %s\n", shellQuote(string(s.marker)))
	fmt.Fprintf(&b, "echo $status >%s && mv %[1]s %s\n", shellQuote(s.status+".new"), shellQuote(s.status))
	b.WriteString("exit $status\n")
	return b.String()
}

// programEnv is the default environment with env's entries set over it, in
// a fixed order.
func programEnv(env []string) []string {
	vars := map[string]string{
		"TERM": "xterm-256color",
		"LANG": "C.UTF-8",
		"PATH": os.Getenv("PATH"),
	}
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		vars[k] = v
	}
	out := make([]string, 0, len(vars))
	for k, v := range vars {
		out = append(out, k+"="+v)
	}
	sort.Strings(out)
	return out
}

// command runs one tmux command line against the session's private server.
func (s *Session) command(args ...string) ([]byte, error) {
	cmd := exec.Command(s.tmux, append([]string{"-u", "-S", s.sock, "-f", "/dev/null"}, args...)...)
	// The tmux server inherits this; the program itself gets its own.
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "LANG=C.UTF-8", "HOME=" + s.dir}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return append(out.Bytes(), errb.Bytes()...), fmt.Errorf("tmux %s: %w", strings.Join(args, " "), err)
	}
	return out.Bytes(), nil
}

// must runs a tmux command and fails the test if it fails.
func (s *Session) must(t testing.TB, args ...string) string {
	t.Helper()
	out, err := s.command(args...)
	if err != nil {
		t.Fatalf("tmuxtest: %v\n%s", err, out)
	}
	return string(out)
}

// Send types keys into the program with tmux send-keys: tmux key names such
// as "Enter", "Escape", "Space", "NPage", "Up", or single characters like
// "j" and "?". A test should wait for the screen to answer an "Escape"
// before sending more, or the program may read Escape and the next key as
// one Alt combination.
func (s *Session) Send(t testing.TB, keys ...string) {
	t.Helper()
	s.must(t, append([]string{"send-keys", "-t", s.pane}, keys...)...)
}

// Screen returns the visible text of the window (tmux capture-pane -p):
// one line per row, without colours, trailing spaces trimmed.
func (s *Session) Screen(t testing.TB) string {
	t.Helper()
	return s.must(t, "capture-pane", "-p", "-t", s.pane)
}

// WaitFor polls the screen until it contains text and returns that screen.
// On timeout the test fails, showing the last screen.
func (s *Session) WaitFor(t testing.TB, text string, timeout time.Duration) string {
	t.Helper()
	return s.WaitUntil(t, fmt.Sprintf("%q on the screen", text), func(screen string) bool {
		return strings.Contains(screen, text)
	}, timeout)
}

// WaitGone polls the screen until it no longer contains text and returns
// that screen. On timeout the test fails, showing the last screen.
func (s *Session) WaitGone(t testing.TB, text string, timeout time.Duration) string {
	t.Helper()
	return s.WaitUntil(t, fmt.Sprintf("%q gone from the screen", text), func(screen string) bool {
		return !strings.Contains(screen, text)
	}, timeout)
}

// WaitUntil polls the screen until ok accepts it and returns that screen.
// On timeout the test fails with what (what was waited for) and the last
// screen.
func (s *Session) WaitUntil(t testing.TB, what string, ok func(screen string) bool, timeout time.Duration) string {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		screen := s.Screen(t)
		if ok(screen) {
			return screen
		}
		if time.Now().After(deadline) {
			dead := ""
			if s.Exited(t) {
				dead = " (the program has exited)"
			}
			t.Fatalf("tmuxtest: waited %v for %s%s; the screen:\n%s", timeout, what, dead, frame(screen))
		}
		time.Sleep(poll)
	}
}

// Exited reports whether the program has exited. The pane's shell says
// so, not tmux's pane_dead: tmux 3.3 has been seen to miss the exit of its
// pane's process now and then, leaving it a zombie and the pane alive.
func (s *Session) Exited(t testing.TB) bool {
	t.Helper()
	_, err := os.Stat(s.status)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	return err == nil
}

// WaitExit waits until the program has exited; on timeout the test fails,
// showing the screen.
func (s *Session) WaitExit(t testing.TB, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !s.Exited(t) {
		if time.Now().After(deadline) {
			t.Fatalf("tmuxtest: the program did not exit within %v; the screen:\n%s", timeout, frame(s.Screen(t)))
		}
		time.Sleep(poll)
	}
}

// ExitStatus returns the exit status of the program, which must have
// exited: 128+n if signal n ended it.
func (s *Session) ExitStatus(t testing.TB) int {
	t.Helper()
	if !s.Exited(t) {
		t.Fatal("tmuxtest: ExitStatus of a program that is still running")
	}
	b, err := os.ReadFile(s.status)
	if err != nil {
		t.Fatal(err)
	}
	v := strings.TrimSpace(string(b))
	n, err := strconv.Atoi(v)
	if err != nil {
		t.Fatalf("tmuxtest: exit status %q: %v", v, err)
	}
	return n
}

// Resize makes the window width×height cells; the program gets SIGWINCH.
func (s *Session) Resize(t testing.TB, width, height int) {
	t.Helper()
	s.must(t, "resize-window", "-t", "tmuxtest", "-x", strconv.Itoa(width), "-y", strconv.Itoa(height))
}

// Output returns every byte the program has written to its terminal so far,
// exactly as written. Once the program has exited it is complete: Output
// then waits for the recording to catch up. While the program runs, the
// last few bytes may still be on their way.
func (s *Session) Output(t testing.TB) []byte {
	t.Helper()
	if s.done != nil {
		return bytes.Clone(s.done)
	}
	exited := s.Exited(t)
	deadline := time.Now().Add(settle)
	for {
		b, err := os.ReadFile(s.record)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			t.Fatal(err)
		}
		if i := bytes.Index(b, s.marker); i >= 0 {
			s.done = b[:i]
			return bytes.Clone(s.done)
		}
		if !exited {
			return b
		}
		if time.Now().After(deadline) {
			t.Fatalf("tmuxtest: the recording is incomplete %v after the program exited (%d bytes)", settle, len(b))
		}
		time.Sleep(poll)
	}
}

// close ends the session: a program still running gets SIGTERM and a
// moment to clean up, then the tmux server is killed and the folder
// removed.
func (s *Session) close(t testing.TB) {
	pid := 0
	if b, err := os.ReadFile(s.pid); err == nil {
		pid, _ = strconv.Atoi(strings.TrimSpace(string(b)))
	}
	if pid > 0 && alive(pid) {
		syscall.Kill(pid, syscall.SIGTERM)
		waitGone(pid, settle)
	}
	s.command("kill-server")
	if pid > 0 && !waitGone(pid, settle) {
		t.Errorf("tmuxtest: the program (pid %d) is still running after its tmux server was killed", pid)
	}
	os.RemoveAll(s.dir)
}

// waitGone waits up to timeout for process pid to end and reports whether
// it did.
func waitGone(pid int, timeout time.Duration) bool {
	deadline := time.Now().Add(timeout)
	for alive(pid) {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(poll)
	}
	return true
}

// alive reports whether process pid exists and is not a zombie (an ended
// process whose new parent may never collect it).
func alive(pid int) bool {
	if err := syscall.Kill(pid, 0); errors.Is(err, syscall.ESRCH) {
		return false
	}
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil { // no /proc here, or the process just ended
		return runtime.GOOS != "linux" || !errors.Is(err, os.ErrNotExist)
	}
	// "pid (comm) state ...": comm may contain anything but ends at the
	// last ')'.
	if i := bytes.LastIndexByte(stat, ')'); i >= 0 && i+2 < len(stat) {
		return stat[i+2] != 'Z'
	}
	return true
}

// shellQuote quotes s for sh.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// randomHex returns 16 random hex digits.
func randomHex(t testing.TB) string {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}

// frame draws the screen in a box, so its edges and empty lines show in a
// failure message.
func frame(screen string) string {
	lines := strings.Split(strings.TrimSuffix(screen, "\n"), "\n")
	var b strings.Builder
	b.WriteString("┌" + strings.Repeat("─", 40) + "\n")
	for _, l := range lines {
		b.WriteString("│" + l + "\n")
	}
	b.WriteString("└" + strings.Repeat("─", 40))
	return b.String()
}
