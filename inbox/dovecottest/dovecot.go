//go:build unix

// Package dovecottest starts a throwaway Dovecot IMAP server for tests, in
// the spirit of net/http/httptest: a real server on loopback with one user
// and an empty Maildir in a temporary folder, stopped when the test ends.
//
// Tests that need Dovecot are skipped where it is not installed, unless the
// environment variable DSRDESK_TEST_REQUIRE names "dovecot" (see Required):
// set it in CI, so that a missing package fails instead of passing silently.
//
// It works as root (Dovecot then runs mail processes as its "dovecot" user)
// and as an ordinary user (everything runs as that user). Unix only.
package dovecottest

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// RequireEnv is the environment variable holding a comma-separated list of
// test dependencies (such as "dovecot" or "tmux") that must be present: a
// test whose dependency is listed fails instead of being skipped.
const RequireEnv = "DSRDESK_TEST_REQUIRE"

// startTimeout bounds how long Start and Restart wait for the greeting.
const startTimeout = 10 * time.Second

// Required reports whether the dependency name is listed in
// DSRDESK_TEST_REQUIRE (comma-separated, case-insensitive).
func Required(name string) bool {
	for _, field := range strings.Split(os.Getenv(RequireEnv), ",") {
		if strings.EqualFold(strings.TrimSpace(field), name) {
			return true
		}
	}
	return false
}

var announced sync.Map // dependency name -> struct{}, so the stderr notice is printed once

// SkipOrFail ends the test because the dependency name is unavailable, msg
// saying why and how to install it. It calls t.Fatal if Required(name), and
// t.Skip otherwise; in the skip case the message is also written once per
// process to standard error, so that it shows even without go test -v.
func SkipOrFail(t testing.TB, name, msg string) {
	t.Helper()
	if Required(name) {
		t.Fatalf("FAIL: %s (%s lists %q)", msg, RequireEnv, name)
	}
	if _, seen := announced.LoadOrStore(name, struct{}{}); !seen {
		fmt.Fprintf(os.Stderr, "SKIP: %s (set %s=%s to make this fail)\n", msg, RequireEnv, name)
	}
	t.Skipf("SKIP: %s", msg)
}

// Server is a Dovecot instance on loopback with one user and a Maildir in a
// temporary folder. Connect to Addr with plaintext LOGIN User Password (no
// TLS). All fields are read-only.
type Server struct {
	Addr     string // host:port on 127.0.0.1
	User     string
	Password string // random per server

	bin  string // dovecot binary
	dir  string // everything lives here; removed at cleanup
	conf string
	log  string // Dovecot's own log
	out  string // the master's stdout and stderr (errors before the log is open)

	mu       sync.Mutex
	master   *exec.Cmd     // nil while stopped
	exited   chan struct{} // closed once master has been waited for
	watchdog *exec.Cmd     // kills master's process group if the test binary dies
	watchW   *os.File      // write end of the watchdog's stdin
}

// Start starts Dovecot for the test and stops it (and removes its files) in
// t.Cleanup. Where the dovecot binary is missing it skips the test, or fails
// it if DSRDESK_TEST_REQUIRE contains "dovecot".
func Start(t testing.TB) *Server {
	t.Helper()
	bin := findDovecot()
	if bin == "" {
		SkipOrFail(t, "dovecot", "dovecot not installed: apt-get install dovecot-imapd")
	}

	dir, err := makeDir()
	if err != nil {
		t.Fatalf("dovecottest: %v", err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })

	s := &Server{
		User:     "privacy",
		Password: randomPassword(),
		bin:      bin,
		dir:      dir,
		conf:     filepath.Join(dir, "dovecot.conf"),
		log:      filepath.Join(dir, "dovecot.log"),
		out:      filepath.Join(dir, "master.out"),
	}
	t.Cleanup(func() { s.Stop(t) })

	ids, err := currentIDs()
	if err != nil {
		t.Fatalf("dovecottest: %v", err)
	}
	if err := s.prepare(ids); err != nil {
		t.Fatalf("dovecottest: %v", err)
	}

	// The port is picked by binding :0 and closing, so another process may
	// take it before Dovecot binds it; retry with a fresh port in that case.
	for attempt := 1; ; attempt++ {
		port, err := freePort()
		if err != nil {
			t.Fatalf("dovecottest: %v", err)
		}
		s.Addr = net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
		os.Remove(s.log) // so that the check below sees this attempt only
		os.Remove(s.out)
		if err := s.writeConfig(ids, port); err != nil {
			t.Fatalf("dovecottest: %v", err)
		}
		err = s.launch()
		if err == nil {
			return s
		}
		if attempt < 5 && strings.Contains(s.logs(), "Address already in use") {
			s.Stop(t)
			continue
		}
		s.Stop(t)
		t.Fatalf("dovecottest: %v\n%s", err, s.logs())
	}
}

