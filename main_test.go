package main

// End-to-end tests: the real dsrdesk binary against a real Dovecot.

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/big"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"dsrdesk/inbox"
	"dsrdesk/inbox/demo"
	"dsrdesk/inbox/dovecottest"
	"dsrdesk/register"

	"github.com/emersion/go-imap/v2"
)

// binary is the dsrdesk binary built for these tests.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "dsrdesk-test-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "dsrdesk")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "build dsrdesk: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// env is one test's private world: config, database and state folders.
type env struct {
	t      *testing.T
	dir    string
	config string
	db     string
}

// newEnv writes a config for the Dovecot server s (password in a 0600 file).
func newEnv(t *testing.T, imap string) *env {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "home")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, dir: dir, config: filepath.Join(dir, "config.toml"), db: filepath.Join(dir, "data", "dsrdesk.db")}
	if err := os.WriteFile(e.config, []byte(imap), 0o600); err != nil {
		t.Fatal(err)
	}
	return e
}

// dovecotConfig is the [imap] section for s, its password in a private file.
func dovecotConfig(t *testing.T, s *dovecottest.Server) string {
	pwFile := filepath.Join(t.TempDir(), "imap-password")
	if err := os.WriteFile(pwFile, []byte(s.Password+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	host, port, _ := net.SplitHostPort(s.Addr)
	return fmt.Sprintf("[imap]\nhost = %q\nport = %s\nsecurity = \"plain\"\nusername = %q\npassword_file = %q\n",
		host, port, s.User, pwFile)
}

// run runs dsrdesk with args plus --config and --db, returning its output.
func (e *env) run(args ...string) (stdout, stderr string, err error) {
	e.t.Helper()
	cmd := e.command(args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err = cmd.Run()
	return out.String(), errb.String(), err
}

func (e *env) command(args ...string) *exec.Cmd {
	cmd := exec.Command(binary, append(args, "--config", e.config, "--db", e.db)...)
	cmd.Env = append(os.Environ(), "HOME="+e.dir, "XDG_STATE_HOME="+filepath.Join(e.dir, "state"),
		"XDG_CONFIG_HOME="+filepath.Join(e.dir, "config"), "XDG_DATA_HOME="+filepath.Join(e.dir, "data"))
	return cmd
}

// mustRun runs dsrdesk and fails the test if it fails.
func (e *env) mustRun(args ...string) string {
	e.t.Helper()
	out, errs, err := e.run(args...)
	if err != nil {
		e.t.Fatalf("dsrdesk %s: %v\n%s%s", strings.Join(args, " "), err, out, errs)
	}
	return out
}

// jsonCase is what `cases --json` prints for one case.
type jsonCase struct {
	ID              int64    `json:"id"`
	Tag             string   `json:"tag"`
	Status          string   `json:"status"`
	Kinds           []string `json:"kinds"`
	ReceivedAt      string   `json:"received_at"`
	DueDate         string   `json:"due_date"`
	ExtendedDueDate string   `json:"extended_due_date"`
	Requester       struct {
		Email string `json:"email"`
		Name  string `json:"name"`
	} `json:"requester"`
	Customers  []string `json:"customers"`
	MessageIDs []string `json:"message_ids"`
	Subject    string   `json:"subject"`
}

func (e *env) cases(args ...string) []jsonCase {
	e.t.Helper()
	var out []jsonCase
	if err := json.Unmarshal([]byte(e.mustRun(append([]string{"cases", "--json"}, args...)...)), &out); err != nil {
		e.t.Fatalf("cases --json: %v", err)
	}
	return out
}

// requestMail returns a small request e-mail.
func requestMail(n int, from, subject string) []byte {
	return []byte(fmt.Sprintf("From: Requester %d <%s>\r\nTo: sesoma@sesoma.fi\r\nSubject: %s\r\n"+
		"Message-ID: <req-%d@example.fi>\r\nDate: Mon, 2 Nov 2026 10:00:00 +0200\r\nMIME-Version: 1.0\r\n"+
		"Content-Type: text/plain; charset=utf-8\r\n\r\nHei, haluan tarkastaa mitä tietoja minusta on rekisterissänne (pyyntö %d).\r\n",
		n, from, subject, n, n))
}

func TestSyncAgainstDovecot(t *testing.T) {
	s := dovecottest.Start(t)
	e := newEnv(t, dovecotConfig(t, s))
	received := time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC)
	for i := 1; i <= 5; i++ {
		s.Append(t, "INBOX", requestMail(i, fmt.Sprintf("p%d@example.fi", i), "Tietopyyntö"), received.Add(time.Duration(i)*time.Minute))
	}
	autoReply := "From: Matti <matti@example.fi>\r\nTo: sesoma@sesoma.fi\r\nSubject: Automaattinen vastaus: Tilaus\r\n" +
		"Auto-Submitted: auto-replied\r\nMessage-ID: <ooo@example.fi>\r\n\r\nOlen lomalla.\r\n"
	s.Append(t, "INBOX", []byte(autoReply), received)

	profile := filepath.Join(e.dir, "sync.prof")
	out := e.mustRun("sync", "--cpuprofile", profile)
	if !strings.Contains(out, "6 fetched, 6 new messages stored, 5 new cases") {
		t.Fatalf("first sync said %q", out)
	}
	// The profile is pprof's gzipped protocol buffer, private like the rest.
	if b, err := os.ReadFile(profile); err != nil || len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
		t.Errorf("CPU profile: %d bytes, %v; want a gzipped pprof profile", len(b), err)
	} else if fi, _ := os.Stat(profile); fi.Mode().Perm() != 0o600 {
		t.Errorf("CPU profile mode %04o, want 0600", fi.Mode().Perm())
	}
	if got := e.cases(); len(got) != 5 {
		t.Fatalf("%d cases after the first sync, want 5 (the auto-reply is not a case)", len(got))
	}
	out = e.mustRun("sync")
	if !strings.Contains(out, "0 fetched, 0 new messages stored, 0 new cases") {
		t.Fatalf("second sync said %q, want nothing new", out)
	}
	s.Append(t, "INBOX", requestMail(6, "late@example.se", "Registerutdrag"), time.Now())
	out = e.mustRun("sync")
	if !strings.Contains(out, "1 fetched, 1 new messages stored, 1 new cases") {
		t.Fatalf("third sync said %q, want the new message", out)
	}
	if got := e.cases(); len(got) != 6 {
		t.Fatalf("%d cases, want 6", len(got))
	}
	if got := e.cases("--all"); len(got) != 6 {
		t.Fatalf("%d cases with --all, want 6 (none is closed yet)", len(got))
	}
	for uid, flags := range s.Flags(t, "INBOX") {
		for _, f := range flags {
			if strings.EqualFold(f, `\Seen`) {
				t.Errorf("message UID %d is \\Seen on the server after sync", uid)
			}
		}
	}
	// The log holds what was done, never the password.
	logb, _ := os.ReadFile(filepath.Join(e.dir, "state", "dsrdesk", "dsrdesk.log"))
	if !strings.Contains(string(logb), "synced") || strings.Contains(string(logb), s.Password) {
		t.Errorf("log: want sync lines and no password, got:\n%s", logb)
	}
}

// TestDueDateEndToEnd: the receipt instant is the server's INTERNALDATE,
// judged in Helsinki: 4 March 22:30 UTC is 5 March there, and the last day,
// 5 April 2026, is Easter Sunday, so the answer is due Tuesday 7 April.
func TestDueDateEndToEnd(t *testing.T) {
	s := dovecottest.Start(t)
	e := newEnv(t, dovecotConfig(t, s))
	raw := []byte("From: =?UTF-8?Q?P=C3=A4ivi_M=C3=A4kinen?= <paivi@example.fi>\r\nTo: sesoma@sesoma.fi\r\n" +
		"Subject: =?ISO-8859-1?Q?Tietopyynt=F6?=\r\nMessage-ID: <clock@example.fi>\r\n" +
		"Date: Wed, 4 Mar 2026 12:00:00 +0200\r\n\r\nPyydan tietojani.\r\n")
	s.Append(t, "INBOX", raw, time.Date(2026, 3, 4, 22, 30, 0, 0, time.UTC))
	e.mustRun("sync")
	got := e.cases()
	if len(got) != 1 {
		t.Fatalf("%d cases, want 1", len(got))
	}
	c := got[0]
	if c.ReceivedAt != "2026-03-05T00:30:00+02:00" || c.DueDate != "2026-04-07" || c.ExtendedDueDate != "2026-06-05" {
		t.Errorf("received %s due %s extended %s; want 2026-03-05T00:30:00+02:00, 2026-04-07, 2026-06-05",
			c.ReceivedAt, c.DueDate, c.ExtendedDueDate)
	}
	if c.Requester.Name != "Päivi Mäkinen" || c.Requester.Email != "paivi@example.fi" || c.Subject != "Tietopyyntö" {
		t.Errorf("requester %+v subject %q", c.Requester, c.Subject)
	}
	if len(c.MessageIDs) != 1 || c.MessageIDs[0] != "clock@example.fi" || c.Status != "open" || c.Kinds == nil || c.Customers == nil {
		t.Errorf("case %+v", c)
	}
	table := e.mustRun("cases")
	if !strings.Contains(table, "Päivi Mäkinen") || !strings.Contains(table, "2026-04-07") {
		t.Errorf("cases table:\n%s", table)
	}
}

// TestSyncKilledMidway: a sync killed with SIGKILL in the middle loses and
// duplicates nothing once it runs again.
func TestSyncKilledMidway(t *testing.T) {
	s := dovecottest.Start(t)
	e := newEnv(t, dovecotConfig(t, s))
	const n = 3000 // enough that the sync is still running when the first batch shows
	filler := strings.Repeat("Tämä on pitkä viesti, jotta synkronointi kestää hetken. ", 200)
	raws := make([][]byte, n)
	for i := range raws {
		raws[i] = append(requestMail(i+1, fmt.Sprintf("p%d@example.fi", i+1), "Pyyntö"), filler...)
	}
	s.Deliver(t, "INBOX", raws, time.Now())
	cmd := e.command("sync")
	cmd.Stderr = new(bytes.Buffer) // for waitAndKill's report
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	killedAt := waitAndKill(t, cmd, e.db, n)
	t.Logf("killed the sync after %d of %d messages were stored", killedAt, n)

	e.mustRun("sync")
	db, err := register.Open(context.Background(), e.db)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	msgs, _ := db.Messages(context.Background())
	seen := map[string]bool{}
	for _, m := range msgs {
		if seen[m.MessageID] {
			t.Errorf("message %s stored twice", m.MessageID)
		}
		seen[m.MessageID] = true
	}
	if len(seen) != n {
		t.Fatalf("%d distinct messages stored, want %d", len(seen), n)
	}
	if got := e.cases(); len(got) != n {
		t.Fatalf("%d cases, want %d", len(got), n)
	}
}

// waitAndKill kills cmd with SIGKILL as soon as some but not all of n
// messages are in the database, and returns how many were. When nothing is
// stored in time it reports cmd's exit and its standard error, if that is a
// *bytes.Buffer.
func waitAndKill(t *testing.T, cmd *exec.Cmd, dbPath string, n int) int {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if count := countMessages(dbPath); count > 0 {
			cmd.Process.Signal(syscall.SIGKILL)
			cmd.Wait()
			if count >= n {
				t.Fatalf("the sync finished before it could be killed; raise the message count")
			}
			return count
		}
		time.Sleep(2 * time.Millisecond)
	}
	cmd.Process.Kill()
	err := cmd.Wait()
	stderr := ""
	if b, ok := cmd.Stderr.(*bytes.Buffer); ok {
		stderr = b.String()
	}
	t.Fatalf("the sync stored nothing within 60 s (exit %v, stderr %q)", err, stderr)
	return 0
}

