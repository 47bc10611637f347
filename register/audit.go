package register

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/user"
	"strconv"
	"strings"
	"time"
)

// AuditEntry is one line of the append-only audit trail.
type AuditEntry struct {
	ID     int64
	At     time.Time
	Actor  string
	CaseID int64 // 0 when the entry concerns no case
	Action string
	Detail string
}

// Actor names the person behind this process for the audit trail: the OS
// user, and the SSH client's address when the session came over SSH.
func Actor() string {
	name := "unknown"
	if u, err := user.Current(); err == nil {
		name = u.Username
	}
	if ssh := strings.Fields(os.Getenv("SSH_CLIENT")); len(ssh) > 0 {
		name += " from " + ssh[0]
	}
	return name
}

// The audit trail is a hash chain: each entry's hash covers its content and
// the previous entry's hash, so an entry changed behind dsrdesk's back no
// longer fits the chain. The hash is SHA-256, in lower-case hex, over these
// fields as netstrings (the length in bytes in decimal, ':', the bytes, ','):
//
//	"dsrdesk audit 1", the previous entry's hash ("" for the first entry),
//	id (decimal), at (as stored), actor, case_id (decimal, "" for none),
//	action, detail
//
// The chain is not keyed: whoever can write the file can rewrite the whole
// chain. It proves the trail unchanged only up to a head hash noted elsewhere.

// auditFormat is the first field of every hashed entry, naming the encoding.
const auditFormat = "dsrdesk audit 1"

// auditColumns are the columns of an entry that its hash covers, in order.
const auditColumns = `id, at, actor, case_id, action, detail`

// chainEntry is an audit entry as stored, for hashing.
type chainEntry struct {
	id                        int64
	at, actor, action, detail string
	caseID                    any // int64, or nil for none; anything else was not written by dsrdesk
	hash                      string
}

// scanChainEntry scans auditColumns, and the hash when withHash.
func scanChainEntry(rows *sql.Rows, withHash bool) (chainEntry, error) {
	var e chainEntry
	dest := []any{&e.id, &e.at, &e.actor, &e.caseID, &e.action, &e.detail}
	if withHash {
		dest = append(dest, &e.hash)
	}
	err := rows.Scan(dest...)
	return e, err
}

