package main

// The live mail test: the real dsrdesk TUI in tmux against a real Dovecot,
// with new mail arriving and the server going away and coming back.

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dsrdesk/inbox/dovecottest"
	"dsrdesk/ui/tmuxtest"
)

// TestTUILiveMail: with the TUI running, a request appended to the mailbox
// is on the screen within seconds (IDLE, with polling set to an hour so that
// only IDLE can bring it); stopping Dovecot shows "offline since"; starting
// it again on the same port and mail recovers without a keypress. Required
// where DSRDESK_TEST_REQUIRE names dovecot and tmux; skipped loudly else.
func TestTUILiveMail(t *testing.T) {
	srv := dovecottest.Start(t)
	env := tuiEnv(t)
	home := strings.TrimPrefix(env[0], "HOME=")
	config := filepath.Join(home, "config.toml")
	conf := dovecotConfig(t, srv) + "poll_interval = \"1h\"\n"
	if err := os.WriteFile(config, []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	s := tmuxtest.Start(t, 80, 24, env, binary, "--config", config)
	s.WaitFor(t, "No open cases", tuiWait)
	s.WaitFor(t, "synced", tuiWait)

	// IDLE is under way once the sync it asks for as it begins is logged:
	// the second one.
	log := filepath.Join(home, "state", "dsrdesk", "dsrdesk.log")
	waitLog(t, log, "msg=synced mailbox=INBOX", 2)

	srv.Append(t, "INBOX", requestMail(1, "live@example.fi", "Tietopyyntö IDLE"), time.Now())
	start := time.Now()
	s.WaitFor(t, "Tietopyyntö IDLE", tuiWait)
	t.Logf("the new request was on screen %v after it was appended", time.Since(start).Round(100*time.Millisecond))

	srv.Stop(t)
	s.WaitFor(t, "offline since", tuiWait)
	s.WaitFor(t, "Tietopyyntö IDLE", tuiWait) // the database still shows

	srv.Restart(t)
	// The first retries come 5 and 15 s after the server went away.
	s.WaitGone(t, "offline", 3*tuiWait)
	s.WaitFor(t, "synced", tuiWait)
	quit(t, s)
}

// waitLog waits until the log file holds at least n lines containing text.
func waitLog(t *testing.T, path, text string, n int) {
	t.Helper()
	deadline := time.Now().Add(tuiWait)
	for {
		b, _ := os.ReadFile(path)
		if strings.Count(string(b), text) >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("waited %v for %d lines with %q in the log:\n%s", tuiWait, n, text, b)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
