//go:build unix

package dovecottest

import (
	"errors"
	"fmt"
	"net"
	"runtime"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

func message(n int) []byte {
	return fmt.Appendf(nil, "From: Data Subject %[1]d <subject%[1]d@example.org>\r\n"+
		"To: privacy@example.com\r\n"+
		"Subject: Access request %[1]d\r\n"+
		"Message-ID: <request-%[1]d@example.org>\r\n"+
		"Date: Mon, 2 Jan 2023 10:00:00 +0100\r\n"+
		"\r\n"+
		"Please send me a copy of my personal data.\r\n", n)
}

// internalDates examines mailbox and returns INTERNALDATE by UID.
func internalDates(t *testing.T, s *Server, mailbox string) map[uint32]time.Time {
	t.Helper()
	c := s.dial(t)
	defer logout(c)
	sel, err := c.Select(mailbox, &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		t.Fatalf("EXAMINE: %v", err)
	}
	dates := make(map[uint32]time.Time)
	if sel.NumMessages == 0 {
		return dates
	}
	var all imap.SeqSet
	all.AddRange(1, 0)
	msgs, err := c.Fetch(all, &imap.FetchOptions{UID: true, InternalDate: true}).Collect()
	if err != nil {
		t.Fatalf("FETCH: %v", err)
	}
	if len(msgs) != int(sel.NumMessages) {
		t.Fatalf("FETCH returned %d messages, EXAMINE said %d", len(msgs), sel.NumMessages)
	}
	for _, m := range msgs {
		dates[uint32(m.UID)] = m.InternalDate
	}
	return dates
}

func checkDates(t *testing.T, got, want map[uint32]time.Time) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d messages %v, want %d", len(got), got, len(want))
	}
	for uid, w := range want {
		if g, ok := got[uid]; !ok || !g.Equal(w) {
			t.Errorf("UID %d: INTERNALDATE %v, want %v", uid, g, w)
		}
	}
}

func refuses(addr string) error {
	conn, err := net.DialTimeout("tcp", addr, time.Second)
	if err == nil {
		conn.Close()
		return fmt.Errorf("%s still accepts connections", addr)
	}
	if !errors.Is(err, syscall.ECONNREFUSED) {
		return fmt.Errorf("dial %s: %v, want connection refused", addr, err)
	}
	return nil
}

func TestServer(t *testing.T) {
	var pgids []int
	ok := t.Run("lifecycle", func(t *testing.T) {
		s := Start(t)
		pgids = append(pgids, s.master.Process.Pid)

		berlin := time.FixedZone("CET", 3600)
		want := map[uint32]time.Time{}
		dates := []time.Time{
			time.Date(2023, 1, 2, 10, 0, 0, 0, berlin),
			time.Date(2024, 2, 29, 23, 59, 59, 0, time.UTC),
			time.Date(2025, 7, 14, 6, 30, 15, 0, time.FixedZone("", -7*3600)),
		}
		for i, d := range dates {
			var flags []string
			if i == 1 {
				flags = []string{`\Flagged`, "$Important"}
			}
			uid := s.Append(t, "INBOX", message(i), d, flags...)
			want[uid] = d
		}
		if len(want) != 3 {
			t.Fatalf("UIDs not distinct: %v", want)
		}
		checkDates(t, internalDates(t, s, "INBOX"), want)

		// A mailbox that does not exist yet, in a hierarchy, twice.
		a := s.Append(t, "Requests/2025", message(10), time.Time{})
		b := s.Append(t, "Requests/2025", message(11), time.Time{}, `\Seen`)
		if got := s.Flags(t, "Requests/2025"); !slices.Equal(got[a], []string{}) || !slices.Equal(got[b], []string{`\Seen`}) {
			t.Errorf("Requests/2025 flags %v, want %d:[] %d:[\\Seen]", got, a, b)
		}

		flags := s.Flags(t, "INBOX")
		if len(flags) != 3 {
			t.Fatalf("Flags: %v, want 3 messages", flags)
		}
		for uid, fl := range flags {
			if slices.Contains(fl, `\Seen`) {
				t.Errorf("UID %d got \\Seen: %v", uid, fl)
			}
		}
		for uid, d := range want {
			wantFl := []string{}
			if d.Equal(dates[1]) {
				wantFl = []string{"$Important", `\Flagged`}
			}
			if !slices.Equal(flags[uid], wantFl) {
				t.Errorf("UID %d flags %q, want %q", uid, flags[uid], wantFl)
			}
		}

		s.Stop(t)
		if err := refuses(s.Addr); err != nil {
			t.Fatal(err)
		}
		s.Stop(t) // idempotent

		s.Restart(t)
		pgids = append(pgids, s.master.Process.Pid)
		checkDates(t, internalDates(t, s, "INBOX"), want)
		if uid := s.Append(t, "INBOX", message(4), time.Time{}); want[uid] != (time.Time{}) {
			t.Errorf("UID %d reused after restart", uid)
		}
		s.Restart(t) // no-op while running
	})
	if !ok {
		return
	}
	// The cleanup of the subtest has run: no process may be left.
	if len(pgids) != 2 {
		t.Fatalf("process groups %v, want 2", pgids)
	}
	for _, pgid := range pgids {
		if groupAlive(pgid) {
			t.Errorf("process group %d still has processes", pgid)
		}
	}
}

