package register

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// SyncState is how far a mailbox has been synced.
type SyncState struct {
	UIDValidity uint32
	LastUID     uint32 // the highest UID stored; 0 before the first sync
	SyncedAt    time.Time
}

// SyncState returns the sync state of mailbox; the zero value if it has never
// been synced.
func (db *DB) SyncState(ctx context.Context, mailbox string) (SyncState, error) {
	var s SyncState
	var at int64
	err := db.r.QueryRowContext(ctx,
		`SELECT uidvalidity, last_uid, synced_at FROM sync_state WHERE mailbox = ?`, mailbox).
		Scan(&s.UIDValidity, &s.LastUID, &at)
	if err == sql.ErrNoRows {
		return SyncState{}, nil
	}
	if err != nil {
		return SyncState{}, fmt.Errorf("read sync state of %q: %w", mailbox, err)
	}
	s.SyncedAt = time.Unix(at, 0)
	return s, nil
}

// Batch is a run of messages fetched from one mailbox, stored together with
// the mailbox's new watermark.
type Batch struct {
	Mailbox     string
	UIDValidity uint32
	LastUID     uint32 // the watermark after this batch: every UID up to it has been fetched
	Messages    []Message
}

// BatchResult says what storing a batch did.
type BatchResult struct {
	Stored    int // messages new to the database
	Relocated int // known messages found at a new UID (after a UIDVALIDITY change)
	Cases     int // cases opened
	Answered  int // cases whose answer (or extension notice) a sent message recorded
}

// StoreBatch stores the batch's messages, opens a case for each new request,
// and moves the mailbox's watermark, all in one transaction: after a crash at
// any point the batch is fetched again, never lost or stored twice. A message
// already stored (same SHA-256) is not stored again; if it is found at a new
// place (the mailbox's UIDVALIDITY changed) its place is updated.
func (db *DB) StoreBatch(ctx context.Context, b Batch) (BatchResult, error) {
	var res BatchResult
	err := db.tx(ctx, func(tx *sql.Tx) error {
		res = BatchResult{}
		for i := range b.Messages {
			m := &b.Messages[i]
			m.Mailbox, m.UIDValidity = b.Mailbox, b.UIDValidity
			if m.Disposition == DispositionSent {
				stored, answered, err := db.storeSent(ctx, tx, m)
				if err != nil {
					return fmt.Errorf("store sent message UID %d of %q: %w", m.UID, b.Mailbox, err)
				}
				res.Stored += stored
				res.Answered += answered
				continue
			}
			stored, relocated, opened, err := db.storeMessage(ctx, tx, m)
			if err != nil {
				return fmt.Errorf("store message UID %d of %q: %w", m.UID, b.Mailbox, err)
			}
			res.Stored += stored
			res.Relocated += relocated
			res.Cases += opened
		}
		_, err := tx.ExecContext(ctx, `
INSERT INTO sync_state (mailbox, uidvalidity, last_uid, synced_at) VALUES (?, ?, ?, ?)
ON CONFLICT (mailbox) DO UPDATE SET
	last_uid = CASE WHEN uidvalidity = excluded.uidvalidity THEN max(last_uid, excluded.last_uid) ELSE excluded.last_uid END,
	uidvalidity = excluded.uidvalidity,
	synced_at = excluded.synced_at`,
			b.Mailbox, b.UIDValidity, b.LastUID, time.Now().Unix())
		if err != nil {
			return fmt.Errorf("move watermark of %q: %w", b.Mailbox, err)
		}
		return nil
	})
	return res, err
}

// storeMessage stores one message inside tx and opens its case, reporting
// what it did as counts of 0 or 1.
func (db *DB) storeMessage(ctx context.Context, tx *sql.Tx, m *Message) (stored, relocated, opened int, err error) {
	var id int64
	var mailbox string
	var uidvalidity uint32
	err = tx.QueryRowContext(ctx, `SELECT id, mailbox, uidvalidity FROM messages WHERE sha256 = ?`, m.Hash).
		Scan(&id, &mailbox, &uidvalidity)
	if err == sql.ErrNoRows && m.MessageID != "" {
		// A server migration may have rewritten the bytes (added a
		// header): the same Message-ID from the same sender in this
		// mailbox under an older UIDVALIDITY is the same message. The
		// bytes first fetched stay as the evidence.
		id, mailbox, uidvalidity, err = migrated(ctx, tx, m)
	}
	switch {
	case err == nil:
		if mailbox == m.Mailbox && uidvalidity == m.UIDValidity {
			return 0, 0, 0, nil // the same bytes twice in one mailbox: one piece of evidence
		}
		_, err = tx.ExecContext(ctx, `UPDATE messages SET mailbox = ?, uidvalidity = ?, uid = ? WHERE id = ?`,
			m.Mailbox, m.UIDValidity, m.UID, id)
		return 0, 1, 0, err
	case err != sql.ErrNoRows:
		return 0, 0, 0, err
	}

	if err := insertMessage(ctx, tx, m); err != nil {
		return 0, 0, 0, err
	}
	if joined, err := db.joinThread(ctx, tx, m); err != nil || joined {
		if err == nil {
			// A follow-up may bring the customer number the request lacked.
			_, err = db.autoLink(ctx, tx, m.CaseID)
		}
		return 1, 0, 0, err
	}
	if m.Disposition != DispositionRequest && m.Disposition != DispositionUnparseable {
		return 1, 0, 0, nil // other mail: kept, listed, opens no case
	}
	if err := db.openCase(ctx, tx, m, "from"); err != nil {
		return 0, 0, 0, fmt.Errorf("open case: %w", err)
	}
	return 1, 0, 1, nil
}

