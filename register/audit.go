package register

import (
	"context"
	"database/sql"
	"os"
	"os/user"
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

// audit appends one entry to the trail inside tx, so that the entry and the
// change it records commit together or not at all.
func (db *DB) audit(ctx context.Context, tx *sql.Tx, caseID int64, action, detail string) error {
	var c any
	if caseID != 0 {
		c = caseID
	}
	_, err := tx.ExecContext(ctx,
		`INSERT INTO audit (at, actor, case_id, action, detail) VALUES (?, ?, ?, ?, ?)`,
		time.Now().UTC().Format(time.RFC3339Nano), db.actor, c, action, detail)
	return err
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