// Stop stops the daemon and waits until all its processes have exited, so
// the port refuses connections afterwards. Mail is kept for Restart. Stop is
// idempotent; Start arranges for it to run at cleanup.
func (s *Server) Stop(t testing.TB) {
	t.Helper()
	if err := s.stop(); err != nil {
		t.Errorf("dovecottest: stop: %v\n%s", err, s.logs())
	}
}

// Restart starts the daemon again on the same port with the same mail, after
// Stop. It is a no-op while the server is running.
func (s *Server) Restart(t testing.TB) {
	t.Helper()
	if err := s.launch(); err != nil {
		s.Stop(t)
		t.Fatalf("dovecottest: restart: %v\n%s", err, s.logs())
	}
}

// Append puts a raw message into mailbox, creating the mailbox if needed,
// with the given INTERNALDATE (server time if zero) and flags such as
// `\Seen`, over IMAP. It returns the new message's UID.
func (s *Server) Append(t testing.TB, mailbox string, raw []byte, internalDate time.Time, flags ...string) uint32 {
	t.Helper()
	c := s.dial(t)
	defer logout(c)

	if !strings.EqualFold(mailbox, "INBOX") {
		err := c.Create(mailbox, nil).Wait()
		var imapErr *imap.Error
		if err != nil && !(errors.As(err, &imapErr) && imapErr.Code == imap.ResponseCodeAlreadyExists) {
			t.Fatalf("dovecottest: CREATE %q: %v", mailbox, err)
		}
	}

	opts := &imap.AppendOptions{Time: internalDate}
	for _, f := range flags {
		opts.Flags = append(opts.Flags, imap.Flag(f))
	}
	cmd := c.Append(mailbox, int64(len(raw)), opts)
	_, werr := cmd.Write(raw)
	cerr := cmd.Close()
	data, err := cmd.Wait()
	if err = errors.Join(werr, cerr, err); err != nil {
		t.Fatalf("dovecottest: APPEND to %q: %v", mailbox, err)
	}
	if data.UID == 0 {
		t.Fatalf("dovecottest: APPEND to %q: no APPENDUID in the reply", mailbox)
	}
	return uint32(data.UID)
}

// Flags returns the flags of every message in mailbox by UID, sorted, read
// with EXAMINE so that reading them changes nothing. The session-dependent
// \Recent flag is left out.
func (s *Server) Flags(t testing.TB, mailbox string) map[uint32][]string {
	t.Helper()
	c := s.dial(t)
	defer logout(c)

	sel, err := c.Select(mailbox, &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		t.Fatalf("dovecottest: EXAMINE %q: %v", mailbox, err)
	}
	out := make(map[uint32][]string)
	if sel.NumMessages == 0 {
		return out
	}
	var all imap.SeqSet
	all.AddRange(1, 0) // 1:*
	msgs, err := c.Fetch(all, &imap.FetchOptions{UID: true, Flags: true}).Collect()
	if err != nil {
		t.Fatalf("dovecottest: FETCH FLAGS in %q: %v", mailbox, err)
	}
	for _, m := range msgs {
		flags := []string{}
		for _, f := range m.Flags {
			if !strings.EqualFold(string(f), `\Recent`) {
				flags = append(flags, string(f))
			}
		}
		slices.Sort(flags)
		out[uint32(m.UID)] = flags
	}
	return out
}