// migrated finds the first stored message with m's Message-ID and sender
// in m's mailbox under another UIDVALIDITY; sql.ErrNoRows if there is none.
// It runs for every new message, so the lowest id is picked here: with
// ORDER BY id LIMIT 1, SQLite planned the statement again at every use.
func migrated(ctx context.Context, tx *sql.Tx, m *Message) (id int64, mailbox string, uidvalidity uint32, err error) {
	rows, err := tx.QueryContext(ctx, `
SELECT id, mailbox, uidvalidity FROM messages
WHERE mailbox = ? AND message_id = ? AND from_email = ? AND uidvalidity <> ?`,
		m.Mailbox, m.MessageID, m.From.Email, m.UIDValidity)
	if err != nil {
		return 0, "", 0, err
	}
	defer rows.Close()
	err = sql.ErrNoRows
	for rows.Next() {
		var i int64
		var mb string
		var v uint32
		if err := rows.Scan(&i, &mb, &v); err != nil {
			return 0, "", 0, err
		}
		if err == sql.ErrNoRows || i < id {
			id, mailbox, uidvalidity, err = i, mb, v, nil
		}
	}
	if rerr := rows.Err(); rerr != nil {
		return 0, "", 0, rerr
	}
	return id, mailbox, uidvalidity, err
}

// insertMessage inserts m, without a case, and sets m.ID.
func insertMessage(ctx context.Context, tx *sql.Tx, m *Message) error {
	if m.Requester == (Person{}) {
		m.Requester = m.From
	}
	var original int64
	if !m.OriginalDate.IsZero() {
		original = m.OriginalDate.Unix()
	}
	r, err := tx.ExecContext(ctx, `
INSERT INTO messages (mailbox, uidvalidity, uid, message_id, sha256, received_at, size,
	from_email, from_name, subject, in_reply_to, refs, headers, body_text, parse_error,
	disposition, reasons, kinds, uncertain, requester_email, requester_name, staff_forward, original_date,
	thread_tag, base_subject, is_reply, attachments, stored_at, raw, lang)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		m.Mailbox, m.UIDValidity, m.UID, m.MessageID, m.Hash, m.ReceivedAt.Unix(), m.Size,
		m.From.Email, m.From.Name, m.Subject, lines(m.InReplyTo), lines(m.References), m.Headers, m.Text, m.ParseError,
		m.Disposition, lines(m.Reasons), lines(m.Kinds), m.Uncertain, m.Requester.Email, m.Requester.Name,
		m.StaffForward, original, m.Thread.Tag, m.Thread.BaseSubject, m.Thread.Reply, attachmentLines(m.Attachments),
		time.Now().Unix(), m.Raw, m.Lang)
	if err != nil {
		return err
	}
	m.ID, err = r.LastInsertId()
	return err
}

// openCase opens a case for the stored request m inside tx, its clock
// starting at m's receipt and its language m's, and links m to it. how
// says who opened it, for the audit ("from" a sync, or "by an officer
// from").
func (db *DB) openCase(ctx context.Context, tx *sql.Tx, m *Message, how string) error {
	year := ReceiptDate(m.ReceivedAt).Year
	prefix := fmt.Sprintf("DSR-%d-", year)
	// Only here are a year's numbers given, each one more than the last, so
	// the year's newest case (highest id) holds its highest number. Walking
	// the ids down from the newest finds it at once for this year's mail;
	// the tag index (the unary + keeps SQLite off it) would mean reading
	// the whole year's tags, and comparing them as text would put 9999
	// above 10000.
	var last string
	err := tx.QueryRowContext(ctx,
		`SELECT tag FROM cases WHERE +tag > ? AND +tag < ? ORDER BY id DESC LIMIT 1`,
		prefix, prefix+":").Scan(&last)
	n := 0
	switch {
	case err == nil:
		if n, err = strconv.Atoi(strings.TrimPrefix(last, prefix)); err != nil {
			return fmt.Errorf("number the new case after %q: %w", last, err)
		}
	case err != sql.ErrNoRows:
		return err
	}
	tag := fmt.Sprintf("%s%04d", prefix, n+1)
	now := time.Now().Unix()
	r, err := tx.ExecContext(ctx, `
INSERT INTO cases (tag, status, received_at, due_date, extended_due_date,
	requester_email, requester_name, subject, uncertain, created_at, updated_at, lang)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		tag, StatusOpen, m.ReceivedAt.Unix(), Due(m.ReceivedAt).String(), ExtendedDue(m.ReceivedAt).String(),
		m.Requester.Email, m.Requester.Name, m.Subject, m.Uncertain, now, now, m.Lang)
	if err != nil {
		return err
	}
	if m.CaseID, err = r.LastInsertId(); err != nil {
		return err
	}
	if err := setKinds(ctx, tx, m.CaseID, m.Kinds); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE messages SET case_id = ? WHERE id = ?`, m.CaseID, m.ID); err != nil {
		return err
	}
	// The classifier's reasons quote the mail: they stay with the message,
	// not in the append-only trail.
	detail := fmt.Sprintf("%s %s message %d (Message-ID %q), received %s; kinds: %s", tag, how, m.ID, m.MessageID,
		m.ReceivedAt.In(Helsinki).Format(time.RFC3339), kindList(m.Kinds))
	if err := db.audit(ctx, tx, m.CaseID, "case opened", detail); err != nil {
		return err
	}
	_, err = db.autoLink(ctx, tx, m.CaseID)
	return err
}

// lines joins values one per line, for list columns.
func lines(v []string) string { return strings.Join(v, "\n") }

// splitLines undoes lines.
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}
