package inbox_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"dsrdesk/inbox"
	"dsrdesk/register"
)

// The register keeps the quarantine the sync consults.
var _ inbox.Quarantine = (*register.DB)(nil)

// Misbehaviours of the hostile server, switched on per UID.
const (
	unknownResponse = "unknown"   // "* XYZZY something" in the middle of the fetch
	badFetchItem    = "bad item"  // a FETCH item that does not parse
	dropLiteral     = "drop"      // announce {5000}, send less, close
	omitUID         = "omit"      // left out of FETCH answers, still listed by SEARCH
	expungeUID      = "expunge"   // left out of a FETCH answer and expunged right after it
	validity        = uint32(777) // the mailbox's UIDVALIDITY
)

// hostile is a fake IMAP server speaking just enough IMAP for a sync:
// greeting, CAPABILITY, LOGIN, EXAMINE/SELECT, UID SEARCH, UID FETCH,
// LOGOUT. Each UID in broken makes it misbehave when that UID is fetched.
type hostile struct {
	ln       net.Listener
	mu       sync.Mutex
	uids     []uint32
	broken   map[uint32]string
	commands []string // every command line received
	reverse  bool     // answer FETCH in descending order
	maxLine  int      // refuse longer command lines with BAD, as Dovecot does; 0: no limit
}

func startHostile(t *testing.T, n int) *hostile {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	h := &hostile{ln: ln, broken: map[uint32]string{}}
	for u := 1; u <= n; u++ {
		h.uids = append(h.uids, uint32(u))
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go h.serve(c)
		}
	}()
	return h
}

// breakUID sets uid's misbehaviour; "" mends it.
func (h *hostile) breakUID(uid uint32, how string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if how == "" {
		delete(h.broken, uid)
	} else {
		h.broken[uid] = how
	}
}

func (h *hostile) config() inbox.Config {
	host, port, _ := net.SplitHostPort(h.ln.Addr().String())
	p, _ := strconv.Atoi(port)
	return inbox.Config{Host: host, Port: p, Security: inbox.Plain, Username: "officer", Mailbox: "INBOX"}
}

// body is the message at uid: distinct bytes, so distinct hashes.
func body(uid uint32) string {
	return fmt.Sprintf("From: Customer %d <c%d@example.com>\r\nTo: privacy@example.fi\r\n"+
		"Subject: note %d\r\nMessage-ID: <m%d@example.com>\r\nDate: Mon, 9 Nov 2026 10:00:00 +0200\r\n\r\nHello %d.\r\n",
		uid, uid, uid, uid, uid)
}

func (h *hostile) serve(c net.Conn) {
	defer c.Close()
	r := bufio.NewReader(c)
	w := bufio.NewWriter(c)
	say := func(format string, a ...any) { fmt.Fprintf(w, format+"\r\n", a...) }
	say("* OK [CAPABILITY IMAP4rev1] hostile ready")
	w.Flush()
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		line = strings.TrimRight(line, "\r\n")
		h.mu.Lock()
		h.commands = append(h.commands, line)
		h.mu.Unlock()
		f := strings.Fields(line)
		if len(f) < 2 {
			return
		}
		tag, cmd := f[0], strings.ToUpper(f[1])
		if cmd == "UID" && len(f) > 2 {
			cmd += " " + strings.ToUpper(f[2])
		}
		h.mu.Lock()
		tooLong := h.maxLine > 0 && len(line) > h.maxLine
		h.mu.Unlock()
		if tooLong {
			say("%s BAD Too long argument", tag)
			w.Flush()
			continue
		}
		switch cmd {
		case "CAPABILITY":
			say("* CAPABILITY IMAP4rev1")
			say("%s OK done", tag)
		case "LOGIN":
			say("%s OK logged in", tag)
		case "EXAMINE", "SELECT":
			say("* %d EXISTS", len(h.uids))
			say("* OK [UIDVALIDITY %d] ok", validity)
			say("* OK [UIDNEXT %d] ok", h.uids[len(h.uids)-1]+1)
			say("%s OK [READ-ONLY] done", tag)
		case "UID SEARCH":
			var s []string
			h.mu.Lock()
			uids := slices.Clone(h.uids)
			h.mu.Unlock()
			for _, u := range uids {
				s = append(s, strconv.Itoa(int(u)))
			}
			say("* SEARCH %s", strings.Join(s, " "))
			say("%s OK done", tag)
		case "UID FETCH":
			if !h.fetch(w, tag, f[3]) {
				w.Flush()
				return
			}
		case "LOGOUT":
			say("* BYE bye")
			say("%s OK done", tag)
			w.Flush()
			return
		default:
			say("%s BAD not here", tag)
		}
		w.Flush()
	}
}

