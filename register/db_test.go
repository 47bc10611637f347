package register

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// openTest opens a fresh database file in a private temp folder.
func openTest(t *testing.T) *DB {
	t.Helper()
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "data", "dsrdesk.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// request returns a request message with a hash derived from uid.
func request(uid uint32, received time.Time, from string) Message {
	return Message{
		UID: uid, MessageID: fmt.Sprintf("m%d@example.fi", uid), Hash: fmt.Sprintf("hash-%d", uid),
		ReceivedAt: received, From: Person{Email: from, Name: "Requester " + from}, Subject: "Tietopyyntö",
		Disposition: DispositionRequest, Raw: []byte("raw bytes"), Size: 9, Text: "Haluan nähdä tietoni.",
	}
}

func TestOpenCreatesPrivateFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state")
	path := filepath.Join(dir, "dsrdesk.db")
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for p, want := range map[string]os.FileMode{dir: 0o700, path: 0o600} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != want {
			t.Errorf("%s: mode %04o, want %04o", p, got, want)
		}
	}
	var mode string
	var fk, timeout, page int
	conn := db.w
	if err := conn.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil {
		t.Fatal(err)
	}
	conn.QueryRow("PRAGMA foreign_keys").Scan(&fk)
	conn.QueryRow("PRAGMA busy_timeout").Scan(&timeout)
	conn.QueryRow("PRAGMA page_size").Scan(&page)
	if mode != "wal" || fk != 1 || timeout < 1000 || page != pageSize {
		t.Errorf("journal_mode=%s foreign_keys=%d busy_timeout=%d page_size=%d; want wal, 1, >=1000, %d",
			mode, fk, timeout, page, pageSize)
	}
	// The WAL file SQLite makes beside the database is private too.
	if _, err := db.StoreBatch(context.Background(), Batch{Mailbox: "INBOX", UIDValidity: 1}); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path + "-wal"); err == nil && fi.Mode().Perm()&0o077 != 0 {
		t.Errorf("WAL file mode %04o, want private", fi.Mode().Perm())
	}
}

func TestOpenRefusesWorldReadable(t *testing.T) {
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	_, err := Open(context.Background(), filepath.Join(dir, "dsrdesk.db"))
	if err == nil || !strings.Contains(err.Error(), "chmod o-rwx "+dir) {
		t.Fatalf("want a refusal with the chmod fix, got %v", err)
	}

	dir = privateDir(t)
	path := filepath.Join(dir, "dsrdesk.db")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chmod(path, 0o644)
	_, err = Open(context.Background(), path)
	if err == nil || !strings.Contains(err.Error(), "chmod o-rwx "+path) {
		t.Fatalf("want a refusal with the chmod fix, got %v", err)
	}
}

func TestOpenAllowsSharedGroup(t *testing.T) {
	dir := t.TempDir()
	os.Chmod(dir, 0o770)
	path := filepath.Join(dir, "dsrdesk.db")
	os.WriteFile(path, nil, 0o660)
	os.Chmod(path, 0o660)
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatalf("a group-shared database must open: %v", err)
	}
	db.Close()
}

func TestMigrationsAndNewerSchema(t *testing.T) {
	path := filepath.Join(privateDir(t), "dsrdesk.db")
	ctx := context.Background()
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	var v int
	db.w.QueryRow("PRAGMA user_version").Scan(&v)
	if v != len(migrations) {
		t.Fatalf("user_version %d, want %d", v, len(migrations))
	}
	db.Close()
	// Opening again applies nothing and keeps the data.
	if db, err = Open(ctx, path); err != nil {
		t.Fatalf("reopen: %v", err)
	}
	db.w.Exec(fmt.Sprintf("PRAGMA user_version = %d", len(migrations)+1))
	db.Close()
	_, err = Open(ctx, path)
	if err == nil || !strings.Contains(err.Error(), "newer than this dsrdesk") {
		t.Fatalf("want refusal of a newer schema, got %v", err)
	}
}