// dial connects and logs in. Every I/O is bounded so that a wedged server
// fails the test instead of hanging it.
func (s *Server) dial(t testing.TB) *imapclient.Client {
	t.Helper()
	conn, err := net.DialTimeout("tcp", s.Addr, 5*time.Second)
	if err != nil {
		t.Fatalf("dovecottest: %v", err)
	}
	conn.SetDeadline(time.Now().Add(30 * time.Second))
	c := imapclient.New(conn, nil)
	if err := c.WaitGreeting(); err != nil {
		c.Close()
		t.Fatalf("dovecottest: greeting: %v", err)
	}
	if err := c.Login(s.User, s.Password).Wait(); err != nil {
		c.Close()
		t.Fatalf("dovecottest: LOGIN: %v\n%s", err, s.logs())
	}
	return c
}

func logout(c *imapclient.Client) {
	c.Logout().Wait()
	c.Close()
}

// ids are the accounts the server runs under.
type ids struct {
	internalUser  string // default_internal_user; owns the mail
	internalGroup string // default_internal_group; owns some sockets
	loginUser     string // default_login_user
	uid, gid      int    // mail_uid and mail_gid
	root          bool
}

// currentIDs chooses the accounts: as root, Debian's dovecot and dovenull
// users (imap refuses to run as root); otherwise the current user for
// everything, as Dovecot cannot switch users then.
func currentIDs() (ids, error) {
	if os.Geteuid() != 0 {
		u, err := user.Current()
		if err != nil {
			return ids{}, fmt.Errorf("current user: %w", err)
		}
		g, err := user.LookupGroupId(strconv.Itoa(os.Getegid()))
		if err != nil {
			return ids{}, fmt.Errorf("current group: %w", err)
		}
		return ids{
			internalUser:  u.Username,
			internalGroup: g.Name,
			loginUser:     u.Username,
			uid:           os.Geteuid(),
			gid:           os.Getegid(),
		}, nil
	}
	u, err := user.Lookup("dovecot")
	if err != nil {
		return ids{}, fmt.Errorf("running as root needs the dovecot user that dovecot-core creates: %w", err)
	}
	id := ids{internalUser: u.Username, internalGroup: u.Username, loginUser: u.Username, root: true}
	if id.uid, err = strconv.Atoi(u.Uid); err != nil {
		return ids{}, fmt.Errorf("dovecot uid %q: %w", u.Uid, err)
	}
	if id.gid, err = strconv.Atoi(u.Gid); err != nil {
		return ids{}, fmt.Errorf("dovecot gid %q: %w", u.Gid, err)
	}
	if g, err := user.LookupGroupId(u.Gid); err == nil {
		id.internalGroup = g.Name
	}
	if _, err := user.Lookup("dovenull"); err == nil {
		id.loginUser = "dovenull"
	}
	return id, nil
}

// prepare writes the password file and the user's empty home, owned by the
// mail user.
func (s *Server) prepare(id ids) error {
	home := s.home()
	if err := os.MkdirAll(home, 0o700); err != nil {
		return err
	}
	for _, d := range []string{filepath.Join(s.dir, "state"), filepath.Join(s.dir, "run")} {
		if err := os.Mkdir(d, 0o755); err != nil {
			return err
		}
	}
	// passwd-file: user:password:uid:gid:gecos:home:shell; the empty uid and
	// gid fall back to mail_uid and mail_gid.
	users := filepath.Join(s.dir, "users")
	line := fmt.Sprintf("%s:{PLAIN}%s::::%s::\n", s.User, s.Password, home)
	if err := os.WriteFile(users, []byte(line), 0o600); err != nil {
		return err
	}
	if id.root {
		// auth reads the password file as the internal user; imap runs as
		// the mail user. Both are dovecot.
		for _, p := range []string{users, filepath.Dir(home), home} {
			if err := os.Chown(p, id.uid, id.gid); err != nil {
				return err
			}
		}
	}
	return nil
}

func (s *Server) home() string { return filepath.Join(s.dir, "home", s.User) }

