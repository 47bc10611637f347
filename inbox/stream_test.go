package inbox_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"dsrdesk/inbox"
)

// markStore is quarantineStore recording the watermark of every batch
// handed to it, and failing the batch numbered failAt (from 1) when set.
type markStore struct {
	*quarantineStore
	mu     sync.Mutex
	marks  []uint32
	sizes  []int
	failAt int
}

func (s *markStore) StoreBatch(ctx context.Context, mb string, v, last uint32, mails []inbox.Mail) (inbox.Stored, error) {
	if len(mails) > 0 {
		s.mu.Lock()
		s.marks = append(s.marks, last)
		s.sizes = append(s.sizes, len(mails))
		n := len(s.marks)
		s.mu.Unlock()
		if n == s.failAt {
			return inbox.Stored{}, errors.New("disk full")
		}
	}
	return s.quarantineStore.StoreBatch(ctx, mb, v, last, mails)
}

// fetches counts the UID FETCH commands the server received.
func (h *hostile) fetches() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	n := 0
	for _, c := range h.commands {
		if strings.Contains(strings.ToUpper(c), "UID FETCH") {
			n++
		}
	}
	return n
}

// TestSyncStreamsBatches: the new mail comes in one FETCH and is stored in
// batches of inbox.BatchSize while it streams, each batch moving the
// watermark to its last message.
func TestSyncStreamsBatches(t *testing.T) {
	n := 2*inbox.BatchSize + 5
	srv := startHostile(t, n)
	store := &markStore{quarantineStore: newQuarantineStore()}
	res, err := inbox.SyncOnce(context.Background(), srv.config(), "pw", store, nil)
	if err != nil || res.Fetched != n || res.Messages != n {
		t.Fatalf("sync: %+v, %v; want %d fetched and stored", res, err, n)
	}
	if got := srv.fetches(); got != 1 {
		t.Errorf("%d FETCH commands, want 1", got)
	}
	want := fmt.Sprint([]uint32{inbox.BatchSize, 2 * inbox.BatchSize, uint32(n)})
	if got := fmt.Sprint(store.marks); got != want {
		t.Errorf("batch watermarks %s, want %s (sizes %v)", got, want, store.sizes)
	}
}

// TestSyncKeepsWhatCameBeforeADrop: when the connection drops in the
// middle of a message, every message received whole before it is stored
// and the watermark stops just below it; the next sync goes on from there
// and hands no message to the store twice.
func TestSyncKeepsWhatCameBeforeADrop(t *testing.T) {
	n := 2*inbox.BatchSize + 5
	broken := uint32(inbox.BatchSize + 50)
	srv := startHostile(t, n)
	srv.breakUID(broken, dropLiteral)
	store := &markStore{quarantineStore: newQuarantineStore()}
	_, err := inbox.SyncOnce(context.Background(), srv.config(), "pw", store, nil)
	var fe *inbox.FetchError
	if !errors.As(err, &fe) || fe.UID != broken || fe.Tries != 1 {
		t.Fatalf("sync error %v; want a FetchError on UID %d, try 1", err, broken)
	}
	uids, last := store.storedUIDs()
	if len(uids) != int(broken)-1 || last != broken-1 {
		t.Fatalf("stored %d messages, watermark %d; want %d and %d", len(uids), last, broken-1, broken-1)
	}
	srv.breakUID(broken, "")
	if _, err := inbox.SyncOnce(context.Background(), srv.config(), "pw", store, nil); err != nil {
		t.Fatalf("sync after mending: %v", err)
	}
	uids, last = store.storedUIDs()
	if len(uids) != n || last != uint32(n) {
		t.Fatalf("after mending: %d stored, watermark %d; want %d", len(uids), last, n)
	}
	for u, k := range store.handed {
		if k != 1 {
			t.Errorf("UID %d handed to the store %d times", u, k)
		}
	}
}

// TestSyncStoreFailureStops: a batch the store cannot take fails the sync
// with the store's error, blames no message, and keeps the batches before.
func TestSyncStoreFailureStops(t *testing.T) {
	n := 3*inbox.BatchSize + 5
	srv := startHostile(t, n)
	store := &markStore{quarantineStore: newQuarantineStore(), failAt: 2}
	_, err := inbox.SyncOnce(context.Background(), srv.config(), "pw", store, nil)
	var fe *inbox.FetchError
	if err == nil || !strings.Contains(err.Error(), "disk full") || errors.As(err, &fe) {
		t.Fatalf("sync error %v; want the store's, not a fetch error", err)
	}
	if len(store.tries) != 0 {
		t.Errorf("a store failure counted against messages: %v", store.tries)
	}
	if uids, last := store.storedUIDs(); len(uids) != inbox.BatchSize || last != inbox.BatchSize {
		t.Errorf("stored %d messages, watermark %d; want the first batch", len(uids), last)
	}
	if len(store.marks) != 2 {
		t.Errorf("%d batches handed after the failure, want none (%v)", len(store.marks)-2, store.marks)
	}
}

// TestNoChangeSyncOnlyExamines: once everything is stored, a sync learns
// that from EXAMINE's UIDNEXT alone: no SEARCH, no FETCH.
func TestNoChangeSyncOnlyExamines(t *testing.T) {
	srv := startHostile(t, 20)
	store := newQuarantineStore()
	if _, err := inbox.SyncOnce(context.Background(), srv.config(), "pw", store, nil); err != nil {
		t.Fatal(err)
	}
	srv.mu.Lock()
	srv.commands = nil
	srv.mu.Unlock()
	res, err := inbox.SyncOnce(context.Background(), srv.config(), "pw", store, nil)
	if err != nil || res.Fetched != 0 {
		t.Fatalf("no-change sync: %+v, %v", res, err)
	}
	var verbs []string
	for _, c := range srv.commands {
		f := strings.Fields(strings.ToUpper(c))
		if len(f) > 1 && f[1] != "CAPABILITY" && f[1] != "LOGIN" && f[1] != "LOGOUT" {
			verbs = append(verbs, f[1])
		}
	}
	if fmt.Sprint(verbs) != "[EXAMINE]" {
		t.Errorf("a no-change sync sent %v after logging in; want [EXAMINE]", verbs)
	}
}