// fetch answers UID FETCH set; false when it has dropped the connection.
func (h *hostile) fetch(w *bufio.Writer, tag, set string) bool {
	h.mu.Lock()
	broken := maps(h.broken)
	uids, reverse := slices.Clone(h.uids), h.reverse
	h.mu.Unlock()
	order := make([]int, len(uids))
	for i := range order {
		order[i] = i
		if reverse {
			order[i] = len(uids) - 1 - i
		}
	}
	for _, i := range order {
		u := uids[i]
		if !inSet(u, set) {
			continue
		}
		switch broken[u] {
		case omitUID:
			continue
		case expungeUID:
			h.mu.Lock()
			h.uids = slices.DeleteFunc(h.uids, func(v uint32) bool { return v == u })
			h.mu.Unlock()
			continue
		}
		b := body(u)
		head := fmt.Sprintf("* %d FETCH (UID %d FLAGS () RFC822.SIZE %d INTERNALDATE \"09-Nov-2026 10:00:00 +0200\" BODY[] ",
			i+1, u, len(b))
		switch broken[u] {
		case unknownResponse:
			fmt.Fprintf(w, "* XYZZY something\r\n")
		case badFetchItem:
			head = fmt.Sprintf("* %d FETCH (UID %d RFC822.SIZE lots BODY[] ", i+1, u)
		case dropLiteral:
			fmt.Fprintf(w, "%s{5000}\r\n%s", head, b[:40])
			return false
		}
		fmt.Fprintf(w, "%s{%d}\r\n%s)\r\n", head, len(b), b)
	}
	fmt.Fprintf(w, "%s OK done\r\n", tag)
	return true
}

func maps(m map[uint32]string) map[uint32]string {
	out := make(map[uint32]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// inSet reports whether uid is in an IMAP sequence set such as "1:3,5".
func inSet(uid uint32, set string) bool {
	for _, part := range strings.Split(set, ",") {
		lo, hi, isRange := strings.Cut(part, ":")
		a, _ := strconv.Atoi(lo)
		b := a
		if isRange {
			if hi == "*" {
				b = 1 << 31
			} else {
				b, _ = strconv.Atoi(hi)
			}
		}
		if a > b {
			a, b = b, a
		}
		if int(uid) >= a && int(uid) <= b {
			return true
		}
	}
	return false
}

// quarantineStore is memStore with an in-memory quarantine, counting how
// often each UID was handed to the store.
type quarantineStore struct {
	*memStore
	qmu    sync.Mutex
	tries  map[uint32]int
	reason map[uint32]string
	retry  map[uint32]bool
	handed map[uint32]int
}

func newQuarantineStore() *quarantineStore {
	return &quarantineStore{memStore: newMemStore(), tries: map[uint32]int{}, reason: map[uint32]string{},
		retry: map[uint32]bool{}, handed: map[uint32]int{}}
}

func (s *quarantineStore) StoreBatch(ctx context.Context, mb string, v, last uint32, mails []inbox.Mail) (inbox.Stored, error) {
	s.qmu.Lock()
	for _, m := range mails {
		s.handed[m.UID]++
	}
	s.qmu.Unlock()
	return s.memStore.StoreBatch(ctx, mb, v, last, mails)
}

func (s *quarantineStore) FetchFailed(_ context.Context, _ string, _, uid uint32, reason string) (int, error) {
	s.qmu.Lock()
	defer s.qmu.Unlock()
	s.tries[uid]++
	s.reason[uid] = reason
	delete(s.retry, uid)
	return s.tries[uid], nil
}

func (s *quarantineStore) Suspects(context.Context, string, uint32) (map[uint32]int, []uint32, error) {
	s.qmu.Lock()
	defer s.qmu.Unlock()
	failed := map[uint32]int{}
	var retry []uint32
	for u, n := range s.tries {
		failed[u] = n
		if s.retry[u] {
			retry = append(retry, u)
		}
	}
	return failed, retry, nil
}

func (s *quarantineStore) Fetched(_ context.Context, _ string, _, uid uint32) error {
	s.qmu.Lock()
	defer s.qmu.Unlock()
	delete(s.tries, uid)
	delete(s.reason, uid)
	delete(s.retry, uid)
	return nil
}

// storedUIDs returns the UIDs stored, ascending, and the watermark.
func (s *quarantineStore) storedUIDs() ([]uint32, uint32) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var uids []uint32
	for _, m := range s.byHash {
		uids = append(uids, m.UID)
	}
	slices.Sort(uids)
	return uids, s.last
}

// TestHostileMisbehaviours: each misbehaviour fails the sync with an error
// naming the mailbox, the UID and what happened; once the server behaves,
// the next sync (a new connection) stores every message exactly once.
func TestHostileMisbehaviours(t *testing.T) {
	for _, tc := range []struct{ how, want string }{
		{unknownResponse, "XYZZY"},
		{badFetchItem, "fetch message UID 3"},
		{dropLiteral, "fetch message UID 3"},
	} {
		t.Run(tc.how, func(t *testing.T) {
			ctx := context.Background()
			srv := startHostile(t, 5)
			srv.breakUID(3, tc.how)
			store := newQuarantineStore()
			_, err := inbox.SyncOnce(ctx, srv.config(), "pw", store, nil)
			var fe *inbox.FetchError
			if !errors.As(err, &fe) || fe.UID != 3 || fe.Mailbox != "INBOX" || fe.Tries != 1 {
				t.Fatalf("sync error %v (%T); want a FetchError on UID 3 of INBOX, try 1", err, err)
			}
			msg := err.Error()
			for _, w := range []string{`"INBOX"`, "UID 3", tc.want} {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q does not say %q", msg, w)
				}
			}
			t.Logf("reported: %v", err)
			srv.breakUID(3, "")
			if _, err := inbox.SyncOnce(ctx, srv.config(), "pw", store, nil); err != nil {
				t.Fatalf("sync after mending: %v", err)
			}
			uids, last := store.storedUIDs()
			if fmt.Sprint(uids) != "[1 2 3 4 5]" || last != 5 {
				t.Fatalf("stored %v, watermark %d; want [1 2 3 4 5], 5", uids, last)
			}
			if len(store.tries) != 0 {
				t.Errorf("failures still counted after a success: %v", store.tries)
			}
			for _, c := range srv.commands {
				if strings.Contains(strings.ToUpper(c), "BODYSTRUCTURE") {
					t.Errorf("the sync asked for BODYSTRUCTURE: %q", c)
				}
			}
		})
	}
}