func TestStoreBatchExactlyOnce(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	at := time.Date(2026, 3, 4, 22, 30, 0, 0, time.UTC) // already 5 March in Helsinki
	auto := request(3, at, "noreply@example.com")
	auto.Disposition = "auto_reply"
	batch := Batch{Mailbox: "INBOX", UIDValidity: 7, LastUID: 3,
		Messages: []Message{request(1, at, "a@example.fi"), request(2, at.Add(time.Hour), "b@example.se"), auto}}

	res, err := db.StoreBatch(ctx, batch)
	if err != nil {
		t.Fatal(err)
	}
	if res.Stored != 3 || res.Cases != 2 {
		t.Fatalf("first store: %+v, want 3 stored, 2 cases", res)
	}
	res, err = db.StoreBatch(ctx, batch)
	if err != nil || res.Stored != 0 || res.Cases != 0 {
		t.Fatalf("second store of the same batch: %+v, %v; want nothing new", res, err)
	}
	st, _ := db.SyncState(ctx, "INBOX")
	if st.UIDValidity != 7 || st.LastUID != 3 {
		t.Fatalf("sync state %+v, want uidvalidity 7, last 3", st)
	}

	cases, err := db.Cases(ctx, CaseQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) != 2 {
		t.Fatalf("%d cases, want 2", len(cases))
	}
	c := cases[0]
	if c.Tag != "DSR-2026-0001" || cases[1].Tag != "DSR-2026-0002" {
		t.Errorf("tags %s, %s; want DSR-2026-0001, DSR-2026-0002", c.Tag, cases[1].Tag)
	}
	if c.Due.String() != "2026-04-07" { // 5 April 2026 is Easter Sunday, 6 April Easter Monday
		t.Errorf("due %s, want 2026-04-07", c.Due)
	}
	if c.ExtendedDue.String() != "2026-06-05" {
		t.Errorf("extended due %s, want 2026-06-05", c.ExtendedDue)
	}
	if c.Requester.Email != "a@example.fi" || len(c.MessageIDs) != 1 || c.MessageIDs[0] != "m1@example.fi" {
		t.Errorf("case %+v", c)
	}
	if got := c.ReceivedAt.Format(time.RFC3339); got != "2026-03-05T00:30:00+02:00" {
		t.Errorf("received_at %s, want Helsinki time 2026-03-05T00:30:00+02:00", got)
	}
	msgs, _ := db.Messages(ctx)
	byUID := map[uint32]Message{}
	for _, m := range msgs {
		byUID[m.UID] = m
	}
	if len(msgs) != 3 || byUID[3].CaseID != 0 || byUID[1].CaseID != c.ID {
		t.Errorf("messages %+v", msgs)
	}
	raw, err := db.MessageRaw(ctx, byUID[1].ID)
	if err != nil || string(raw) != "raw bytes" {
		t.Errorf("raw %q, %v", raw, err)
	}
	trail, _ := db.Audit(ctx, c.ID)
	if len(trail) != 1 || trail[0].Action != "case opened" || trail[0].Actor == "" {
		t.Errorf("audit %+v", trail)
	}
}

func TestStoreBatchAfterUIDValidityChange(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	at := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	db.StoreBatch(ctx, Batch{Mailbox: "INBOX", UIDValidity: 1, LastUID: 1, Messages: []Message{request(1, at, "a@example.fi")}})
	// The mailbox was recreated: the same message now has UID 40 under a new UIDVALIDITY.
	moved := request(1, at, "a@example.fi")
	moved.UID = 40
	res, err := db.StoreBatch(ctx, Batch{Mailbox: "INBOX", UIDValidity: 2, LastUID: 40, Messages: []Message{moved}})
	if err != nil || res.Stored != 0 || res.Relocated != 1 || res.Cases != 0 {
		t.Fatalf("after UIDVALIDITY change: %+v, %v; want one relocated, nothing new", res, err)
	}
	msgs, _ := db.Messages(ctx)
	if len(msgs) != 1 || msgs[0].UIDValidity != 2 || msgs[0].UID != 40 {
		t.Fatalf("messages %+v", msgs)
	}
	st, _ := db.SyncState(ctx, "INBOX")
	if st.UIDValidity != 2 || st.LastUID != 40 {
		t.Fatalf("sync state %+v", st)
	}
}