// countMessages counts stored messages with the sqlite3 driver directly,
// reading the live database as another process would.
func countMessages(dbPath string) int {
	if _, err := os.Stat(dbPath); err != nil {
		return 0
	}
	db, err := register.Open(context.Background(), dbPath)
	if err != nil {
		return 0
	}
	defer db.Close()
	msgs, _ := db.Messages(context.Background())
	return len(msgs)
}

// TestSyncFailures: each failure is one clear line and a non-zero exit.
func TestSyncFailures(t *testing.T) {
	s := dovecottest.Start(t)

	wrong := newEnv(t, strings.Replace(dovecotConfig(t, s), "password_file", "password_command = \"echo wrong-password\"\n#", 1))
	checkOneLineFailure(t, wrong, "login as "+s.User+" failed")

	closed := freeLoopbackPort(t)
	unreachable := newEnv(t, fmt.Sprintf("[imap]\nhost = \"127.0.0.1\"\nport = %d\nsecurity = \"plain\"\nusername = \"x\"\npassword_command = \"echo x\"\n", closed))
	checkOneLineFailure(t, unreachable, "cannot reach IMAP server 127.0.0.1:")

	addr := selfSignedTLSServer(t)
	host, port, _ := net.SplitHostPort(addr)
	badCert := newEnv(t, fmt.Sprintf("[imap]\nhost = %q\nport = %s\nusername = \"x\"\npassword_command = \"echo x\"\n", host, port))
	checkOneLineFailure(t, badCert, "TLS with IMAP server")
}

func checkOneLineFailure(t *testing.T, e *env, want string) {
	t.Helper()
	out, errs, err := e.run("sync")
	if err == nil {
		t.Fatalf("sync succeeded, want a failure mentioning %q; output %q", want, out)
	}
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	if len(lines) != 1 || !strings.Contains(errs, want) {
		t.Fatalf("stderr %q: want one line containing %q", errs, want)
	}
}

// freeLoopbackPort returns a loopback port nothing listens on.
func freeLoopbackPort(t *testing.T) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	return port
}

// selfSignedTLSServer serves TLS with a certificate no one trusts.
func selfSignedTLSServer(t *testing.T) string {
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "127.0.0.1"},
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")},
		NotBefore:   time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	l, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() { c.(*tls.Conn).Handshake(); c.Close() }()
		}
	}()
	return l.Addr().String()
}

// TestSyncStoppedBySignal: SIGTERM ends a sync stuck on a silent server at
// once, with a plain message rather than the network error it caused.
func TestSyncStoppedBySignal(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() { // accept and never greet
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			defer c.Close()
		}
	}()
	host, port, _ := net.SplitHostPort(l.Addr().String())
	e := newEnv(t, fmt.Sprintf("[imap]\nhost = %q\nport = %s\nsecurity = \"plain\"\nusername = \"u\"\npassword_command = \"echo x\"\n", host, port))
	cmd := e.command("sync")
	var errb bytes.Buffer
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond) // let it connect and wait for the greeting
	cmd.Process.Signal(syscall.SIGTERM)
	err = cmd.Wait()
	if err == nil || strings.TrimSpace(errb.String()) != "dsrdesk: stopped by a signal" {
		t.Fatalf("exit %v, stderr %q; want a failure saying it was stopped by a signal", err, errb.String())
	}
}