func (s *Server) writeConfig(id ids, port int) error {
	conf := fmt.Sprintf(`# Throwaway test server; written from scratch, nothing from /etc/dovecot.
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
# No delay after a failed login, and no growing per-IP penalty (anvil
# below): tests try wrong passwords on purpose.
auth_failure_delay = 0

base_dir = %[1]s/run
state_dir = %[1]s/state
log_path = %[2]s
info_log_path = %[2]s
log_timestamp = "%%H:%%M:%%S "

default_internal_user = %[3]s
default_internal_group = %[8]s
default_login_user = %[4]s
mail_uid = %[5]d
mail_gid = %[6]d
# Debian's dovecot uid is below the default first_valid_uid of 500.
first_valid_uid = %[5]d
last_valid_uid = 0
first_valid_gid = %[6]d
last_valid_gid = 0

mail_location = maildir:~/Maildir
namespace inbox {
  inbox = yes
  separator = /
}

passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%%u %[1]s/users
}
userdb {
  driver = passwd-file
  args = username_format=%%u %[1]s/users
}

service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = %[7]d
  }
  # No TLS listener at all.
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
`, s.dir, s.log, id.internalUser, id.loginUser, id.uid, id.gid, port, id.internalGroup)
	return os.WriteFile(s.conf, []byte(conf), 0o644)
}

// launch starts the master in the foreground as a child in its own process
// group, with a watchdog that kills that group should the test binary die
// without cleaning up (a go test -timeout panic, a signal). It returns once
// the server has greeted a client.
func (s *Server) launch() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.master != nil {
		select {
		case <-s.exited: // died on its own: clean up, then start afresh
			s.stopLocked()
		default:
			return nil
		}
	}
	// A master.pid left by an earlier run makes Dovecot refuse to start if
	// that pid happens to have been reused by a live process.
	os.Remove(filepath.Join(s.dir, "run", "master.pid"))

	out, err := os.OpenFile(s.out, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	defer out.Close()
	master := exec.Command(s.bin, "-F", "-c", s.conf)
	master.Dir = s.dir
	master.Stdout, master.Stderr = out, out
	master.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := master.Start(); err != nil {
		return fmt.Errorf("starting %s: %w", s.bin, err)
	}
	exited := make(chan struct{})
	go func() {
		master.Wait()
		close(exited)
	}()
	s.master, s.exited = master, exited

	pgid := master.Process.Pid
	r, w, err := os.Pipe()
	if err != nil {
		s.stopLocked()
		return err
	}
	// The watchdog blocks reading its stdin; the write end lives only in
	// this process (os.Pipe sets close-on-exec), so the read returns when
	// we exit, whichever way. It then kills the group and removes the
	// folder, as our cleanups will not run.
	const script = `trap '' HUP INT TERM; read -r _
kill -s TERM -- "-$1" 2>/dev/null; sleep 2; kill -s KILL -- "-$1" 2>/dev/null
rm -rf -- "$2"`
	watchdog := exec.Command("/bin/sh", "-c", script, "dovecottest-watchdog", strconv.Itoa(pgid), s.dir)
	watchdog.Stdin = r
	watchdog.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	err = watchdog.Start()
	r.Close()
	if err != nil {
		w.Close()
		s.stopLocked()
		return fmt.Errorf("starting watchdog: %w", err)
	}
	s.watchdog, s.watchW = watchdog, w

	if err := s.waitReady(exited); err != nil {
		s.stopLocked()
		return err
	}
	return nil
}

// waitReady polls until a connection gets the IMAP greeting.
func (s *Server) waitReady(exited <-chan struct{}) error {
	deadline := time.Now().Add(startTimeout)
	var lastErr error
	for time.Now().Before(deadline) {
		select {
		case <-exited:
			return errors.New("dovecot exited during startup")
		default:
		}
		if lastErr = greet(s.Addr); lastErr == nil {
			return nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	return fmt.Errorf("no IMAP greeting on %s within %v: %v", s.Addr, startTimeout, lastErr)
}

func greet(addr string) error {
	conn, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return err
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(2 * time.Second))
	line, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil {
		return err
	}
	if !strings.HasPrefix(line, "* OK") {
		return fmt.Errorf("unexpected greeting %q", line)
	}
	conn.Write([]byte("x LOGOUT\r\n"))
	return nil
}

func (s *Server) stop() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stopLocked()
}