// TestRematchByMessageID: after a server migration that rewrote the bytes
// and the UIDs, a message is known by its Message-ID and sender, and its
// case is kept rather than a second one opened.
func TestRematchByMessageID(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	at := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	db.StoreBatch(ctx, Batch{Mailbox: "INBOX", UIDValidity: 1, LastUID: 1, Messages: []Message{request(1, at, "a@example.fi")}})
	rewritten := request(1, at, "a@example.fi")
	rewritten.UID, rewritten.Hash = 9, "hash-after-migration"
	res, err := db.StoreBatch(ctx, Batch{Mailbox: "INBOX", UIDValidity: 2, LastUID: 9, Messages: []Message{rewritten}})
	if err != nil || res.Stored != 0 || res.Relocated != 1 || res.Cases != 0 {
		t.Fatalf("%+v, %v; want the message relocated, no new case", res, err)
	}
	// A different message reusing the Message-ID in the same UIDVALIDITY is kept apart.
	other := request(1, at, "a@example.fi")
	other.UID, other.Hash = 10, "another-message"
	if res, _ := db.StoreBatch(ctx, Batch{Mailbox: "INBOX", UIDValidity: 2, LastUID: 10, Messages: []Message{other}}); res.Stored != 1 {
		t.Fatalf("%+v: want the other message stored", res)
	}
	if cases, _ := db.Cases(ctx, CaseQuery{}); len(cases) != 2 {
		t.Fatalf("%d cases, want 2", len(cases))
	}
}

func TestStoreBatchRollsBackWhole(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	at := time.Now()
	bad := request(2, at, "b@example.fi")
	bad.Raw = nil // NOT NULL: the insert fails
	_, err := db.StoreBatch(ctx, Batch{Mailbox: "INBOX", UIDValidity: 1, LastUID: 2,
		Messages: []Message{request(1, at, "a@example.fi"), bad}})
	if err == nil {
		t.Fatal("want an error")
	}
	msgs, _ := db.Messages(ctx)
	st, _ := db.SyncState(ctx, "INBOX")
	cases, _ := db.Cases(ctx, CaseQuery{All: true})
	if len(msgs) != 0 || st.LastUID != 0 || len(cases) != 0 {
		t.Fatalf("a failed batch left %d messages, watermark %d, %d cases", len(msgs), st.LastUID, len(cases))
	}
}

func TestAuditIsAppendOnly(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	db.StoreBatch(ctx, Batch{Mailbox: "INBOX", UIDValidity: 1, LastUID: 1, Messages: []Message{request(1, time.Now(), "a@example.fi")}})
	for _, q := range []string{`UPDATE audit SET detail = 'x'`, `DELETE FROM audit`} {
		if _, err := db.w.Exec(q); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: want refusal, got %v", q, err)
		}
	}
}

func TestCasesOrderAndCounts(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	today := MakeDate(2026, 11, 24)
	// Received 40, 27 and 3 days before today: overdue, due soon, not yet.
	var msgs []Message
	for i, ago := range []int{3, 40, 27} {
		at := time.Date(today.Year, today.Month, today.Day, 10, 0, 0, 0, Helsinki).AddDate(0, 0, -ago)
		msgs = append(msgs, request(uint32(i+1), at, fmt.Sprintf("p%d@example.fi", i)))
	}
	if _, err := db.StoreBatch(ctx, Batch{Mailbox: "INBOX", UIDValidity: 1, LastUID: 3, Messages: msgs}); err != nil {
		t.Fatal(err)
	}
	cases, _ := db.Cases(ctx, CaseQuery{})
	var order []string
	for _, c := range cases {
		order = append(order, c.Requester.Email)
	}
	if strings.Join(order, " ") != "p1@example.fi p2@example.fi p0@example.fi" {
		t.Errorf("order %v, want soonest due first", order)
	}
	n, err := db.Counts(ctx, today)
	if err != nil || n != (Counts{Open: 3, DueSoon: 1, Overdue: 1}) {
		t.Errorf("counts %+v, %v; want 3 open, 1 due soon, 1 overdue", n, err)
	}
	page, _ := db.Cases(ctx, CaseQuery{Offset: 1, Limit: 1})
	if len(page) != 1 || page[0].ID != cases[1].ID {
		t.Errorf("page %+v", page)
	}
	if _, err := db.CaseByID(ctx, 999); err == nil {
		t.Error("want not found")
	}
}

// privateDir returns a new temp folder with mode 0700.
func privateDir(t testing.TB) string {
	dir := filepath.Join(t.TempDir(), "private")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestNewDatabaseInGroupFolderIsShared(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "shared")
	os.Mkdir(dir, 0o770)
	os.Chmod(dir, 0o2770)
	path := filepath.Join(dir, "dsrdesk.db")
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o660 {
		t.Fatalf("mode %04o, want 0660 in a group folder", fi.Mode().Perm())
	}
}