// TestConfigErrors: a bad config is one clear error naming the file and key.
func TestConfigErrors(t *testing.T) {
	cases := []struct{ name, config, want string }{
		{"unknown key", "[imap]\nhots = \"x\"\n", `line 2: unknown key "imap.hots"`},
		{"bad value", "[imap]\nhost = \"imap.example.fi\"\nsecurity = \"ssl\"\nusername = \"u\"\n", `imap.security: want "tls", "starttls" or "plain"`},
		{"wrong type", "[imap]\nport = \"993\"\n", "line 2"},
		{"plain to a remote host", "[imap]\nhost = \"imap.example.fi\"\nsecurity = \"plain\"\nusername = \"u\"\n", "only to a loopback address"},
		{"missing host", "[imap]\nusername = \"u\"\n", "imap.host"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, c.config)
			_, errs, err := e.run("sync")
			if err == nil || !strings.Contains(errs, e.config) || !strings.Contains(errs, c.want) {
				t.Fatalf("stderr %q: want the file name and %q", errs, c.want)
			}
		})
	}
	t.Run("missing file", func(t *testing.T) {
		e := newEnv(t, "")
		os.Remove(e.config)
		_, errs, err := e.run("sync")
		if err == nil || !strings.Contains(errs, e.config+" does not exist") {
			t.Fatalf("stderr %q", errs)
		}
	})
	t.Run("password file readable by others", func(t *testing.T) {
		pw := filepath.Join(t.TempDir(), "pw")
		os.WriteFile(pw, []byte("secret\n"), 0o644)
		os.Chmod(pw, 0o644)
		e := newEnv(t, fmt.Sprintf("[imap]\nhost = \"127.0.0.1\"\nsecurity = \"plain\"\nusername = \"u\"\npassword_file = %q\n", pw))
		_, errs, err := e.run("sync")
		if err == nil || !strings.Contains(errs, "chmod o-rwx "+pw) {
			t.Fatalf("stderr %q: want the chmod fix", errs)
		}
	})
}

// TestDispositionsThatOpenCases: requests and unparseable mail open a case
// (only a person can tell what an unreadable message is); automatic mail is
// stored but opens none.
func TestDispositionsThatOpenCases(t *testing.T) {
	db, err := register.Open(context.Background(), filepath.Join(t.TempDir(), "data", "d.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	want := map[inbox.Disposition]int{inbox.Request: 1, inbox.Unparseable: 1, inbox.AutoReply: 0, inbox.Bounce: 0,
		inbox.Bulk: 0, inbox.Other: 0}
	uid := uint32(0)
	for d, cases := range want {
		uid++
		m := inbox.Mail{UID: uid, InternalDate: time.Now(), Raw: []byte{byte(uid)}, Hash: fmt.Sprint(uid), Verdict: inbox.Verdict{Disposition: d}}
		st, err := store{db}.StoreBatch(context.Background(), "INBOX", 1, uid, []inbox.Mail{m})
		if err != nil || st.Messages != 1 || st.Cases != cases {
			t.Errorf("%s: %+v, %v; want stored and %d case", d, st, err, cases)
		}
	}
	msgs, _ := db.Messages(context.Background())
	for _, m := range msgs {
		if _, ok := want[inbox.Disposition(m.Disposition)]; !ok {
			t.Errorf("stored disposition %q is none of inbox's", m.Disposition)
		}
	}
}

// TestHelpEverywhere: every command answers --help.
func TestHelpEverywhere(t *testing.T) {
	e := newEnv(t, "")
	for _, cmd := range []string{"", "demo", "sync", "cases", "help"} {
		args := []string{"--help"}
		if cmd != "" {
			args = []string{cmd, "--help"}
		}
		out, _, err := e.run(args...)
		if err != nil || !strings.Contains(out, "dsrdesk cases [--json] [--all]") {
			t.Errorf("dsrdesk %s --help: %v %q", cmd, err, out)
		}
	}
	if _, errs, err := e.run("frobnicate"); err == nil || !strings.Contains(errs, `unknown command "frobnicate"`) {
		t.Errorf("unknown command: %v %q", err, errs)
	}
}

// BenchmarkSync measures a first sync of 1,000 messages from the in-process
// IMAP server into a fresh database: fetch, parse, classify, store, cases.
func BenchmarkSync(b *testing.B) {
	srv, err := demo.Start(time.Now())
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	samples := demo.Samples()
	for i := len(samples); i < 1000; i++ {
		s := samples[i%len(samples)]
		raw := append([]byte(fmt.Sprintf("X-Bench: %d\r\n", i)), s.Raw...)
		if err := srv.Deliver(raw, time.Now().Add(-s.Age)); err != nil {
			b.Fatal(err)
		}
	}
	host, port, _ := splitHostPort(srv.Addr)
	cfg := inbox.Config{Host: host, Port: port, Security: inbox.Plain, Username: srv.Username, Mailbox: srv.Mailbox}
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dir := filepath.Join(b.TempDir(), "db")
		os.Mkdir(dir, 0o700)
		db, err := register.Open(ctx, filepath.Join(dir, "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		res, err := inbox.SyncOnce(ctx, cfg, srv.Password, store{db}, nil)
		if err != nil || res.Messages != 1000 {
			b.Fatalf("sync: %+v, %v", res, err)
		}
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(b.N*1000)/b.Elapsed().Seconds(), "msgs/s")
}

// jsonMessage is what `messages --json` prints for one message.
type jsonMessage struct {
	MessageID   string                       `json:"message_id"`
	ReceivedAt  string                       `json:"received_at"`
	From        struct{ Email, Name string } `json:"from"`
	Subject     string                       `json:"subject"`
	CaseID      *int64                       `json:"case_id"`
	Disposition string                       `json:"disposition"`
	Kinds       []string                     `json:"kinds"`
	Reasons     []string                     `json:"reasons"`
}

// TestThreadAgainstDovecot: a request, a reply to it with threading headers,
// a reply without them, an auto-reply and a newsletter make one case with a
// three-message thread and two messages of other mail, and `messages --json`
// accounts for all five.
func TestThreadAgainstDovecot(t *testing.T) {
	s := dovecottest.Start(t)
	e := newEnv(t, dovecotConfig(t, s))
	at := time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC)
	mail := func(headers, body string) []byte {
		return []byte(headers + "To: sesoma@sesoma.fi\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n")
	}
	s.Append(t, "INBOX", mail("From: Liisa Laine <liisa@example.fi>\r\nSubject: Tietopyyntö\r\nMessage-ID: <t1@example.fi>\r\n",
		"Hei,\r\nhaluan tietää, mitä henkilötietoja minusta on tallennettu rekisteriinne. Lähettäkää kopio tiedoistani.\r\nLiisa Laine"), at)
	s.Append(t, "INBOX", mail("From: Liisa Laine <liisa@example.fi>\r\nSubject: Re: Tietopyyntö\r\nMessage-ID: <t2@example.fi>\r\nIn-Reply-To: <t1@example.fi>\r\nReferences: <t1@example.fi>\r\n",
		"Asiakasnumeroni on 40127, jos se auttaa.\r\nLiisa"), at.Add(time.Hour))
	s.Append(t, "INBOX", mail("From: Liisa Laine <liisa@example.fi>\r\nSubject: VS: Tietopyyntö\r\nMessage-ID: <t3@example.fi>\r\n",
		"Vielä: osoitteeni on muuttunut, se on Kauppakatu 3, Vantaa.\r\nLiisa"), at.Add(2*time.Hour))
	s.Append(t, "INBOX", mail("From: Matti Virtanen <matti@example.fi>\r\nSubject: Automaattinen vastaus: Tietopyyntö\r\nMessage-ID: <t4@example.fi>\r\nAuto-Submitted: auto-replied\r\nIn-Reply-To: <t1@example.fi>\r\n",
		"Olen lomalla 30.11. asti."), at.Add(3*time.Hour))
	s.Append(t, "INBOX", mail("From: Alan uutiset <news@vendor.example>\r\nSubject: Uutiskirje: tietosuoja ja EDPB:n uudet ohjeet\r\nMessage-ID: <t5@vendor.example>\r\nList-Unsubscribe: <mailto:unsub@vendor.example>\r\nPrecedence: bulk\r\n",
		"Tämän kuun uutiskirjeessä: EDPB:n ohjeet rekisteröidyn oikeudesta saada pääsy tietoihin.\r\nPeru tilaus: https://vendor.example/unsub"), at.Add(4*time.Hour))

	e.mustRun("sync")
	cases := e.cases()
	if len(cases) != 1 || len(cases[0].MessageIDs) != 3 {
		t.Fatalf("cases %+v: want one case with a three-message thread", cases)
	}
	if strings.Join(cases[0].MessageIDs, " ") != "t1@example.fi t2@example.fi t3@example.fi" {
		t.Errorf("thread %v, want t1, t2, t3 in order", cases[0].MessageIDs)
	}
	var msgs []jsonMessage
	if err := json.Unmarshal([]byte(e.mustRun("messages", "--json")), &msgs); err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 5 {
		t.Fatalf("messages --json lists %d, want 5", len(msgs))
	}
	want := map[string]string{"t1@example.fi": "request", "t2@example.fi": "followup", "t3@example.fi": "followup",
		"t4@example.fi": "auto_reply", "t5@vendor.example": "bulk"}
	other := 0
	for _, m := range msgs {
		if m.Disposition != want[m.MessageID] || len(m.Reasons) == 0 {
			t.Errorf("%s: disposition %s reasons %v, want %s with reasons", m.MessageID, m.Disposition, m.Reasons, want[m.MessageID])
		}
		if m.CaseID == nil {
			other++
		}
	}
	if other != 2 {
		t.Errorf("%d messages without a case, want 2 (the auto-reply and the newsletter)", other)
	}
	if !strings.Contains(e.mustRun("messages"), "followup") {
		t.Error("the messages table does not show the dispositions")
	}
}

// corpusLabel is one line of inbox/testdata/corpus/labels.tsv.
type corpusLabel struct {
	file, disposition, lang, requester, thread string
	kinds                                      []string
}

func readCorpusLabels(t *testing.T) []corpusLabel {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("inbox", "testdata", "corpus", "labels.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	var out []corpusLabel
	for i, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		f := strings.Split(strings.TrimRight(line, "\r"), "\t")
		if i == 0 {
			continue // the header
		}
		if len(f) < 6 {
			t.Fatalf("labels.tsv line %d: %d fields, want at least 6", i+1, len(f))
		}
		l := corpusLabel{file: f[0], disposition: f[1], lang: f[3], requester: f[4], thread: f[5]}
		if f[2] != "-" {
			for _, k := range strings.Split(f[2], ",") {
				l.kinds = append(l.kinds, strings.TrimSpace(k))
			}
		}
		out = append(out, l)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].file < out[j].file })
	return out
}