// TestHostileQuarantine: a UID that always drops the connection is
// quarantined after inbox.QuarantineAfter failed syncs while the Watcher
// reconnects with backoff; every other message is stored exactly once
// and the watermark passes it. Once the server is mended, a retry
// stores it.
func TestHostileQuarantine(t *testing.T) {
	srv := startHostile(t, 2*inbox.BatchSize+5)
	srv.breakUID(7, dropLiteral)
	store := newQuarantineStore()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	sync := func(ctx context.Context) (inbox.Result, error) {
		return inbox.SyncOnce(ctx, srv.config(), "pw", store, nil)
	}
	var errs []error
	w := inbox.Watcher{Sync: sync, Interval: time.Hour, Backoff: func(int) time.Duration { return time.Millisecond }}
	w.Run(ctx, func(ev inbox.Event) {
		if ev.Syncing {
			return
		}
		if ev.Err != nil {
			errs = append(errs, ev.Err)
			return
		}
		cancel() // the first success
	})
	if len(errs) != inbox.QuarantineAfter {
		t.Fatalf("%d failed syncs before the first success, want %d: %v", len(errs), inbox.QuarantineAfter, errs)
	}
	var fe *inbox.FetchError
	if !errors.As(errs[len(errs)-1], &fe) || fe.UID != 7 || !fe.Quarantined || !strings.Contains(fe.Error(), "quarantined after 3 tries") {
		t.Fatalf("last failure %v; want UID 7 quarantined after 3 tries", errs[len(errs)-1])
	}
	uids, last := store.storedUIDs()
	if len(uids) != len(srv.uids)-1 || last != srv.uids[len(srv.uids)-1] {
		t.Fatalf("stored %d messages, watermark %d; want all but UID 7 and the watermark at the end", len(uids), last)
	}
	for _, u := range uids {
		if u == 7 {
			t.Fatal("UID 7 stored while broken")
		}
	}
	for u, n := range store.handed {
		if n != 1 {
			t.Errorf("UID %d handed to the store %d times", u, n)
		}
	}
	if store.tries[7] != inbox.QuarantineAfter || !strings.Contains(store.reason[7], "EOF") {
		t.Errorf("quarantine holds %d tries, reason %q", store.tries[7], store.reason[7])
	}

	// Quarantined, UID 7 is skipped: a sync still succeeds.
	if _, err := sync(context.Background()); err != nil {
		t.Fatalf("sync with UID 7 quarantined: %v", err)
	}
	// Mended, but not asked for: still skipped.
	srv.breakUID(7, "")
	if _, err := sync(context.Background()); err != nil || store.handed[7] != 0 {
		t.Fatalf("sync without a retry request: %v, UID 7 handed %d times", err, store.handed[7])
	}
	store.qmu.Lock()
	store.retry[7] = true
	store.qmu.Unlock()
	res, err := sync(context.Background())
	if err != nil || res.Messages != 1 {
		t.Fatalf("retry: %v, %d stored; want 1", err, res.Messages)
	}
	uids, last = store.storedUIDs()
	if len(uids) != len(srv.uids) || last != srv.uids[len(srv.uids)-1] || len(store.tries) != 0 {
		t.Fatalf("after the retry: %d stored, watermark %d, quarantine %v", len(uids), last, store.tries)
	}
}
