package inbox_test

import (
	"context"
	"net"
	"strconv"
	"sync"
	"testing"
	"time"

	"dsrdesk/inbox"
	"dsrdesk/inbox/demo"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// memStore is an in-memory inbox.Store keeping the same rules as the
// register: one copy per hash, watermark per mailbox.
type memStore struct {
	mu       sync.Mutex
	byHash   map[string]inbox.Mail
	validity uint32
	last     uint32
	batches  int
}

func newMemStore() *memStore { return &memStore{byHash: map[string]inbox.Mail{}} }

func (s *memStore) Watermark(_ context.Context, _ string) (uint32, uint32, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.validity, s.last, nil
}

func (s *memStore) StoreBatch(_ context.Context, _ string, v, last uint32, mails []inbox.Mail) (inbox.Stored, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var st inbox.Stored
	for _, m := range mails {
		if _, ok := s.byHash[m.Hash]; ok {
			continue
		}
		s.byHash[m.Hash] = m
		st.Messages++
		if m.Disposition == inbox.Request {
			st.Cases++
		}
	}
	if v != s.validity || last > s.last {
		s.validity, s.last = v, last
	}
	if len(mails) > 0 {
		s.batches++
	}
	return st, nil
}

func demoConfig(t *testing.T, srv *demo.Server) inbox.Config {
	host, port, _ := net.SplitHostPort(srv.Addr)
	p, _ := strconv.Atoi(port)
	return inbox.Config{Host: host, Port: p, Security: inbox.Plain, Username: srv.Username, Mailbox: srv.Mailbox}
}

func TestSyncInProcess(t *testing.T) {
	now := time.Now()
	srv, err := demo.Start(now)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	ctx := context.Background()
	cfg := demoConfig(t, srv)
	store := newMemStore()

	res, err := inbox.SyncOnce(ctx, cfg, srv.Password, store, nil)
	if err != nil {
		t.Fatal(err)
	}
	samples := demo.Samples()
	if res.Fetched != len(samples) || res.Messages != len(samples) {
		t.Fatalf("first sync %+v, want %d fetched and stored", res, len(samples))
	}
	if want := (len(samples) + inbox.BatchSize - 1) / inbox.BatchSize; store.batches != want {
		t.Errorf("%d batches, want %d", store.batches, want)
	}
	// Every message keeps its exact bytes and its server receipt time.
	for _, s := range samples {
		found := false
		for _, m := range store.byHash {
			if string(m.Raw) == string(s.Raw) {
				found = true
				if d := m.InternalDate.Sub(now.Add(-s.Age)); d < -time.Second || d > time.Second {
					t.Errorf("%s: INTERNALDATE %v, want %v", s.Name, m.InternalDate, now.Add(-s.Age))
				}
			}
		}
		if !found {
			t.Errorf("%s not stored byte for byte", s.Name)
		}
	}
	auto := 0
	for _, m := range store.byHash {
		if m.Disposition == inbox.AutoReply || m.Disposition == inbox.Bounce {
			auto++
		}
	}
	if auto != 2 {
		t.Errorf("%d auto-replies and bounces, want 2 (the out-of-office and the bounce)", auto)
	}

	res, err = inbox.SyncOnce(ctx, cfg, srv.Password, store, nil)
	if err != nil || res.Fetched != 0 || res.Messages != 0 {
		t.Fatalf("second sync %+v, %v: want nothing fetched", res, err)
	}

	late := []byte("From: Late <late@example.fi>\r\nSubject: Tietopyyntö\r\nMessage-ID: <late@example.fi>\r\n\r\nHei\r\n")
	if err := srv.Deliver(late, now); err != nil {
		t.Fatal(err)
	}
	res, err = inbox.SyncOnce(ctx, cfg, srv.Password, store, nil)
	if err != nil || res.Fetched != 1 || res.Messages != 1 || res.Cases != 1 {
		t.Fatalf("sync after a delivery %+v, %v: want the one new message", res, err)
	}

	// Nothing on the server was marked read.
	c, err := imapclient.DialInsecure(srv.Addr, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Login(srv.Username, srv.Password).Wait(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Select(srv.Mailbox, &imap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
		t.Fatal(err)
	}
	msgs, err := c.Fetch(imap.SeqSetNum(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20), &imap.FetchOptions{Flags: true, UID: true}).Collect()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		for _, f := range m.Flags {
			if f == imap.FlagSeen {
				t.Errorf("UID %d is \\Seen after sync", m.UID)
			}
		}
	}
}

func TestDialErrors(t *testing.T) {
	srv, err := demo.Start(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	cfg := demoConfig(t, srv)
	ctx := context.Background()
	if _, err := inbox.Dial(ctx, cfg, "wrong"); err == nil {
		t.Error("wrong password accepted")
	}
	cfg.Mailbox = "Nonexistent"
	if _, err := inbox.Dial(ctx, cfg, srv.Password); err == nil {
		t.Error("missing mailbox accepted")
	}
	remote := cfg
	remote.Host = "imap.example.fi"
	if _, err := inbox.Dial(ctx, remote, srv.Password); err == nil {
		t.Error("plaintext to a non-loopback host allowed")
	}
}
