package register

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestAuditHashEncoding pins the encoding: a changed encoding would break
// every chain already written. Moving characters between fields changes
// the hash.
func TestAuditHashEncoding(t *testing.T) {
	e := chainEntry{id: 1, at: "2026-11-20T10:00:00Z", actor: "anna", caseID: int64(17),
		action: "customer linked", detail: "40101"}
	want := sha256.Sum256([]byte("15:dsrdesk audit 1,0:,1:1,20:2026-11-20T10:00:00Z,4:anna,2:17,15:customer linked,5:40101,"))
	if got := e.sum(""); got != hex.EncodeToString(want[:]) {
		t.Errorf("hash %s, want %x", got, want)
	}
	moved := e
	moved.actor, moved.action = "ann", "acustomer linked"
	noCase := e
	noCase.caseID = nil
	textCase := e
	textCase.caseID = []byte("17")
	seen := map[string]string{}
	for name, h := range map[string]string{
		"entry": e.sum(""), "chained": e.sum("00"), "moved": moved.sum(""), "no case": noCase.sum(""), "text case": textCase.sum(""),
	} {
		if other, dup := seen[h]; dup {
			t.Errorf("%s and %s hash alike", name, other)
		}
		seen[h] = name
	}
}

// plainSQL opens the database file as another program would, without
// dsrdesk: the way someone edits it behind dsrdesk's back.
func plainSQL(t *testing.T, path string) *sql.DB {
	t.Helper()
	raw, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=10000")
	if err != nil {
		t.Fatal(err)
	}
	raw.SetMaxOpenConns(1)
	t.Cleanup(func() { raw.Close() })
	return raw
}

