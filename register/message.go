package register

import (
	"context"
	"fmt"
	"time"
)

// messageColumns are the columns scanMessage reads, in order (never raw).
const messageColumns = `id, coalesce(case_id, 0), mailbox, uidvalidity, uid, message_id, received_at, size, sha256,
	from_email, from_name, subject, in_reply_to, refs, headers, body_text, parse_error, disposition, reasons`

// messages returns the stored messages matching the SQL tail where (a WHERE
// and ORDER BY clause), without their raw bytes.
func (db *DB) messages(ctx context.Context, where string, args ...any) ([]Message, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT `+messageColumns+` FROM messages `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Message
	for rows.Next() {
		var m Message
		var received int64
		var irt, refs, reasons string
		if err := rows.Scan(&m.ID, &m.CaseID, &m.Mailbox, &m.UIDValidity, &m.UID, &m.MessageID, &received, &m.Size, &m.Hash,
			&m.From.Email, &m.From.Name, &m.Subject, &irt, &refs, &m.Headers, &m.Text, &m.ParseError,
			&m.Disposition, &reasons); err != nil {
			return nil, err
		}
		m.ReceivedAt = time.Unix(received, 0).In(Helsinki)
		m.InReplyTo, m.References, m.Reasons = splitLines(irt), splitLines(refs), splitLines(reasons)
		out = append(out, m)
	}
	return out, rows.Err()
}

// Messages returns every stored message, oldest first, without raw bytes.
func (db *DB) Messages(ctx context.Context) ([]Message, error) {
	msgs, err := db.messages(ctx, `ORDER BY received_at, id`)
	if err != nil {
		return nil, fmt.Errorf("list messages: %w", err)
	}
	return msgs, nil
}

// MessageRaw returns the raw bytes of a stored message, as fetched.
func (db *DB) MessageRaw(ctx context.Context, id int64) ([]byte, error) {
	var raw []byte
	if err := db.r.QueryRowContext(ctx, `SELECT raw FROM messages WHERE id = ?`, id).Scan(&raw); err != nil {
		return nil, fmt.Errorf("read raw message %d: %w", id, err)
	}
	return raw, nil
}
