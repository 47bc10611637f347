package inbox_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
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

// TestSyncSparseUIDsOneShortCommand: a mailbox whose UIDs have gaps (mail
// moved or deleted) is fetched with one short command, not a list of every
// UID, which a server refuses past its line limit (Dovecot: 64 KB).
func TestSyncSparseUIDsOneShortCommand(t *testing.T) {
	srv := startHostile(t, 0)
	for u := uint32(10); u <= 20000; u += 10 {
		srv.uids = append(srv.uids, u)
	}
	srv.maxLine = 1000 // a listed set of these 2,000 UIDs takes 12 KB
	store := &markStore{quarantineStore: newQuarantineStore()}
	res, err := inbox.SyncOnce(context.Background(), srv.config(), "pw", store, nil)
	if err != nil || res.Messages != len(srv.uids) {
		t.Fatalf("sync: %+v, %v; want %d stored", res, err, len(srv.uids))
	}
	if got := srv.fetches(); got != 1 {
		t.Errorf("%d FETCH commands, want 1", got)
	}
	if _, last := store.storedUIDs(); last != 20000 {
		t.Errorf("watermark %d, want 20000", last)
	}
}

// TestSyncOmittedMessage: a server that leaves a message it still lists out
// of its FETCH answer does not get the watermark past it: the sync fails on
// that message, counting a try against it, and keeps the rest.
func TestSyncOmittedMessage(t *testing.T) {
	n := inbox.BatchSize + 20
	srv := startHostile(t, n)
	srv.breakUID(50, omitUID)
	store := &markStore{quarantineStore: newQuarantineStore()}
	_, err := inbox.SyncOnce(context.Background(), srv.config(), "pw", store, nil)
	var fe *inbox.FetchError
	if !errors.As(err, &fe) || fe.UID != 50 || fe.Tries != 1 || !strings.Contains(err.Error(), "left it out") {
		t.Fatalf("sync error %v; want a FetchError on UID 50, try 1, left out", err)
	}
	uids, last := store.storedUIDs()
	if len(uids) != n-1 || last != 49 {
		t.Fatalf("stored %d messages, watermark %d; want %d and 49", len(uids), last, n-1)
	}
}

// TestSyncExpungedDuringFetch: a message expunged between the search and
// the fetch is simply gone: the sync succeeds and the watermark passes it.
func TestSyncExpungedDuringFetch(t *testing.T) {
	n := inbox.BatchSize + 20
	srv := startHostile(t, n)
	srv.breakUID(50, expungeUID)
	store := &markStore{quarantineStore: newQuarantineStore()}
	res, err := inbox.SyncOnce(context.Background(), srv.config(), "pw", store, nil)
	if err != nil || res.Messages != n-1 {
		t.Fatalf("sync: %+v, %v; want %d stored", res, err, n-1)
	}
	if _, last := store.storedUIDs(); last != uint32(n) {
		t.Errorf("watermark %d, want %d", last, n)
	}
}

// orderStore checks, at every batch, that its watermark passes no UID that
// is neither stored before nor in the batch.
type orderStore struct {
	*quarantineStore
	all []uint32 // the mailbox's UIDs
	bad []string
}

func (s *orderStore) StoreBatch(ctx context.Context, mb string, v, last uint32, mails []inbox.Mail) (inbox.Stored, error) {
	st, err := s.quarantineStore.StoreBatch(ctx, mb, v, last, mails)
	stored, _ := s.storedUIDs()
	for _, u := range s.all {
		if u <= last && !slices.Contains(stored, u) {
			s.bad = append(s.bad, fmt.Sprintf("watermark %d passes UID %d, not stored", last, u))
		}
	}
	return st, err
}

// TestSyncOutOfOrder: a server answering in descending order gets every
// message stored, and no batch's watermark passes a message not yet stored.
func TestSyncOutOfOrder(t *testing.T) {
	n := 2*inbox.BatchSize + 5
	srv := startHostile(t, n)
	srv.reverse = true
	store := &orderStore{quarantineStore: newQuarantineStore(), all: slices.Clone(srv.uids)}
	res, err := inbox.SyncOnce(context.Background(), srv.config(), "pw", store, nil)
	if err != nil || res.Messages != n {
		t.Fatalf("sync: %+v, %v; want %d stored", res, err, n)
	}
	if len(store.bad) > 0 {
		t.Errorf("%d batches broke the watermark's promise, first: %s", len(store.bad), store.bad[0])
	}
	if _, last := store.storedUIDs(); last != uint32(n) {
		t.Errorf("watermark %d, want %d", last, n)
	}
}

// cancelStore cancels the sync while storing its second batch.
type cancelStore struct {
	*quarantineStore
	cancel  context.CancelFunc
	batches int
}

func (s *cancelStore) StoreBatch(ctx context.Context, mb string, v, last uint32, mails []inbox.Mail) (inbox.Stored, error) {
	if len(mails) > 0 {
		if s.batches++; s.batches == 2 {
			s.cancel()
			return inbox.Stored{}, ctx.Err()
		}
	}
	return s.quarantineStore.StoreBatch(ctx, mb, v, last, mails)
}

// TestSyncCancelledCountsNothing: a sync stopped by its context (Ctrl-C)
// fails with the context's error and counts no failure against a message.
func TestSyncCancelledCountsNothing(t *testing.T) {
	srv := startHostile(t, 3*inbox.BatchSize)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	store := &cancelStore{quarantineStore: newQuarantineStore(), cancel: cancel}
	_, err := inbox.SyncOnce(ctx, srv.config(), "pw", store, nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("sync error %v; want context.Canceled", err)
	}
	if len(store.tries) != 0 {
		t.Errorf("a cancelled sync counted failures: %v", store.tries)
	}
}
