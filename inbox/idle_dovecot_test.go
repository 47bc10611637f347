//go:build unix

package inbox_test

import (
	"net"
	"strconv"
	"testing"
	"time"

	"dsrdesk/inbox"
	"dsrdesk/inbox/dovecottest"
)

// TestWatcherIdleDovecot: against a real Dovecot, a message appended while
// the Watcher idles is synced without waiting for the interval, twice in a
// row (IDLE goes on after a sync).
func TestWatcherIdleDovecot(t *testing.T) {
	srv := dovecottest.Start(t)
	host, port, _ := net.SplitHostPort(srv.Addr)
	p, _ := strconv.Atoi(port)
	cfg := inbox.Config{Host: host, Port: p, Security: inbox.Plain, Username: srv.User}
	store := newMemStore()
	synced := watchWithIdle(t, cfg, srv.Password, store)
	waitSync(t, synced, "the first sync")
	waitSync(t, synced, "the sync as IDLE begins")

	for n := 1; n <= 2; n++ {
		srv.Append(t, "INBOX", idleRequest(n), time.Now())
		if ev := waitSync(t, synced, "after new mail"); ev.Result.Messages != 1 {
			t.Fatalf("the sync after message %d stored %d messages, want 1", n, ev.Result.Messages)
		}
	}
}