// sum returns the entry's hash when it follows an entry whose hash is prev.
func (e chainEntry) sum(prev string) string {
	var c string // "" for none
	switch v := e.caseID.(type) {
	case nil:
	case int64:
		c = strconv.FormatInt(v, 10)
	case []byte:
		// Text where a case number belongs, put there behind dsrdesk's
		// back: "?" keeps it apart from every number and from none.
		c = "?" + string(v)
	default:
		c = "?" + fmt.Sprint(v)
	}
	b := make([]byte, 0, 160+len(e.actor)+len(e.action)+len(e.detail))
	for _, f := range []string{auditFormat, prev, strconv.FormatInt(e.id, 10), e.at, e.actor, c, e.action, e.detail} {
		b = strconv.AppendInt(b, int64(len(f)), 10)
		b = append(b, ':')
		b = append(b, f...)
		b = append(b, ',')
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// lastAudit returns the id and hash of the newest entry: 0 and "" when
// the trail is empty.
func lastAudit(ctx context.Context, q rowQuerier) (id int64, hash string, err error) {
	err = q.QueryRowContext(ctx, `SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1`).Scan(&id, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, "", nil
	}
	if err != nil {
		return 0, "", fmt.Errorf("read the last audit entry: %w", err)
	}
	return id, hash, nil
}

// audit appends one entry to the trail inside tx, so that the entry and the
// change it records commit together or not at all. The caller's immediate
// transaction makes reading the last hash and appending one step.
func (db *DB) audit(ctx context.Context, tx *sql.Tx, caseID int64, action, detail string) error {
	id, prev, err := lastAudit(ctx, tx)
	if err != nil {
		return err
	}
	e := chainEntry{id: id + 1, at: time.Now().UTC().Format(time.RFC3339Nano), actor: db.actor,
		action: action, detail: detail}
	if caseID != 0 {
		e.caseID = caseID
	}
	_, err = tx.ExecContext(ctx,
		`INSERT INTO audit (`+auditColumns+`, hash) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		e.id, e.at, e.actor, e.caseID, e.action, e.detail, e.sum(prev))
	if err != nil {
		return fmt.Errorf("append %q to the audit trail: %w", action, err)
	}
	return nil
}

// Audit returns the audit trail of one case, or the whole trail when caseID
// is 0, oldest first.
func (db *DB) Audit(ctx context.Context, caseID int64) ([]AuditEntry, error) {
	q := `SELECT id, at, actor, coalesce(case_id, 0), action, detail FROM audit`
	var args []any
	if caseID != 0 {
		q += ` WHERE case_id = ?`
		args = append(args, caseID)
	}
	rows, err := db.r.QueryContext(ctx, q+` ORDER BY id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		var at string
		if err := rows.Scan(&e.ID, &at, &e.Actor, &e.CaseID, &e.Action, &e.Detail); err != nil {
			return nil, err
		}
		e.At, _ = time.Parse(time.RFC3339Nano, at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// sealAuditOnOpen gives the entries written before the chain existed their
// hashes. It costs one read when there is nothing to seal.
func (db *DB) sealAuditOnOpen(ctx context.Context) error {
	id, hash, err := lastAudit(ctx, db.r)
	if err != nil || id == 0 || hash != "" {
		return err
	}
	return db.tx(ctx, func(tx *sql.Tx) error {
		_, err := sealAudit(ctx, tx)
		return err
	})
}

// sealAudit hashes, in id order, the entries of a trail that has never
// been sealed — written before the hash chain existed — and returns how
// many it sealed. Once any entry has a hash, every entry gets its hash as
// it is written, and an empty hash is never filled in: it is what an edit
// behind dsrdesk's back leaves, and VerifyAudit reports it.
func sealAudit(ctx context.Context, tx *sql.Tx) (int, error) {
	var after int64
	var prev string
	var sealedBefore bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM audit WHERE hash <> '')`).Scan(&sealedBefore); err != nil {
		return 0, fmt.Errorf("seal the audit trail: %w", err)
	}
	if sealedBefore {
		return 0, nil
	}
	update, err := tx.PrepareContext(ctx, `UPDATE audit SET hash = ? WHERE id = ?`)
	if err != nil {
		return 0, fmt.Errorf("seal the audit trail: %w", err)
	}
	defer update.Close()
	sealed := 0
	for {
		// A thousand at a time: the rows are read before any is updated.
		batch, err := unsealedAfter(ctx, tx, after, 1000)
		if err != nil || len(batch) == 0 {
			return sealed, err
		}
		for _, e := range batch {
			prev = e.sum(prev)
			if _, err := update.ExecContext(ctx, prev, e.id); err != nil {
				return sealed, fmt.Errorf("seal audit entry %d: %w", e.id, err)
			}
			after = e.id
			sealed++
		}
	}
}

// unsealedAfter reads up to n entries after id, oldest first.
func unsealedAfter(ctx context.Context, tx *sql.Tx, id int64, n int) ([]chainEntry, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+auditColumns+` FROM audit WHERE id > ? ORDER BY id LIMIT ?`, id, n)
	if err != nil {
		return nil, fmt.Errorf("seal the audit trail: read the entries after %d: %w", id, err)
	}
	defer rows.Close()
	var out []chainEntry
	for rows.Next() {
		e, err := scanChainEntry(rows, false)
		if err != nil {
			return nil, fmt.Errorf("seal the audit trail: read the entry after %d: %w", id, err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("seal the audit trail: read the entries after %d: %w", id, err)
	}
	return out, nil
}

// VerifyResult is what VerifyAudit found.
type VerifyResult struct {
	Entries int64       // how many entries the trail holds
	Head    string      // the hash of the newest entry ("" for an empty trail): note it elsewhere
	Break   *AuditBreak // the first entry that does not fit the chain; nil when the chain is intact
}

// AuditBreak is the first entry that does not fit the chain.
type AuditBreak struct {
	ID     int64
	At     string // as stored: RFC 3339, UTC
	Action string
	// Link is true when the link to the previous entry broke: entries
	// before this one are missing. It is false when the entry's hash does
	// not match its content and the previous entry's hash: the entry or its
	// hash was changed (or the previous entry was rewritten together with
	// its hash, which only the next entry can show).
	Link   bool
	Reason string // what does not fit, e.g. "its content does not match its hash"
}

// String describes the break: entry 17 (2026-11-20T10:00:00Z, "customer
// linked"): its content does not match its hash.
func (b AuditBreak) String() string {
	at := b.At
	if t, err := time.Parse(time.RFC3339Nano, at); err == nil {
		at = t.UTC().Format(time.RFC3339)
	}
	return fmt.Sprintf("entry %d (%s, %q): %s", b.ID, at, b.Action, b.Reason)
}

// VerifyAudit walks the whole audit trail in id order, recomputes every
// entry's hash and reports how many entries there are, the head hash and
// the first entry that does not fit. Ids run from 1 without gaps (entries
// are never deleted), so a missing entry breaks the chain too. The trail
// is read as one snapshot, streamed.
func (db *DB) VerifyAudit(ctx context.Context) (VerifyResult, error) {
	var res VerifyResult
	rows, err := db.r.QueryContext(ctx, `SELECT `+auditColumns+`, hash FROM audit ORDER BY id`)
	if err != nil {
		return res, fmt.Errorf("verify the audit trail: %w", err)
	}
	defer rows.Close()
	var prevID int64
	for rows.Next() {
		e, err := scanChainEntry(rows, true)
		if err != nil {
			return res, fmt.Errorf("verify the audit trail: read the entry after %d: %w", prevID, err)
		}
		res.Entries++
		if res.Break == nil {
			res.Break = e.check(prevID, res.Head)
		}
		prevID, res.Head = e.id, e.hash
	}
	if err := rows.Err(); err != nil {
		return res, fmt.Errorf("verify the audit trail: %w", err)
	}
	return res, nil
}

// check returns how the entry fails to follow the entry prevID whose hash
// is prev, or nil if it fits.
func (e chainEntry) check(prevID int64, prev string) *AuditBreak {
	b := &AuditBreak{ID: e.id, At: e.at, Action: e.action}
	switch {
	case e.id == prevID+2:
		b.Link, b.Reason = true, fmt.Sprintf("entry %d before it is missing", prevID+1)
	case e.id != prevID+1:
		b.Link, b.Reason = true, fmt.Sprintf("entries %d to %d before it are missing", prevID+1, e.id-1)
	case e.hash == "":
		b.Reason = "it has no hash"
	case e.hash != e.sum(prev):
		b.Reason = "its content does not match its hash"
	default:
		return nil
	}
	return b
}