func TestSeveralServers(t *testing.T) {
	servers := []*Server{Start(t), Start(t), Start(t)}
	for i, s := range servers {
		s.Append(t, "INBOX", message(i), time.Time{})
		for j, o := range servers[:i] {
			if o.Addr == s.Addr || o.Password == s.Password {
				t.Errorf("servers %d and %d share address or password", i, j)
			}
		}
	}
	for _, s := range servers {
		if n := len(s.Flags(t, "INBOX")); n != 1 {
			t.Errorf("%s: %d messages, want 1", s.Addr, n)
		}
	}
}

func TestWrongPassword(t *testing.T) {
	s := Start(t)
	conn, err := net.DialTimeout("tcp", s.Addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	c := imapclient.New(conn, nil)
	defer c.Close()
	if err := c.Login(s.User, s.Password+"x").Wait(); err == nil {
		t.Error("LOGIN with a wrong password succeeded")
	}
}

func TestRequired(t *testing.T) {
	for _, tc := range []struct {
		env  string
		want bool
	}{
		{"", false},
		{"dovecot", true},
		{"tmux, Dovecot", true},
		{"tmux,dovecot-imapd", false},
		{"tmux", false},
	} {
		t.Setenv(RequireEnv, tc.env)
		if got := Required("dovecot"); got != tc.want {
			t.Errorf("%s=%q: Required(dovecot) = %v, want %v", RequireEnv, tc.env, got, tc.want)
		}
	}
}

// recorder is a testing.TB whose Fatalf and Skipf record and end the
// goroutine, as the real ones do.
type recorder struct {
	testing.TB
	fatal, skip string
}

func (r *recorder) Fatalf(format string, args ...any) {
	r.fatal = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

func (r *recorder) Skipf(format string, args ...any) {
	r.skip = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

func TestSkipOrFail(t *testing.T) {
	run := func() *recorder {
		r := &recorder{TB: t}
		done := make(chan struct{})
		go func() {
			defer close(done)
			SkipOrFail(r, "frobnicator", "frobnicator not installed: apt-get install frobnicator")
		}()
		<-done
		return r
	}
	announced.Store("frobnicator", struct{}{}) // keep the stderr notice out of the test output
	t.Setenv(RequireEnv, "tmux")
	if r := run(); r.skip != "SKIP: frobnicator not installed: apt-get install frobnicator" || r.fatal != "" {
		t.Errorf("not required: skip %q, fatal %q", r.skip, r.fatal)
	}
	t.Setenv(RequireEnv, "tmux,frobnicator")
	if r := run(); r.skip != "" || r.fatal == "" {
		t.Errorf("required: skip %q, fatal %q", r.skip, r.fatal)
	}
}
