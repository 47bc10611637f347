package main

// Two officers on one database, as they meet it: two `dsrdesk demo --db`
// on the same file, each in its own tmux.

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"dsrdesk/inbox/dovecottest"
	"dsrdesk/register"
	"dsrdesk/ui/tmuxtest"
)

// followingText is the status line of a dsrdesk that leaves the syncing to
// another (ui's followingText).
const followingText = "another dsrdesk syncs; following its changes"

// statusLine returns the bottom line of screen.
func statusLine(screen string) string {
	ls := lines(screen)
	return ls[len(ls)-1]
}

// kindsRow matches requester's list row showing kinds.
func kindsRow(kinds, requester string) *regexp.Regexp {
	return regexp.MustCompile(`\s` + kinds + `\s+` + regexp.QuoteMeta(requester) + `\s`)
}

// TestTUITwoOfficersShareADatabase: the first demo syncs and the second
// follows; A's change shows in B's list without a key; and B's change of a
// case A changed after B looked is refused.
func TestTUITwoOfficersShareADatabase(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "shared", "shared.db")
	a := tmuxtest.Start(t, 80, 24, tuiEnv(t), binary, "demo", "--db", db)
	waitList(t, a)
	a.WaitUntil(t, "A's first sync", func(sc string) bool {
		return strings.HasPrefix(statusLine(sc), "synced ")
	}, tuiWait)
	b := tmuxtest.Start(t, 80, 24, tuiEnv(t), binary, "demo", "--db", db)
	screen := waitList(t, b)
	screen = b.WaitFor(t, followingText, tuiWait)
	if st := statusLine(screen); !strings.HasPrefix(st, followingText) {
		t.Fatalf("B's status line %q, want it to follow", st)
	}
	if st := statusLine(a.Screen(t)); strings.Contains(st, "following") ||
		!(strings.HasPrefix(st, "synced ") || strings.HasPrefix(st, "syncing")) {
		t.Fatalf("A's status line %q, want it syncing", st)
	}

	// A ticks access on Tom Reilly's objection; B's list shows it unasked.
	if !kindsRow("O", "Tom Reilly").MatchString(screen) {
		t.Fatalf("B's list does not show Tom Reilly's objection:\n%s", screen)
	}
	selectRow(t, a, "Tom Reilly")
	a.Send(t, "Enter")
	waitDetail(t, a)
	a.Send(t, "K")
	a.WaitFor(t, "Kinds of request", tuiWait)
	a.Send(t, "Space", "Enter")
	a.WaitFor(t, "Kinds       access, objection", tuiWait)
	b.WaitUntil(t, "A's change in B's list", func(sc string) bool {
		return kindsRow("AO", "Tom Reilly").MatchString(sc)
	}, tuiWait)

	// Both open Johan Nyström's case; B opens its kinds, then A changes
	// them; B's change on what it saw is refused and the case shown afresh.
	backToList(t, a)
	for _, s := range []*tmuxtest.Session{a, b} {
		selectRow(t, s, "Johan Nyström")
		s.Send(t, "Enter")
		screen := waitDetail(t, s)
		mustContain(t, "Johan's case", screen, "Kinds       objection")
	}
	b.Send(t, "K")
	b.WaitFor(t, "Kinds of request", tuiWait)
	a.Send(t, "K")
	a.WaitFor(t, "Kinds of request", tuiWait)
	a.Send(t, "Space", "Enter")
	a.WaitFor(t, "Kinds       access, objection", tuiWait)
	b.Send(t, "Down", "Space", "Enter") // B ticks erasure on what it saw
	screen = b.WaitFor(t, "another officer changed this case", tuiWait)
	b.WaitFor(t, "Kinds       access, objection", tuiWait)
	if strings.Contains(b.Screen(t), "erasure") {
		t.Fatalf("B's stale change was saved:\n%s", b.Screen(t))
	}

	if st := statusLine(a.Screen(t)); strings.Contains(st, "following") {
		t.Fatalf("A's status line %q: A should still sync", st)
	}
	if st := statusLine(backToList(t, b)); !strings.HasPrefix(st, followingText) {
		t.Fatalf("B's status line %q, want it to follow", st)
	}
	backToList(t, a)
	quit(t, b)
	quit(t, a)
}

// TestSyncRespectsLease: `dsrdesk sync` finding another process's live
// lease syncs nothing and exits 0 with a line saying so; once the lease
// is released it syncs.
func TestSyncRespectsLease(t *testing.T) {
	s := dovecottest.Start(t)
	e := newEnv(t, dovecotConfig(t, s))
	s.Append(t, "INBOX", requestMail(1, "lease@example.fi", "Tietopyyntö"), time.Now())
	ctx := context.Background()
	db, err := register.Open(ctx, e.db)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	const other = "elsewhere pid 1 since 2026-01-01T00:00:00Z"
	if _, held, err := db.TakeLease(ctx, "INBOX", other, time.Now(), register.LeaseTTL); err != nil || !held {
		t.Fatalf("take the lease: held %v, %v", held, err)
	}
	out := e.mustRun("sync")
	if !strings.Contains(out, "another dsrdesk is syncing it ("+other) || !strings.Contains(out, "nothing done") {
		t.Fatalf("sync under another's lease printed:\n%s", out)
	}
	if got := e.cases(); len(got) != 0 {
		t.Fatalf("sync under another's lease made %d cases", len(got))
	}
	if err := db.ReleaseLease(ctx, "INBOX", other); err != nil {
		t.Fatal(err)
	}
	e.mustRun("sync")
	if got := e.cases(); len(got) != 1 {
		t.Fatalf("%d cases after the lease was released, want 1", len(got))
	}
}