// TestCorpus runs the labelled corpus — mail written in Finnish, Swedish and
// English apart from the classifier's rules — in order through the real
// parser, classifier and register (threading included), and prints how well
// requests are found: recall must be 100% (a missed request is the worst
// failure), precision at least 95%, exact kinds at least 95%.
// Run `go test -run TestCorpus -v .` to see the figures.
func TestCorpus(t *testing.T) {
	labels := readCorpusLabels(t)
	ctx := context.Background()
	db, err := register.Open(ctx, filepath.Join(t.TempDir(), "data", "corpus.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	at := time.Date(2026, 11, 2, 7, 0, 0, 0, time.UTC)
	for i, l := range labels {
		raw, err := os.ReadFile(filepath.Join("inbox", "testdata", "corpus", l.file))
		if err != nil {
			t.Fatal(err)
		}
		uid := uint32(i + 1)
		m := inbox.NewMail("INBOX", 1, imap.UID(uid), at.Add(time.Duration(i)*time.Minute), int64(len(raw)), raw, defaultStaffDomains)
		if _, err := (store{db}).StoreBatch(ctx, "INBOX", 1, uid, []inbox.Mail{m}); err != nil {
			t.Fatalf("%s: %v", l.file, err)
		}
	}
	msgs, _ := db.Messages(ctx)
	byUID := map[uint32]register.Message{}
	for _, m := range msgs {
		byUID[m.UID] = m
	}
	caseOf := map[string]int64{}
	cases, _ := db.Cases(ctx, register.CaseQuery{All: true})
	requesterOf := map[int64]string{}
	for _, c := range cases {
		requesterOf[c.ID] = c.Requester.Email
	}

	var tp, fn, fp, kindsRight, threads, threadsRight, requesters, requestersRight int
	confusion := map[string]map[string]int{}
	for i, l := range labels {
		m := byUID[uint32(i+1)]
		caseOf[l.file] = m.CaseID
		got := m.Disposition
		if got == register.DispositionUnparseable {
			got = "request"
		}
		if confusion[l.disposition] == nil {
			confusion[l.disposition] = map[string]int{}
		}
		confusion[l.disposition][got]++
		why := fmt.Sprintf("%s (%s): labelled %s %v, got %s %v uncertain=%v; reasons %q", l.file, l.lang, l.disposition, l.kinds,
			m.Disposition, m.Kinds, m.Uncertain, m.Reasons)
		switch {
		case l.disposition == "request" && got == "request":
			tp++
			if strings.Join(l.kinds, ",") == strings.Join(m.Kinds, ",") {
				kindsRight++
			} else {
				t.Logf("KINDS   %s", why)
			}
			requesters++
			if strings.EqualFold(requesterOf[m.CaseID], l.requester) {
				requestersRight++
			} else {
				t.Logf("REQUESTER %s: want %s, case has %s", l.file, l.requester, requesterOf[m.CaseID])
			}
		case l.disposition == "request":
			fn++
			t.Logf("MISSED  %s", why)
		case got == "request":
			fp++
			t.Logf("EXTRA   %s", why)
		}
		if l.disposition == "followup" {
			threads++
			if got == "followup" && m.CaseID != 0 && m.CaseID == caseOf[l.thread] {
				threadsRight++
			} else {
				t.Logf("THREAD  %s: want the case of %s", why, l.thread)
			}
		}
	}
	pct := func(a, b int) float64 {
		if b == 0 {
			return 100
		}
		return 100 * float64(a) / float64(b)
	}
	recall, precision, exact := pct(tp, tp+fn), pct(tp, tp+fp), pct(kindsRight, tp)
	t.Logf("corpus: %d messages, %d labelled requests", len(labels), tp+fn)
	t.Logf("request detection: recall %.1f%% (%d/%d), precision %.1f%% (%d/%d)", recall, tp, tp+fn, precision, tp, tp+fp)
	t.Logf("exact kinds: %.1f%% (%d/%d)", exact, kindsRight, tp)
	t.Logf("follow-ups joined to the right case: %.1f%% (%d/%d)", pct(threadsRight, threads), threadsRight, threads)
	t.Logf("requester right (incl. staff forwards): %.1f%% (%d/%d)", pct(requestersRight, requesters), requestersRight, requesters)
	var classes []string
	for k := range confusion {
		classes = append(classes, k)
	}
	sort.Strings(classes)
	for _, k := range classes {
		t.Logf("labelled %-10s → %v", k, confusion[k])
	}
	if recall < 100 || precision < 95 || exact < 95 {
		t.Errorf("recall %.1f%% (want 100), precision %.1f%% (want ≥ 95), exact kinds %.1f%% (want ≥ 95)", recall, precision, exact)
	}
	if pct(threadsRight, threads) < 95 || pct(requestersRight, requesters) < 95 {
		t.Errorf("follow-ups %.1f%%, requesters %.1f%%: want ≥ 95%% each", pct(threadsRight, threads), pct(requestersRight, requesters))
	}
}

// TestStaffForwardIsTheOriginalSendersRequest: a request a colleague
// forwards opens a case for the original sender, its clock starting when the
// forward reached the mailbox, with the original's own date kept.
func TestStaffForwardIsTheOriginalSendersRequest(t *testing.T) {
	ctx := context.Background()
	db, err := register.Open(ctx, filepath.Join(t.TempDir(), "data", "fwd.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	raw, err := os.ReadFile(filepath.Join("inbox", "testdata", "forward-outlook-fi.eml"))
	if err != nil {
		t.Fatal(err)
	}
	received := time.Date(2026, 11, 3, 8, 2, 30, 0, time.UTC)
	m := inbox.NewMail("INBOX", 1, 1, received, int64(len(raw)), raw, defaultStaffDomains)
	if m.Forward == nil || !m.StaffForward {
		t.Fatalf("not recognised as a staff forward: %+v", m.Forward)
	}
	if _, err := (store{db}).StoreBatch(ctx, "INBOX", 1, 1, []inbox.Mail{m}); err != nil {
		t.Fatal(err)
	}
	cases, _ := db.Cases(ctx, register.CaseQuery{})
	if len(cases) != 1 {
		t.Fatalf("%d cases, want 1", len(cases))
	}
	c := cases[0]
	if c.Requester.Email != m.Forward.From.Email || strings.HasSuffix(c.Requester.Email, "@sesoma.fi") {
		t.Errorf("requester %v, want the original sender %v", c.Requester, m.Forward.From)
	}
	if c.Due != register.Due(received) {
		t.Errorf("due %s, want %s: the clock starts at the forward's receipt", c.Due, register.Due(received))
	}
	d, _ := db.CaseByID(ctx, c.ID)
	if !d.Messages[0].StaffForward || !d.Messages[0].OriginalDate.Equal(m.Forward.Date) || m.Forward.Date.IsZero() {
		t.Errorf("message %+v: want the staff forward and the original's date %v", d.Messages[0], m.Forward.Date)
	}
}

// TestRemoveAttachmentCommand: after the identity check the officer removes
// the ID scan from the stored message: asked first, refused on "n", done with
// --yes; the scan's bytes are gone, the rest of the message stays.
func TestRemoveAttachmentCommand(t *testing.T) {
	e := newEnv(t, "")
	ctx := context.Background()
	raw, err := os.ReadFile(filepath.Join("inbox", "testdata", "redact-passi.eml"))
	if err != nil {
		t.Fatal(err)
	}
	db, err := register.Open(ctx, e.db)
	if err != nil {
		t.Fatal(err)
	}
	m := inbox.NewMail("INBOX", 1, 1, time.Now(), int64(len(raw)), raw, nil)
	if _, err := (store{db}).StoreBatch(ctx, "INBOX", 1, 1, []inbox.Mail{m}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if len(m.Attachments) == 0 || m.Attachments[0].Name != "passi.jpg" {
		t.Fatalf("fixture attachments %+v", m.Attachments)
	}
	// A distinctive line of the scan's base64.
	var scanLine string
	for _, l := range strings.Split(string(raw), "\r\n") {
		if len(l) == 76 && !strings.Contains(l, " ") {
			scanLine = l
			break
		}
	}
	if scanLine == "" {
		t.Fatal("no base64 line in the fixture")
	}

	if out := e.mustRun("attachments", "1"); !strings.Contains(out, "passi.jpg") {
		t.Fatalf("attachments: %q", out)
	}
	cmd := e.command("remove-attachment", "1", "1")
	cmd.Stdin = strings.NewReader("n\n")
	if out, err := cmd.CombinedOutput(); err == nil || !strings.Contains(string(out), "nothing removed") {
		t.Fatalf("answering n: %v %q", err, out)
	}
	out := e.mustRun("remove-attachment", "1", "1", "--yes")
	if !strings.Contains(out, "removed passi.jpg from message 1") {
		t.Fatalf("remove-attachment: %q", out)
	}
	db, _ = register.Open(ctx, e.db)
	defer db.Close()
	after, _ := db.MessageRaw(ctx, 1)
	if strings.Contains(string(after), scanLine) {
		t.Error("the scan's bytes are still stored")
	}
	if p := inbox.Parse(after); p.Subject != m.Subject || p.ParseError != "" || !strings.Contains(p.Text, strings.TrimSpace(strings.Split(m.Text, "\n")[0])) {
		t.Errorf("the rest of the message changed: %+v", p)
	}
	trail, _ := db.Audit(ctx, 0)
	if last := trail[len(trail)-1]; last.Action != "attachment removed" || !strings.Contains(last.Detail, "passi.jpg") {
		t.Errorf("audit %+v", last)
	}
}

// TestRegisterImportCommand: the officer imports the customer register; the
// same file again changes nothing; a bad file is refused with exit 1 and its
// lines named, and with --skip-invalid its good rows go in.
func TestRegisterImportCommand(t *testing.T) {
	e := newEnv(t, "")
	path := filepath.Join(t.TempDir(), "asiakkaat.csv")
	csv := "\xef\xbb\xbfcustomer_number;first_name;last_name;business_id;email;customer_since;newsletter\r\n" +
		"A-1;Jörö;Mäkinen;0112038-9;joro@example.fi;1.2.2018;kyllä\r\n" +
		"A-2;Åsa;Åström;;asa@example.fi;2020-12-24;ei\r\n"
	if err := os.WriteFile(path, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	if out := e.mustRun("register", "import", path); out != "asiakkaat.csv: 2 added, 0 changed, 0 unchanged, 0 skipped\n" {
		t.Errorf("first import: %q", out)
	}
	if out := e.mustRun("register", "import", path); out != "asiakkaat.csv: 0 added, 0 changed, 2 unchanged, 0 skipped\n" {
		t.Errorf("second import: %q", out)
	}

	bad := filepath.Join(t.TempDir(), "bad.csv")
	if err := os.WriteFile(bad, []byte("customer_number,email\nA-1,joro@example.fi\nA-3,nobody\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, errs, err := e.run("register", "import", bad)
	if code := exitCode(err); code != 1 || out != "" || !strings.Contains(errs, "nothing imported: line 3, column email") {
		t.Errorf("bad file: exit %d %q %q", code, out, errs)
	}
	out = e.mustRun("register", "import", bad, "--skip-invalid")
	if !strings.HasPrefix(out, "bad.csv: 0 added, 0 changed, 1 unchanged, 1 skipped\n  line 3, column email: ") {
		t.Errorf("--skip-invalid: %q", out)
	}
	if _, errs, err := e.run("register", "export", bad); exitCode(err) != 2 || !strings.Contains(errs, `unknown command "register export"`) {
		t.Errorf("register export: %v %q", err, errs)
	}

	db, err := register.Open(context.Background(), e.db)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c, err := db.CustomerByNumber(context.Background(), "A-1")
	if err != nil || c.Fields["last_name"] != "Mäkinen" || c.Fields["customer_since"] != "2018-02-01" {
		t.Errorf("A-1: %+v %v", c, err)
	}
}

// TestRegisterSearchShowAndLink runs the register commands over the demo
// register and mailbox: matching has linked what the evidence identifies,
// search finds Karin Sjöberg under her maiden name, and the officer links
// and unlinks her entry from the command line.
func TestRegisterSearchShowAndLink(t *testing.T) {
	e, byRequester := demoEnv(t, "")
	for email, want := range map[string][]string{
		"mikko.jarvinen@example.fi":   {"40101"},
		"paivi.hamalainen@example.fi": {"40102", "40103"}, // one person, two entries
		"jukka.peltonen@example.fi":   {"40104"},          // by the phone number in the text, with the name
		"karin.sjoberg@example.se":    {},                 // on file under her maiden name
		"d.okafor@example.org":        {},
	} {
		if c, ok := byRequester[email]; !ok || !slices.Equal(c.Customers, want) {
			t.Errorf("%s: customers %v, want %v", email, c.Customers, want)
		}
	}

	out := e.mustRun("register", "search", "holm")
	if !strings.Contains(out, "40132") || !strings.Contains(out, "Ekenäs Blommor Ab") {
		t.Errorf("search holm:\n%s", out)
	}
	var hits []struct {
		Number string            `json:"customer_number"`
		Fields map[string]string `json:"fields"`
		Match  string            `json:"match"`
	}
	if err := json.Unmarshal([]byte(e.mustRun("register", "search", "040-555 0192", "--json")), &hits); err != nil ||
		len(hits) != 1 || hits[0].Number != "40104" || hits[0].Match != "phone" {
		t.Errorf("search by phone: %+v %v", hits, err)
	}
	if out := e.mustRun("register", "search", "Jukka", "Peltonen", "--limit", "1"); !strings.Contains(out, "more entries match than the 1 shown") {
		t.Errorf("search with a limit:\n%s", out)
	}
	if out := e.mustRun("--json", "register", "search", "holm"); !strings.Contains(out, `"customer_number": "40132"`) {
		t.Errorf("a flag before the command:\n%s", out)
	}
	if _, errs, err := e.run("register", "search", "holm", "--limit", "0"); exitCode(err) != 1 || !strings.Contains(errs, "want 1 to 1000") {
		t.Errorf("--limit 0: %v %q", err, errs)
	}

	karin := byRequester["karin.sjoberg@example.se"]
	if out := e.mustRun("link", strings.ToLower(karin.Tag), "40132"); out != "40132 linked to "+karin.Tag+"\n" {
		t.Errorf("link: %q", out)
	}
	if _, errs, err := e.run("link", karin.Tag, "40132"); exitCode(err) != 1 || !strings.Contains(errs, "already linked") {
		t.Errorf("link twice: %v %q", err, errs)
	}
	out = e.mustRun("register", "show", "40132")
	for _, want := range []string{"Identity and contact", "Company          Ekenäs Blommor Ab", "Newsletter", "entry created",
		karin.Tag + "  open", "(linked by an officer)"} {
		if !strings.Contains(out, want) {
			t.Errorf("show lacks %q:\n%s", want, out)
		}
	}
	var card struct {
		Number string `json:"customer_number"`
		Cases  []struct {
			Tag  string `json:"tag"`
			Auto bool   `json:"auto_linked"`
		} `json:"cases"`
		Changes []struct {
			Field string `json:"field"`
		} `json:"changes"`
	}
	if err := json.Unmarshal([]byte(e.mustRun("register", "show", "40132", "--json")), &card); err != nil ||
		len(card.Cases) != 1 || card.Cases[0].Tag != karin.Tag || card.Cases[0].Auto || len(card.Changes) != 1 {
		t.Errorf("show --json: %+v %v", card, err)
	}
	e.mustRun("unlink", fmt.Sprint(karin.ID), "40132")
	for _, c := range e.cases() {
		if c.ID == karin.ID && len(c.Customers) != 0 {
			t.Errorf("after unlink: %v", c.Customers)
		}
	}
	for _, bad := range [][]string{{"register", "search", "x", "--yes"}, {"register", "show"}, {"link", "1"}, {"cases", "--limit", "3"}} {
		if _, _, err := e.run(bad...); exitCode(err) != 2 {
			t.Errorf("%v: exit %d, want 2", bad, exitCode(err))
		}
	}
	if _, errs, err := e.run("register", "show", "99999"); exitCode(err) != 1 || !strings.Contains(errs, `customer "99999": not found`) {
		t.Errorf("show a missing entry: %q", errs)
	}
}

// demoEnv imports the demo register and stores the demo mailbox into a
// new database, with config as the config file, and returns the cases by
// requester address.
func demoEnv(t *testing.T, config string) (*env, map[string]jsonCase) {
	t.Helper()
	e := newEnv(t, config)
	csvPath := filepath.Join(t.TempDir(), "customers.csv")
	if err := os.WriteFile(csvPath, demo.Customers, 0o600); err != nil {
		t.Fatal(err)
	}
	e.mustRun("register", "import", csvPath)
	ctx := context.Background()
	db, err := register.Open(ctx, e.db)
	if err != nil {
		t.Fatal(err)
	}
	var mails []inbox.Mail
	for i, s := range demo.Samples() {
		mails = append(mails, inbox.NewMail("INBOX", 1, imap.UID(i+1), time.Now().Add(-s.Age), int64(len(s.Raw)), s.Raw, defaultStaffDomains))
	}
	_, err = (store{db}).StoreBatch(ctx, "INBOX", 1, uint32(len(mails)), mails)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	byRequester := map[string]jsonCase{}
	for _, c := range e.cases() {
		byRequester[c.Requester.Email] = c
	}
	return e, byRequester
}

// TestActionCommands carries out each right from the command line on the
// demo register: the plan is printed and asked about, the register changes,
// the recipients' checklist fills, and the audit trail still verifies.
func TestActionCommands(t *testing.T) {
	e, cases := demoEnv(t, "[register]\nrecipients = [\"Posti Oy (deliveries)\", \"Tilitoimisto Oy\"]\n")
	field := func(number, name string) string {
		t.Helper()
		var card struct {
			Fields     map[string]string `json:"fields"`
			Restricted bool              `json:"restricted"`
		}
		if err := json.Unmarshal([]byte(e.mustRun("register", "show", number, "--json")), &card); err != nil {
			t.Fatal(err)
		}
		if name == "restricted" {
			return fmt.Sprint(card.Restricted)
		}
		return card.Fields[name]
	}

	// Objection: both entries of Päivi Hämäläinen.
	paivi := cases["paivi.hamalainen@example.fi"].Tag
	out := e.mustRun("object", paivi, "--yes")
	for _, want := range []string{"Objection to direct marketing and market research on " + paivi, "entry 40102",
		"entry 40103", "Direct-marketing ban: no → yes", "Newsletter: yes → no", "objection carried out on " + paivi} {
		if !strings.Contains(out, want) {
			t.Errorf("object: no %q in\n%s", want, out)
		}
	}
	if field("40103", "market_research_ban") != "1" || field("40103", "newsletter") != "0" {
		t.Error("the objection did not reach 40103")
	}

	// Rectification asks first: "n" does nothing, "y" corrects.
	jukka := cases["jukka.peltonen@example.fi"].Tag
	cmd := e.command("rectify", jukka, "40104", "street_address", "Kuusitie 14 A 3")
	cmd.Stdin = strings.NewReader("n\n")
	if out, err := cmd.CombinedOutput(); exitCode(err) != 1 || !strings.Contains(string(out), "Street address: Kuusitie 4 A 3 → Kuusitie 14 A 3") ||
		!strings.Contains(string(out), "nothing done") {
		t.Errorf("rectify, answered n: %v\n%s", err, out)
	}
	cmd = e.command("rectify", jukka, "40104", "street_address", "Kuusitie 14 A 3")
	cmd.Stdin = strings.NewReader("y\n")
	if out, err := cmd.CombinedOutput(); err != nil || field("40104", "street_address") != "Kuusitie 14 A 3" {
		t.Errorf("rectify, answered y: %v\n%s", err, out)
	}
	if out, _, err := e.run("rectify", jukka, "40104", "phone", "abc", "--yes"); err == nil {
		t.Errorf("a bad phone number was accepted:\n%s", out)
	}
	if out := e.mustRun("register", "show", "40104"); !strings.Contains(out, "Street address: Kuusitie 4 A 3 → Kuusitie 14 A 3  (case "+jukka) {
		t.Errorf("the card's change log lacks the case:\n%s", out)
	}

	// Restriction, then lifted.
	marta := cases["marta.kowalski@example.com"].Tag
	e.mustRun("restrict", marta, "--yes")
	if field("40150", "restricted") != "true" {
		t.Error("not restricted")
	}
	if out := e.mustRun("register", "marketing"); strings.Contains(out, "40150,") || !strings.Contains(out, "40101,Mikko") {
		t.Errorf("the marketing list with 40150 restricted:\n%s", out)
	}
	e.mustRun("restrict", marta, "--lift", "--yes")
	if field("40150", "restricted") != "false" {
		t.Error("still restricted")
	}
	if out := e.mustRun("register", "marketing"); !strings.Contains(out, "40150,") || strings.Contains(out, "40102,") {
		t.Errorf("the marketing list after lifting (40102 objected):\n%s", out)
	}

	// Erasure keeps what the Accounting Act requires and says so.
	sanna := cases["sanna.virtanen@example.fi"].Tag
	out = e.mustRun("erase", sanna, "--yes")
	if !strings.Contains(out, "kept until") || !strings.Contains(out, "Accounting Act") {
		t.Errorf("erase:\n%s", out)
	}
	if field("40106", "email") != "" || field("40106", "last_name") != "Virtanen" {
		t.Errorf("after erasure: email %q, last name %q", field("40106", "email"), field("40106", "last_name"))
	}

	// Art. 19: the recipients to tell, ticked off.
	out = e.mustRun("recipients", sanna)
	if !strings.Contains(out, "Posti Oy (deliveries)") || strings.Count(out, "to tell") != 2 {
		t.Errorf("recipients:\n%s", out)
	}
	if out := e.mustRun("told", sanna, "1"); strings.Count(out, "to tell") != 1 || !strings.Contains(out, "told ") {
		t.Errorf("told:\n%s", out)
	}
	if _, errs, err := e.run("told", sanna, "9"); exitCode(err) != 1 || !strings.Contains(errs, "want the number") {
		t.Errorf("told 9: %q", errs)
	}

	// No linked entry: refused, nothing done.
	if _, errs, err := e.run("object", cases["d.okafor@example.org"].Tag, "--yes"); exitCode(err) != 1 ||
		!strings.Contains(errs, "no register entry is linked") {
		t.Errorf("object without an entry: %q", errs)
	}
	if _, _, err := e.run("object", paivi, "--lift"); exitCode(err) != 2 {
		t.Errorf("--lift on object: exit %d", exitCode(err))
	}
	if out := e.mustRun("audit", "verify"); !strings.HasPrefix(out, "audit trail intact") {
		t.Errorf("audit verify: %s", out)
	}
}

// TestCaseLifecycleCommands extends, closes and reopens demo cases from the
// command line, and reads the report and the purge's dry run.
func TestCaseLifecycleCommands(t *testing.T) {
	e, cases := demoEnv(t, "[retention]\nclosed_cases = \"1y\"\n")
	johan := cases["johan.nystrom@example.se"] // received a day or so ago
	if out := e.mustRun("extend", johan.Tag, "the data must be gathered from archives"); out != johan.Tag+" deadline extended\n" {
		t.Errorf("extend: %q", out)
	}
	mikko := cases["mikko.jarvinen@example.fi"] // overdue
	if _, errs, err := e.run("extend", mikko.Tag, "too late"); exitCode(err) != 1 || !strings.Contains(errs, "only while the first month runs") {
		t.Errorf("extend an overdue case: %q", errs)
	}
	if _, errs, err := e.run("close", mikko.Tag, "refused"); exitCode(err) != 1 || !strings.Contains(errs, "needs its reasons") {
		t.Errorf("close without reasons: %q", errs)
	}
	e.mustRun("close", mikko.Tag, "refused", "--reason", "Art. 12(5): a copy was sent last month")
	var all []struct {
		Tag        string `json:"tag"`
		Status     string `json:"status"`
		Outcome    string `json:"outcome"`
		Late       bool   `json:"late"`
		DueDate    string `json:"due_date"`
		ExtendedAt string `json:"extended_at"`
		Extended   string `json:"extended_due_date"`
	}
	if err := json.Unmarshal([]byte(e.mustRun("cases", "--json", "--all")), &all); err != nil {
		t.Fatal(err)
	}
	for _, c := range all {
		switch c.Tag {
		case mikko.Tag:
			if c.Status != "closed" || c.Outcome != "refused" || !c.Late {
				t.Errorf("closed late: %+v", c)
			}
		case johan.Tag:
			if c.ExtendedAt == "" || c.DueDate != c.Extended {
				t.Errorf("extended: %+v", c)
			}
		}
	}
	e.mustRun("reopen", mikko.Tag, "--reason", "the requester asked again")

	var fig struct {
		Months []struct {
			Received int `json:"received"`
			Late     int `json:"late"`
		} `json:"months"`
		OpenNow int `json:"open_now"`
		Overdue int `json:"overdue_now"`
	}
	if err := json.Unmarshal([]byte(e.mustRun("report", "--json")), &fig); err != nil {
		t.Fatal(err)
	}
	received, late := 0, 0
	for _, m := range fig.Months {
		received, late = received+m.Received, late+m.Late
	}
	if received != len(cases) || fig.OpenNow != len(cases) || fig.Overdue != 3 || late != 3 {
		t.Errorf("report: %d received, %d late, %d open, %d overdue; want %d, 3, %d, 3", received, late, fig.OpenNow, fig.Overdue, len(cases), len(cases))
	}
	if out := e.mustRun("report", "--csv"); !strings.HasPrefix(out, "MONTH,RECEIVED,A,R,E,S,P,O,IN MONTH,IN EXTENSION,LATE,UNANSWERED,MEDIAN DAYS\n") {
		t.Errorf("report --csv:\n%s", out)
	}
	if _, _, err := e.run("report", "--from", "1.1.2026"); exitCode(err) != 1 {
		t.Errorf("report with a bad date: exit %d", exitCode(err))
	}
	if out := e.mustRun("purge", "--dry-run"); !strings.HasPrefix(out, "would purge 0 cases closed before") {
		t.Errorf("purge --dry-run: %q", out)
	}
	if out := e.mustRun("retry-quarantined"); out != "0 quarantined messages will be fetched again at the next sync\n" {
		t.Errorf("retry-quarantined: %q", out)
	}
}

// TestQuarantineThresholdsAgree: inbox decides when a message is
// quarantined, register lists what is; neither package may import the
// other, so each holds the number, and they must be the same.
func TestQuarantineThresholdsAgree(t *testing.T) {
	if inbox.QuarantineAfter != register.QuarantineAfter {
		t.Fatalf("inbox quarantines after %d failures, register lists after %d", inbox.QuarantineAfter, register.QuarantineAfter)
	}
}

// TestRegisterOutputIsSanitised: a register value carrying terminal escapes
// reaches neither the table nor the card raw.
func TestRegisterOutputIsSanitised(t *testing.T) {
	e := newEnv(t, "")
	csvPath := filepath.Join(t.TempDir(), "hostile.csv")
	hostile := "customer_number,company_name,first_name,last_name\nH-1,\"Evil\x1b]0;pwned\x07 \x1b[2JOy\",Eve,\u202eLiar\n"
	if err := os.WriteFile(csvPath, []byte(hostile), 0o600); err != nil {
		t.Fatal(err)
	}
	e.mustRun("register", "import", csvPath)
	for _, args := range [][]string{{"register", "search", "eve"}, {"register", "show", "H-1"}, {"register", "search", "eve", "--json"}} {
		out := e.mustRun(args...)
		if strings.ContainsAny(out, "\x1b\x07\u202e") || !strings.Contains(out, "Eve") {
			t.Errorf("%v:\n%q", args, out)
		}
	}
}

// TestAuditVerifyCommand: audit verify passes the trail dsrdesk wrote and
// prints its head; after an entry is edited with plain SQL (the append-only
// triggers dropped and put back) it fails with exit 1 and names the entry.
func TestAuditVerifyCommand(t *testing.T) {
	e := newEnv(t, "")
	if out := e.mustRun("audit", "verify"); out != "audit trail intact: 0 entries, head none (the trail is empty)\n" {
		t.Errorf("empty trail: %q", out)
	}
	csvPath := filepath.Join(t.TempDir(), "asiakkaat.csv")
	if err := os.WriteFile(csvPath, []byte("customer_number,first_name,last_name\nA-1,Jörö,Mäkinen\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		e.mustRun("register", "import", csvPath)
	}
	out := e.mustRun("audit", "verify")
	head, ok := strings.CutPrefix(out, "audit trail intact: 3 entries, head ")
	if !ok || len(strings.TrimSpace(head)) != 64 {
		t.Fatalf("intact trail: %q", out)
	}

	raw, err := sql.Open("sqlite3", "file:"+e.db+"?_busy_timeout=10000")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	raw.SetMaxOpenConns(1)
	var trigger string
	if err := raw.QueryRow(`SELECT sql FROM sqlite_master WHERE name = 'audit_append_only_update'`).Scan(&trigger); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`DROP TRIGGER audit_append_only_update`,
		`UPDATE audit SET detail = 'asiakkaat.csv: 0 added, 0 changed, 0 unchanged, 0 skipped' WHERE id = 2`, trigger} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	var at string
	raw.QueryRow(`SELECT at FROM audit WHERE id = 2`).Scan(&at)
	when, _ := time.Parse(time.RFC3339Nano, at)
	want := fmt.Sprintf("dsrdesk: audit trail broken at entry 2 (%s, \"customers imported\"): its content does not match its hash\n",
		when.UTC().Format(time.RFC3339))
	if out, errs, err := e.run("audit", "verify"); exitCode(err) != 1 || out != "" || errs != want {
		t.Errorf("edited trail: exit %d, stdout %q, stderr %q; want exit 1 and %q", exitCode(err), out, errs, want)
	}
	if _, errs, err := e.run("audit", "check"); exitCode(err) != 2 || !strings.Contains(errs, `unknown command "audit check"`) {
		t.Errorf("audit check: exit %d %q", exitCode(err), errs)
	}
}

// TestExportCommand: the officer writes a case's access report from the
// command line into a private folder, under --out or the default place;
// the namesake's entry is in no file; a case with no linked entry is
// refused; --out belongs to export alone.
func TestExportCommand(t *testing.T) {
	e := newEnv(t, "[register]\nrecipients = [\"Posti Oy (toimitukset)\"]\n")
	e.mustRun("register", "import", filepath.Join("register", "testdata", "customers-link.csv"))
	ctx := context.Background()
	db, err := register.Open(ctx, e.db)
	if err != nil {
		t.Fatal(err)
	}
	var msgs []register.Message
	for i, from := range []string{"matti.virtanen@esimerkki.fi", "nobody@example.org"} {
		msgs = append(msgs, register.Message{UID: uint32(i + 1), MessageID: fmt.Sprintf("export-%d@example.fi", i), Hash: fmt.Sprintf("export-%d", i),
			ReceivedAt: time.Date(2026, 11, 2, 9, i, 0, 0, time.UTC), From: register.Person{Email: from, Name: "Matti Virtanen"},
			Subject: "Tietopyyntö", Text: "Haluan nähdä tietoni.", Disposition: register.DispositionRequest, Raw: []byte("raw"), Size: 3})
	}
	_, err = db.StoreBatch(ctx, register.Batch{Mailbox: "INBOX", UIDValidity: 1, LastUID: 2, Messages: msgs})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	byRequester := map[string]jsonCase{}
	for _, c := range e.cases() {
		byRequester[c.Requester.Email] = c
	}
	matti, nobody := byRequester["matti.virtanen@esimerkki.fi"], byRequester["nobody@example.org"]
	if !slices.Equal(matti.Customers, []string{"L-1"}) || len(nobody.Customers) != 0 {
		t.Fatalf("links: %v %v", matti.Customers, nobody.Customers)
	}

	for _, c := range []struct {
		args []string
		dir  string
	}{
		{[]string{"export", matti.Tag, "--out", filepath.Join(e.dir, "reports")}, filepath.Join(e.dir, "reports")},
		{[]string{"export", fmt.Sprint(matti.ID)}, filepath.Join(e.dir, "data", "dsrdesk", "exports")},
	} {
		lines := strings.Split(strings.TrimSuffix(e.mustRun(c.args...), "\n"), "\n")
		re := regexp.MustCompile(`^access report \(fi\) for L-1 written to (` + regexp.QuoteMeta(c.dir) + `/` + matti.Tag + `-access-\d{8}-\d{6})$`)
		m := re.FindStringSubmatch(lines[0])
		// The requester is unverified: the last line says so.
		if m == nil || len(lines) != 6 || !strings.HasPrefix(lines[5], "note: the requester's identity is not verified") {
			t.Fatalf("%v printed:\n%s", c.args, strings.Join(lines, "\n"))
		}
		folder := m[1]
		if fi, err := os.Stat(folder); err != nil || fi.Mode().Perm() != 0o700 {
			t.Errorf("%s: %v %v, want 0700", folder, fi.Mode(), err)
		}
		for i, name := range []string{"report.md", "report.html", "data.json", "data.csv"} {
			path := filepath.Join(folder, name)
			if lines[i+1] != "  "+path {
				t.Errorf("line %d: %q, want %q", i+2, lines[i+1], path)
			}
			fi, err := os.Stat(path)
			if err != nil || fi.Mode().Perm() != 0o600 {
				t.Errorf("%s: %v %v, want 0600", path, fi.Mode(), err)
				continue
			}
			b, _ := os.ReadFile(path)
			for _, other := range []string{"Kumpula", "kumpularakennus", "765 4321", "2734561-5", "L-2"} {
				if bytes.Contains(b, []byte(other)) {
					t.Errorf("%s holds the namesake's %q", name, other)
				}
			}
			if name == "report.md" && (!bytes.Contains(b, []byte("Posti Oy (toimitukset)")) || !bytes.Contains(b, []byte("Tietosuojavaltuutetun toimisto"))) {
				t.Errorf("report.md lacks the recipients or the authority:\n%s", b)
			}
			var data struct {
				Case    string `json:"case"`
				Entries []struct {
					Number string            `json:"customer_number"`
					Fields map[string]string `json:"fields"`
				} `json:"entries"`
			}
			if name == "data.json" && (json.Unmarshal(b, &data) != nil || data.Case != matti.Tag || len(data.Entries) != 1 ||
				data.Entries[0].Fields["email"] != "matti.virtanen@esimerkki.fi") {
				t.Errorf("data.json: %+v", data)
			}
		}
	}

	if _, errs, err := e.run("export", nobody.Tag); exitCode(err) != 1 || !strings.Contains(errs, "no register entry is linked") {
		t.Errorf("export without a linked entry: exit %d %q", exitCode(err), errs)
	}
	for _, bad := range [][]string{{"export"}, {"cases", "--out", e.dir}, {"export", matti.Tag, "--json"}} {
		if _, _, err := e.run(bad...); exitCode(err) != 2 {
			t.Errorf("%v: exit %d, want 2", bad, exitCode(err))
		}
	}
}

// exitCode is the exit status of a finished command (0 when err is nil).
func exitCode(err error) int {
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode()
	}
	if err != nil {
		return -1
	}
	return 0
}

// TestDemoLanguages stores the demo samples through the store adapter and
// checks that every message, and every case it opens, has the language the
// demo table gives the sample.
func TestDemoLanguages(t *testing.T) {
	ctx := context.Background()
	db, err := register.Open(ctx, filepath.Join(t.TempDir(), "data", "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	samples := demo.Samples()
	var mails []inbox.Mail
	for i, s := range samples {
		mails = append(mails, inbox.NewMail("INBOX", 1, imap.UID(i+1), time.Now().Add(-s.Age), int64(len(s.Raw)), s.Raw, defaultStaffDomains))
	}
	if _, err := (store{db}).StoreBatch(ctx, "INBOX", 1, uint32(len(mails)), mails); err != nil {
		t.Fatal(err)
	}
	cases, err := db.Cases(ctx, register.CaseQuery{All: true})
	if err != nil {
		t.Fatal(err)
	}
	caseLang := map[int64]string{}
	for _, c := range cases {
		caseLang[c.ID] = c.Lang
	}
	msgs, err := db.Messages(ctx)
	if err != nil {
		t.Fatal(err)
	}
	opened := 0
	for _, m := range msgs {
		s := samples[m.UID-1]
		if m.Lang != s.Lang {
			t.Errorf("%s: message language %q, want %q", s.Name, m.Lang, s.Lang)
		}
		if m.CaseID == 0 {
			if s.Kind == demo.KindRequest {
				t.Errorf("%s: a request opened no case", s.Name)
			}
			continue
		}
		opened++
		if got := caseLang[m.CaseID]; got != s.Lang {
			t.Errorf("%s: case language %q, want %q", s.Name, got, s.Lang)
		}
	}
	if len(msgs) != len(samples) || opened == 0 {
		t.Errorf("%d messages stored, %d with a case; want all %d, some cases", len(msgs), opened, len(samples))
	}
}