// stopLocked disarms the watchdog, sends SIGTERM to the whole process group
// (which takes about 50 ms, where signalling only the master makes it linger
// a second for its log process), and makes sure the group is gone, killing
// stragglers.
func (s *Server) stopLocked() error {
	if s.master == nil {
		return nil
	}
	if s.watchdog != nil {
		s.watchdog.Process.Kill()
		s.watchdog.Wait()
		s.watchW.Close()
		s.watchdog, s.watchW = nil, nil
	}

	// The master is reaped only just before s.exited is closed, so until
	// then its pid, and with it the group id, cannot be reused.
	pgid := s.master.Process.Pid
	var errs []error
	select {
	case <-s.exited:
		// It died on its own; only orphans, if any, are left to kill.
	default:
		syscall.Kill(-pgid, syscall.SIGTERM)
		select {
		case <-s.exited:
		case <-time.After(10 * time.Second):
			errs = append(errs, errors.New("dovecot did not exit within 10s of SIGTERM; killed"))
			syscall.Kill(-pgid, syscall.SIGKILL)
			<-s.exited
		}
	}
	s.master, s.exited = nil, nil

	// Children that outlived the master could still hold the port. The
	// group id cannot be reused while any of them lives.
	if !groupGone(pgid, 5*time.Second) {
		syscall.Kill(-pgid, syscall.SIGKILL)
		if !groupGone(pgid, 5*time.Second) {
			errs = append(errs, fmt.Errorf("processes of group %d still running after SIGKILL", pgid))
		}
	}
	return errors.Join(errs...)
}

// groupGone polls until no live process is left in the process group.
func groupGone(pgid int, timeout time.Duration) bool {
	deadline := time.Now().Add(timeout)
	for {
		if !groupAlive(pgid) {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// groupAlive reports whether a process of the group is running. Zombies do
// not count: children orphaned by the master are reaped by init, which in
// some containers takes a second or more. Without /proc, zombies count.
func groupAlive(pgid int) bool {
	if err := syscall.Kill(-pgid, 0); errors.Is(err, syscall.ESRCH) {
		return false
	}
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return true
	}
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		return true
	}
	for _, e := range entries {
		if _, err := strconv.Atoi(e.Name()); err != nil {
			continue
		}
		data, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue // gone meanwhile
		}
		// pid (comm) state ppid pgrp ...; comm may contain spaces and parens.
		i := strings.LastIndexByte(string(data), ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(string(data[i+1:]))
		if len(f) >= 3 && f[2] == strconv.Itoa(pgid) && f[0] != "Z" && f[0] != "X" {
			return true
		}
	}
	return false
}

// logs returns the master's output and Dovecot's log, for failure messages.
func (s *Server) logs() string {
	var b strings.Builder
	for _, p := range []string{s.out, s.log} {
		data, err := os.ReadFile(p)
		if err != nil || len(data) == 0 {
			continue
		}
		fmt.Fprintf(&b, "--- %s\n%s", filepath.Base(p), data)
	}
	if b.Len() == 0 {
		return "(no Dovecot output)"
	}
	return b.String()
}

// findDovecot looks for the binary in PATH and then where packages put it,
// as sbin is often missing from an ordinary user's PATH.
func findDovecot() string {
	if p, err := exec.LookPath("dovecot"); err == nil {
		return p
	}
	for _, p := range []string{"/usr/sbin/dovecot", "/usr/local/sbin/dovecot", "/opt/homebrew/sbin/dovecot"} {
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0 {
			return p
		}
	}
	return ""
}

// makeDir creates the server's folder. It is not t.TempDir: Dovecot's unix
// sockets live in base_dir and a socket path may not exceed about 100 bytes,
// which t.TempDir (named after the test) easily does; and the unprivileged
// dovecot processes must be able to traverse every parent, which t.TempDir's
// 0700 parents forbid.
func makeDir() (string, error) {
	parent := os.TempDir()
	if len(parent) > 40 || strings.ContainsAny(parent, " \t\"'#$%\\") {
		parent = "/tmp" // keep socket paths short and the config unquoted
	}
	dir, err := os.MkdirTemp(parent, "dovecottest")
	if err != nil {
		return "", err
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		os.RemoveAll(dir)
		return "", err
	}
	return dir, nil
}

// freePort returns a loopback port that was free a moment ago.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// randomPassword returns 24 hex digits: nothing that passwd-file's colons or
// IMAP quoting could trip on.
func randomPassword() string {
	b := make([]byte, 12)
	rand.Read(b)
	return hex.EncodeToString(b)
}
