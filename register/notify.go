package register

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"
)

// SetRecipients names the recipients the register's data is disclosed to.
// A rectification, erasure or restriction carried out afterwards leaves a
// checklist of them to tell (Art. 19).
func (db *DB) SetRecipients(names []string) { db.recipients = slices.Clone(names) }

// Recipients returns the names SetRecipients gave.
func (db *DB) Recipients() []string { return slices.Clone(db.recipients) }

// tellsRecipients says whether an action is one Art. 19 requires telling
// the recipients of.
func tellsRecipients(action string) bool {
	return action == ActionRectification || action == ActionErasure || action == ActionRestriction
}

// Notification is one recipient to tell of one action on a case.
type Notification struct {
	Recipient  string    `json:"recipient"`
	Action     string    `json:"action"`
	NotifiedAt time.Time `json:"notified_at,omitzero"` // zero while still to do
	Actor      string    `json:"actor,omitempty"`      // who ticked it off
}

// Notifications returns a case's checklist of recipients to tell, in the
// order the actions were carried out.
func (db *DB) Notifications(ctx context.Context, caseID int64) ([]Notification, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT n.recipient, n.action, n.notified_at, n.actor FROM notifications n
		WHERE n.case_id = ? ORDER BY (SELECT min(a.id) FROM case_actions a WHERE a.case_id = n.case_id AND a.action = n.action),
		n.recipient`, caseID)
	if err != nil {
		return nil, fmt.Errorf("case %d: read the recipients to tell: %w", caseID, err)
	}
	defer rows.Close()
	out := []Notification{}
	for rows.Next() {
		var n Notification
		var at int64
		if err := rows.Scan(&n.Recipient, &n.Action, &at, &n.Actor); err != nil {
			return nil, err
		}
		if at != 0 {
			n.NotifiedAt = time.Unix(at, 0).In(Helsinki)
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// MarkNotified ticks off that recipient was told of action on the case.
func (db *DB) MarkNotified(ctx context.Context, caseID, version int64, recipient, action string) error {
	return db.change(ctx, caseID, version, "recipient told", func(tx *sql.Tx, _ Case) (string, error) {
		r, err := tx.ExecContext(ctx, `UPDATE notifications SET notified_at = ?, actor = ?
			WHERE case_id = ? AND recipient = ? AND action = ? AND notified_at = 0`,
			time.Now().Unix(), db.actor, caseID, recipient, action)
		if err != nil {
			return "", err
		}
		if n, _ := r.RowsAffected(); n == 0 {
			return "", fmt.Errorf("%s is not waiting to be told of the %s", recipient, action)
		}
		return recipient + " told of the " + action, nil
	})
}
