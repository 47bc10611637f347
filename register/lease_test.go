package register

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestLeaseOneHolder: two handles on one file, as two processes: only one
// gets the lease; the holder renews it; when it expires, or is released,
// the other takes it over.
func TestLeaseOneHolder(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "data", "shared.db")
	var dbs [2]*DB
	for i := range dbs {
		db, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		dbs[i] = db
	}
	a, b := dbs[0], dbs[1]
	now := time.Unix(1_800_000_000, 0)
	take := func(db *DB, holder string, at time.Time) (Lease, bool) {
		t.Helper()
		l, held, err := db.TakeLease(ctx, "INBOX", holder, at, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		return l, held
	}
	if _, held := take(a, "A", now); !held {
		t.Fatal("A did not get a free lease")
	}
	if l, held := take(b, "B", now.Add(time.Second)); held || l.Holder != "A" {
		t.Fatalf("B got a live lease of A: held %v, holder %q", held, l.Holder)
	}
	if _, held := take(b, "B", now); held {
		t.Fatal("B got the lease while A holds it")
	}
	// A renews at 50 s: the lease then lives to 110 s.
	if l, held := take(a, "A", now.Add(50*time.Second)); !held || !l.Expires.Equal(now.Add(110*time.Second)) {
		t.Fatalf("A's renewal: held %v, expires %v", held, l.Expires)
	}
	if _, held := take(b, "B", now.Add(100*time.Second)); held {
		t.Fatal("B took a renewed lease before it expired")
	}
	if _, held := take(a, "A", now.Add(-time.Hour)); !held {
		t.Fatal("the holder could not renew its own lease")
	}
	if _, held := take(b, "B", now.Add(2*time.Minute)); !held {
		t.Fatal("B did not take over the expired lease")
	}
	if l, held := take(a, "A", now.Add(2*time.Minute+time.Second)); held || l.Holder != "B" {
		t.Fatalf("A got the lease back from B: held %v, holder %q", held, l.Holder)
	}
	// Another mailbox has its own lease.
	if _, _, err := a.TakeLease(ctx, "Sent", "A", now, time.Minute); err != nil {
		t.Fatal(err)
	}
	if err := a.ReleaseLease(ctx, "INBOX", "A"); err != nil { // not A's: no effect
		t.Fatal(err)
	}
	if _, held := take(a, "A", now.Add(2*time.Minute+2*time.Second)); held {
		t.Fatal("A's release freed B's lease")
	}
	if err := b.ReleaseLease(ctx, "INBOX", "B"); err != nil {
		t.Fatal(err)
	}
	if _, held := take(a, "A", now.Add(2*time.Minute+3*time.Second)); !held {
		t.Fatal("A did not get the lease B released")
	}
}

// TestHolderNamesProcess: the holder name has the host, the pid and the start time.
func TestHolderNamesProcess(t *testing.T) {
	if h := Holder(); h != Holder() || len(h) < len("x pid 1 since 2006-01-02T15:04:05Z") {
		t.Fatalf("Holder() = %q", h)
	}
}

// TestLeaseOfDeadHolder: the live lease of a process on this host that is
// gone is taken over at once; that of a running one is not.
func TestLeaseOfDeadHolder(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skipf("cannot run true to get a finished pid: %v", err)
	}
	host, _ := os.Hostname()
	dead := fmt.Sprintf("%s pid %d since 2026-01-01T00:00:00Z", host, cmd.Process.Pid)
	now := time.Now()
	if _, held, err := db.TakeLease(ctx, "INBOX", dead, now, time.Hour); err != nil || !held {
		t.Fatalf("the first holder: held %v, %v", held, err)
	}
	if _, held, err := db.TakeLease(ctx, "INBOX", Holder(), now, time.Minute); err != nil || !held {
		t.Fatalf("the lease of a gone process was not taken over: held %v, %v", held, err)
	}
	if _, held, err := db.TakeLease(ctx, "INBOX", "elsewhere pid 1 since 2026-01-01T00:00:00Z", now, time.Minute); err != nil || held {
		t.Fatalf("the lease of this running process was taken: held %v, %v", held, err)
	}
}
