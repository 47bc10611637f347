package register

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// QuarantineAfter is how many failed fetches in a row quarantine a UID. It
// equals inbox.QuarantineAfter, which decides; this one is for showing.
const QuarantineAfter = 3

// Quarantined is a UID of a mailbox whose fetch has failed.
type Quarantined struct {
	Mailbox     string
	UIDValidity uint32
	UID         uint32
	Tries       int    // failed fetches in a row
	Reason      string // the last failure, as the IMAP client reported it
	First, Last time.Time
	Retry       bool // an officer asked to fetch it again
}

// FetchFailed records one failed fetch of uid with its reason and returns
// how many fetches of it have failed in a row. A pending retry is used up.
func (db *DB) FetchFailed(ctx context.Context, mailbox string, uidValidity, uid uint32, reason string) (int, error) {
	var tries int
	now := time.Now().Unix()
	err := db.tx(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `
INSERT INTO quarantine (mailbox, uidvalidity, uid, tries, reason, first_at, last_at) VALUES (?, ?, ?, 1, ?, ?, ?)
ON CONFLICT (mailbox, uidvalidity, uid) DO UPDATE SET
	tries = tries + 1, reason = excluded.reason, last_at = excluded.last_at, retry = 0
RETURNING tries`, mailbox, uidValidity, uid, reason, now, now).Scan(&tries)
	})
	if err != nil {
		return 0, fmt.Errorf("record failed fetch of UID %d of %q: %w", uid, mailbox, err)
	}
	return tries, nil
}

// Suspects returns the failure counts of the UIDs of mailbox under
// uidValidity that have failed, and the quarantined ones to retry.
func (db *DB) Suspects(ctx context.Context, mailbox string, uidValidity uint32) (map[uint32]int, []uint32, error) {
	rows, err := db.r.QueryContext(ctx,
		`SELECT uid, tries, retry FROM quarantine WHERE mailbox = ? AND uidvalidity = ? ORDER BY uid`, mailbox, uidValidity)
	if err != nil {
		return nil, nil, fmt.Errorf("read failed fetches of %q: %w", mailbox, err)
	}
	defer rows.Close()
	failed := map[uint32]int{}
	var retry []uint32
	for rows.Next() {
		var uid uint32
		var tries int
		var again bool
		if err := rows.Scan(&uid, &tries, &again); err != nil {
			return nil, nil, fmt.Errorf("read failed fetches of %q: %w", mailbox, err)
		}
		failed[uid] = tries
		if again {
			retry = append(retry, uid)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("read failed fetches of %q: %w", mailbox, err)
	}
	return failed, retry, nil
}

// Fetched forgets the failures of uid: it has been fetched and stored.
func (db *DB) Fetched(ctx context.Context, mailbox string, uidValidity, uid uint32) error {
	err := db.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM quarantine WHERE mailbox = ? AND uidvalidity = ? AND uid = ?`,
			mailbox, uidValidity, uid)
		return err
	})
	if err != nil {
		return fmt.Errorf("release UID %d of %q from quarantine: %w", uid, mailbox, err)
	}
	return nil
}

// QuarantinedMail lists the quarantined UIDs of every mailbox, for Other
// mail: they could not be fetched and wait for a retry.
func (db *DB) QuarantinedMail(ctx context.Context) ([]Quarantined, error) {
	rows, err := db.r.QueryContext(ctx, `
SELECT mailbox, uidvalidity, uid, tries, reason, first_at, last_at, retry FROM quarantine
WHERE tries >= ? ORDER BY mailbox, uidvalidity, uid`, QuarantineAfter)
	if err != nil {
		return nil, fmt.Errorf("list quarantined mail: %w", err)
	}
	defer rows.Close()
	var out []Quarantined
	for rows.Next() {
		var q Quarantined
		var first, last int64
		if err := rows.Scan(&q.Mailbox, &q.UIDValidity, &q.UID, &q.Tries, &q.Reason, &first, &last, &q.Retry); err != nil {
			return nil, fmt.Errorf("list quarantined mail: %w", err)
		}
		q.First, q.Last = time.Unix(first, 0), time.Unix(last, 0)
		out = append(out, q)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list quarantined mail: %w", err)
	}
	return out, nil
}

// RetryQuarantined asks the next sync to fetch every quarantined UID once
// more, and returns how many it asked for. A success stores the message as
// usual; a failure puts the UID back in quarantine.
func (db *DB) RetryQuarantined(ctx context.Context) (int, error) {
	var n int64
	err := db.tx(ctx, func(tx *sql.Tx) error {
		r, err := tx.ExecContext(ctx, `UPDATE quarantine SET retry = 1 WHERE tries >= ? AND retry = 0`, QuarantineAfter)
		if err != nil {
			return err
		}
		n, err = r.RowsAffected()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("ask to retry quarantined mail: %w", err)
	}
	return int(n), nil
}
