package register

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// joinThread attaches the just-stored message m to the case it answers, if
// any, and reports whether it did. Only mail a person wrote can be a
// follow-up (an auto-reply quoting a request is not); it is matched, in this
// order, by In-Reply-To/References to a message of a case, by the case tag
// in its subject, or — when a mail client dropped those headers — by a reply
// prefix, the same requester and the same subject as an open case.
func (db *DB) joinThread(ctx context.Context, tx *sql.Tx, m *Message) (bool, error) {
	switch m.Disposition {
	case DispositionRequest, DispositionOther, DispositionUnparseable:
	default:
		return false, nil
	}
	caseID, how, err := findThread(ctx, tx, m)
	if err != nil || caseID == 0 {
		return false, err
	}
	m.CaseID, m.Disposition = caseID, DispositionFollowup
	m.Reasons = append(m.Reasons, how)
	if _, err := tx.ExecContext(ctx, `UPDATE messages SET case_id = ?, disposition = ?, reasons = ? WHERE id = ?`,
		caseID, m.Disposition, lines(m.Reasons), m.ID); err != nil {
		return false, err
	}
	if _, err := tx.ExecContext(ctx,
		`UPDATE cases SET new_activity = 1, version = version + 1, updated_at = ? WHERE id = ?`,
		time.Now().Unix(), caseID); err != nil {
		return false, err
	}
	return true, db.audit(ctx, tx, caseID, "follow-up attached",
		fmt.Sprintf("message %d (Message-ID %q), received %s: %s", m.ID, m.MessageID,
			m.ReceivedAt.In(Helsinki).Format(time.RFC3339), how))
}

// findThread returns the case m belongs to and how that was found, or 0.
// A purged case takes no mail: its personal data is gone. A closed case
// takes what is no request (thanks, a question about the answer); a new
// request in its thread opens a case of its own.
func findThread(ctx context.Context, tx *sql.Tx, m *Message) (int64, string, error) {
	var caseID int64
	openOnly := m.Disposition == DispositionRequest
	if ids := append(append([]string{}, m.InReplyTo...), m.References...); len(ids) > 0 {
		q := `SELECT m.case_id, m.message_id FROM messages m JOIN cases c ON c.id = m.case_id
			WHERE m.id <> ? AND c.purged_at = 0 AND (c.status = 'open' OR NOT ?) AND m.message_id IN (?` +
			strings.Repeat(",?", len(ids)-1) + `) ORDER BY m.id DESC LIMIT 1`
		args := []any{m.ID, openOnly}
		for _, id := range ids {
			args = append(args, id)
		}
		var matched string
		err := tx.QueryRowContext(ctx, q, args...).Scan(&caseID, &matched)
		if err == nil {
			return caseID, fmt.Sprintf("answers <%s> of the case (In-Reply-To/References)", matched), nil
		}
		if err != sql.ErrNoRows {
			return 0, "", err
		}
	}
	if m.Thread.Tag != "" {
		err := tx.QueryRowContext(ctx, `SELECT id FROM cases WHERE tag = ? AND purged_at = 0 AND (status = 'open' OR NOT ?)`,
			m.Thread.Tag, openOnly).Scan(&caseID)
		if err == nil {
			return caseID, fmt.Sprintf("subject carries the case tag [%s]", m.Thread.Tag), nil
		}
		if err != sql.ErrNoRows {
			return 0, "", err
		}
	}
	if m.Thread.Reply && m.Thread.BaseSubject != "" && m.Requester.Email != "" {
		err := tx.QueryRowContext(ctx, `
SELECT c.id FROM cases c JOIN messages f ON f.case_id = c.id
WHERE c.status = 'open' AND lower(c.requester_email) = lower(?) AND f.base_subject = ? AND f.id <> ?
ORDER BY c.id DESC LIMIT 1`, m.Requester.Email, m.Thread.BaseSubject, m.ID).Scan(&caseID)
		if err == nil {
			return caseID, "a reply from the requester with the subject of the open case", nil
		}
		if err != sql.ErrNoRows {
			return 0, "", err
		}
	}
	return 0, "", nil
}