// tamper runs statements on the audit table with its append-only triggers
// dropped, and puts the triggers back.
func tamper(t *testing.T, raw *sql.DB, stmts ...string) {
	t.Helper()
	rows, err := raw.Query(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit'`)
	if err != nil {
		t.Fatal(err)
	}
	triggers := map[string]string{}
	for rows.Next() {
		var name, def string
		rows.Scan(&name, &def)
		triggers[name] = def
	}
	rows.Close()
	if len(triggers) != 2 {
		t.Fatalf("audit triggers %v, want 2", triggers)
	}
	for name := range triggers {
		stmts = append([]string{`DROP TRIGGER ` + name}, stmts...)
	}
	for _, def := range triggers {
		stmts = append(stmts, def)
	}
	for _, q := range stmts {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// wantBreak verifies the trail and checks that it breaks at entry id, on
// its link or its content, for a reason containing reason.
func wantBreak(t *testing.T, db *DB, what string, id int64, link bool, reason string) {
	t.Helper()
	res, err := db.VerifyAudit(context.Background())
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if b := res.Break; b == nil || b.ID != id || b.Link != link || !strings.Contains(b.Reason, reason) {
		t.Errorf("%s: break %+v, want entry %d (link %v) %q", what, b, id, link, reason)
	}
}

// wantIntact verifies the trail, checks it intact with n entries and
// returns its head.
func wantIntact(t *testing.T, db *DB, what string, n int64) string {
	t.Helper()
	res, err := db.VerifyAudit(context.Background())
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if res.Break != nil || res.Entries != n || len(res.Head) != 64 && n > 0 {
		t.Fatalf("%s: %+v (break %v), want intact with %d entries", what, res, res.Break, n)
	}
	return res.Head
}

// TestAuditChainDetectsEdits writes a trail through real actions, then
// edits it with plain SQL: every edit is found and named.
func TestAuditChainDetectsEdits(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	at := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	wantIntact(t, db, "empty trail", 0)
	if _, err := db.StoreBatch(ctx, Batch{Mailbox: "INBOX", UIDValidity: 1, LastUID: 3, Messages: []Message{
		request(1, at, "a@example.fi"), request(2, at, "b@example.fi"), request(3, at, "c@example.fi")}}); err != nil {
		t.Fatal(err)
	}
	cases, _ := db.Cases(ctx, CaseQuery{})
	for _, c := range cases[:2] {
		if err := db.SetKinds(ctx, c.ID, c.Version, []string{"access"}); err != nil {
			t.Fatal(err)
		}
	}
	head := wantIntact(t, db, "after the actions", 5)
	if _, last, _ := lastAudit(ctx, db.r); head != last {
		t.Errorf("head %s, want the newest entry's hash %s", head, last)
	}
	// The triggers still refuse every change to a sealed entry, its hash too.
	for _, q := range []string{`UPDATE audit SET hash = 'x' WHERE id = 2`, `UPDATE audit SET detail = 'x' WHERE id = 2`} {
		if _, err := db.w.Exec(q); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: want refusal, got %v", q, err)
		}
	}

	raw := plainSQL(t, db.path)
	var detail3, hash2 string
	raw.QueryRow(`SELECT detail FROM audit WHERE id = 3`).Scan(&detail3)
	raw.QueryRow(`SELECT hash FROM audit WHERE id = 2`).Scan(&hash2)

	tamper(t, raw, `UPDATE audit SET detail = 'nothing happened' WHERE id = 3`)
	wantBreak(t, db, "detail changed", 3, false, "its content does not match its hash")
	tamper(t, raw, `UPDATE audit SET detail = '`+strings.ReplaceAll(detail3, "'", "''")+`' WHERE id = 3`)
	wantIntact(t, db, "detail put back", 5)

	tamper(t, raw, `CREATE TABLE saved AS SELECT * FROM audit WHERE id = 3`, `DELETE FROM audit WHERE id = 3`)
	wantBreak(t, db, "middle entry deleted", 4, true, "entry 3 before it is missing")
	tamper(t, raw, `INSERT INTO audit SELECT * FROM saved`, `DROP TABLE saved`)
	wantIntact(t, db, "entry put back", 5)

	tamper(t, raw, `UPDATE audit SET hash = '`+strings.Repeat("0", 64)+`' WHERE id = 2`)
	wantBreak(t, db, "hash changed", 2, false, "its content does not match its hash")
	tamper(t, raw, `UPDATE audit SET hash = '' WHERE id = 2`)
	wantBreak(t, db, "hash emptied", 2, false, "it has no hash")
	tamper(t, raw, `UPDATE audit SET hash = '`+hash2+`' WHERE id = 2`)

	tamper(t, raw, `CREATE TABLE saved AS SELECT * FROM audit WHERE id <= 2`, `DELETE FROM audit WHERE id <= 2`)
	wantBreak(t, db, "first entries deleted", 3, true, "entries 1 to 2 before it are missing")
	tamper(t, raw, `INSERT INTO audit SELECT * FROM saved`, `DROP TABLE saved`)
	if got := wantIntact(t, db, "all put back", 5); got != head {
		t.Fatalf("head %s after putting everything back, want %s", got, head)
	}

	// Someone who knows the encoding rewrites entry 2 with a fitting hash:
	// entry 3 no longer fits it.
	e := auditEntry(t, raw, 2)
	e.detail = "rewritten"
	_, prev, _ := lastBefore(t, raw, 2)
	tamper(t, raw, `UPDATE audit SET detail = 'rewritten', hash = '`+e.sum(prev)+`' WHERE id = 2`)
	wantBreak(t, db, "entry rewritten with its hash", 3, false, "its content does not match its hash")

	// Rewriting the whole chain from there, or dropping the newest entry,
	// fits: only the head noted earlier shows it.
	for id := int64(3); id <= 5; id++ {
		e := auditEntry(t, raw, id)
		_, prev, _ := lastBefore(t, raw, id)
		tamper(t, raw, `UPDATE audit SET hash = '`+e.sum(prev)+`' WHERE id = `+strconv.FormatInt(id, 10))
	}
	if got := wantIntact(t, db, "whole chain rewritten", 5); got == head {
		t.Error("a rewritten chain kept its head")
	}
	tamper(t, raw, `DELETE FROM audit WHERE id = 5`)
	wantIntact(t, db, "newest entry deleted", 4)
}

// auditEntry reads entry id with plain SQL.
func auditEntry(t *testing.T, raw *sql.DB, id int64) chainEntry {
	t.Helper()
	rows, err := raw.Query(`SELECT `+auditColumns+`, hash FROM audit WHERE id = ?`, id)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	if !rows.Next() {
		t.Fatalf("no audit entry %d", id)
	}
	e, err := scanChainEntry(rows, true)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// lastBefore returns the id and hash of the entry before id.
func lastBefore(t *testing.T, raw *sql.DB, id int64) (int64, string, error) {
	t.Helper()
	var prevID int64
	var hash string
	err := raw.QueryRow(`SELECT id, hash FROM audit WHERE id < ? ORDER BY id DESC LIMIT 1`, id).Scan(&prevID, &hash)
	if err == sql.ErrNoRows {
		err = nil
	}
	return prevID, hash, err
}

// TestAuditSealsPreChainEntries: a database from before the chain has its
// entries sealed when dsrdesk opens it, and entries appended without a
// hash later are sealed on the next open, continuing the chain; a blanked
// hash in the middle of the chain is reported, never resealed.
func TestAuditSealsPreChainEntries(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(privateDir(t), "dsrdesk.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	// A schema-4 database, as the dsrdesk before the chain left it.
	old := plainSQL(t, path)
	for _, q := range append(migrations[:4:4], `PRAGMA user_version = 4`,
		`INSERT INTO audit (at, actor, action, detail) VALUES
			('2026-01-05T09:00:00Z', 'anna', 'customers imported', 'asiakkaat.csv: 3 added'),
			('2026-01-06T09:00:00Z', 'ville', 'confirmed not a request', 'message 4'),
			('2026-01-07T09:00:00Z', 'anna', 'customers imported', 'asiakkaat.csv: 0 added')`) {
		if _, err := old.Exec(q); err != nil {
			t.Fatalf("%.40s: %v", q, err)
		}
	}
	old.Close()

	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { db.Close() }()
	var unsealed int
	db.r.QueryRow(`SELECT count(*) FROM audit WHERE hash = ''`).Scan(&unsealed)
	if unsealed != 0 {
		t.Fatalf("%d entries unsealed after open", unsealed)
	}
	wantIntact(t, db, "sealed at open", 3)
	appendEntry := func() {
		t.Helper()
		if err := db.tx(ctx, func(tx *sql.Tx) error { return db.audit(ctx, tx, 0, "test", "appended") }); err != nil {
			t.Fatal(err)
		}
	}
	appendEntry()
	wantIntact(t, db, "appended after sealing", 4)

	// Entries inserted without a hash, with the triggers in place.
	raw := plainSQL(t, path)
	insertUnsealed := func() {
		t.Helper()
		if _, err := raw.Exec(`INSERT INTO audit (at, actor, action, detail) VALUES ('2026-02-01T09:00:00Z', 'old dsrdesk', 'x', 'y')`); err != nil {
			t.Fatal(err)
		}
	}
	insertUnsealed()
	insertUnsealed()
	wantBreak(t, db, "unsealed entries", 5, false, "it has no hash")
	// Once the trail is sealed, an entry without a hash is never sealed
	// after the fact — neither at open nor by the next action: else
	// blanking the hashes from an edited entry on would launder the edit.
	db.Close()
	if db, err = Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	wantBreak(t, db, "after the second open", 5, false, "it has no hash")
	appendEntry()
	wantBreak(t, db, "after an action", 5, false, "it has no hash")

	// An edit laundered by blanking every hash from it on is still caught.
	tamper(t, raw, `UPDATE audit SET detail = 'forged' WHERE id = 2`)
	tamper(t, raw, `UPDATE audit SET hash = '' WHERE id >= 2`)
	db.Close()
	if db, err = Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	wantBreak(t, db, "hashes blanked from the edit on", 2, false, "it has no hash")
}

// BenchmarkVerifyAudit verifies a trail of 100,000 entries.
func BenchmarkVerifyAudit(b *testing.B) {
	const n = 100_000
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(b.TempDir(), "data", "dsrdesk.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	err = db.tx(ctx, func(tx *sql.Tx) error {
		for i := range n {
			if err := db.audit(ctx, tx, 0, "customer linked", "40101 to DSR-2026-0001, by the sender's address"+strings.Repeat(" ", i%7)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		res, err := db.VerifyAudit(ctx)
		if err != nil || res.Break != nil || res.Entries != n {
			b.Fatalf("%+v, %v; want %d entries intact", res, err, n)
		}
	}
	b.ReportMetric(n, "entries")
}
