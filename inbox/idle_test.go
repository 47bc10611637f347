package inbox_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"dsrdesk/inbox"
	"dsrdesk/inbox/demo"
)

// idleWait bounds each step of the IDLE tests: far more than they need.
const idleWait = 20 * time.Second

// watchWithIdle runs a Watcher with IDLE on cfg into store and returns its
// successful syncs as they finish. Interval is an hour, so that any sync
// after the first two (the start, and the one IDLE asks for as it begins)
// comes from IDLE.
func watchWithIdle(t *testing.T, cfg inbox.Config, password string, store inbox.Store) <-chan inbox.Event {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	synced := make(chan inbox.Event, 100)
	done := make(chan struct{})
	t.Cleanup(func() { cancel(); <-done })
	w := inbox.Watcher{
		Sync:     func(ctx context.Context) (inbox.Result, error) { return inbox.SyncOnce(ctx, cfg, password, store, nil) },
		Interval: time.Hour,
		Idle:     func(ctx context.Context, changed func()) error { return inbox.Idle(ctx, cfg, password, changed) },
	}
	go func() {
		defer close(done)
		w.Run(ctx, func(ev inbox.Event) {
			if ev.Err != nil {
				t.Logf("sync failed: %v", ev.Err)
			}
			if !ev.Syncing && ev.Err == nil {
				synced <- ev
			}
		})
	}()
	return synced
}

// waitSync returns the next successful sync, failing the test after idleWait.
func waitSync(t *testing.T, synced <-chan inbox.Event, what string) inbox.Event {
	t.Helper()
	select {
	case ev := <-synced:
		return ev
	case <-time.After(idleWait):
		t.Fatalf("no sync within %v: %s", idleWait, what)
		return inbox.Event{}
	}
}

// idleRequest is a request mail numbered n.
func idleRequest(n int) []byte {
	return fmt.Appendf(nil, "From: Asiakas %d <idle%d@example.fi>\r\nTo: tietosuoja@sesoma.fi\r\n"+
		"Subject: Tietopyyntö %d\r\nMessage-ID: <idle-%d@example.fi>\r\n\r\nHaluan nähdä tietoni.\r\n", n, n, n, n)
}

// TestWatcherIdleInProcess: a message delivered while the Watcher idles is
// synced without waiting for the (hour-long) interval.
func TestWatcherIdleInProcess(t *testing.T) {
	srv, err := demo.Start(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() }) // after the watcher has stopped
	store := newMemStore()
	synced := watchWithIdle(t, demoConfig(t, srv), srv.Password, store)
	waitSync(t, synced, "the first sync")
	waitSync(t, synced, "the sync as IDLE begins")
	// go-imap's server answers "+ idling" before it listens for news, and
	// news in between is announced only with the next: give it a moment.
	time.Sleep(200 * time.Millisecond)

	if err := srv.Deliver(idleRequest(1), time.Now()); err != nil {
		t.Fatal(err)
	}
	if ev := waitSync(t, synced, "after new mail"); ev.Result.Messages != 1 {
		t.Fatalf("the sync after new mail stored %d messages, want 1", ev.Result.Messages)
	}
}
