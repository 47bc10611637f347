package register

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// PurgeItem is a closed case whose retention period is over.
type PurgeItem struct {
	ID       int64     `json:"-"`
	Tag      string    `json:"tag"`
	ClosedAt time.Time `json:"closed_at"`
	Messages int       `json:"messages"`
}

// Purgeable lists the cases closed before cutoff whose personal data is
// still kept, oldest first.
func (db *DB) Purgeable(ctx context.Context, cutoff time.Time) ([]PurgeItem, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT c.id, c.tag, c.closed_at,
		(SELECT count(*) FROM messages m WHERE m.case_id = c.id)
		FROM cases c WHERE c.status = ? AND c.closed_at > 0 AND c.closed_at < ? AND c.purged_at = 0
		ORDER BY c.closed_at, c.id`, StatusClosed, cutoff.Unix())
	if err != nil {
		return nil, fmt.Errorf("list the cases to purge: %w", err)
	}
	defer rows.Close()
	var out []PurgeItem
	for rows.Next() {
		var p PurgeItem
		var closed int64
		if err := rows.Scan(&p.ID, &p.Tag, &closed, &p.Messages); err != nil {
			return nil, err
		}
		p.ClosedAt = unixTime(closed)
		out = append(out, p)
	}
	return out, rows.Err()
}

// Purge removes the personal data of the cases closed before cutoff, in
// one transaction: the messages' bytes, texts, headers and addresses, the
// requester, subject and reasons of the case, its links to register
// entries, what its actions named, and the case in the entries' change
// logs. What stays is an anonymous record —
// the dates, the rights, the outcome, whether it was late — so that the
// report still counts it; and each message's hash, so that a message still
// on the server is not taken for a new request. It returns what it purged.
func (db *DB) Purge(ctx context.Context, cutoff time.Time) ([]PurgeItem, error) {
	items, err := db.Purgeable(ctx, cutoff)
	if err != nil || len(items) == 0 {
		return items, err
	}
	now := time.Now().Unix()
	err = db.tx(ctx, func(tx *sql.Tx) error {
		tags := make([]string, len(items))
		for i, p := range items {
			tags[i] = p.Tag
			for _, q := range []struct {
				sql  string
				args []any
			}{
				{`UPDATE messages SET raw = x'', body_text = '', headers = '', subject = '', from_email = '', from_name = '',
					requester_email = '', requester_name = '', message_id = '', in_reply_to = '', refs = '', parse_error = '',
					reasons = '', attachments = '', redacted = '', base_subject = '', thread_tag = '' WHERE case_id = ?`, []any{p.ID}},
				{`UPDATE cases SET requester_email = '', requester_name = '', subject = '', outcome_reason = '',
					identity_note = '', extension_reason = '', purged_at = ?, version = version + 1 WHERE id = ?`, []any{now, p.ID}},
				{`DELETE FROM case_customers WHERE case_id = ?`, []any{p.ID}},
				{`DELETE FROM notifications WHERE case_id = ?`, []any{p.ID}},
				// The entry's change log stays the entry's; it no longer names the case.
				{`UPDATE customer_changes SET case_id = NULL WHERE case_id = ?`, []any{p.ID}},
				{`UPDATE case_actions SET record = json_object('action', action, 'at', strftime('%Y-%m-%dT%H:%M:%SZ', at, 'unixepoch')) WHERE case_id = ?`, []any{p.ID}},
			} {
				if _, err := tx.ExecContext(ctx, q.sql, q.args...); err != nil {
					return fmt.Errorf("purge %s: %w", p.Tag, err)
				}
			}
		}
		return db.audit(ctx, tx, 0, "closed cases purged",
			fmt.Sprintf("%d closed before %s: %s", len(items), cutoff.In(Helsinki).Format(time.DateOnly), strings.Join(tags, ", ")))
	})
	if err != nil {
		return nil, err
	}
	return items, nil
}
