package register

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Redaction is an attachment removed from a stored message: after the
// officer has checked an ID document, no copy of it is kept (DESIGN §2).
// The caller, who understands MIME, makes After from Before.
type Redaction struct {
	MessageID int64
	Before    []byte       // the raw bytes After was made from
	After     []byte       // the message without the attachment, a note in its place
	Removed   Attachment   // what was removed
	Remaining []Attachment // the attachments After still has
	Text      string       // the readable text of After
}

// Redact stores r.After as the message's raw bytes, refusing if they are no
// longer r.Before (someone else changed them meanwhile), and audits which
// attachment was removed — its name, type and size, never its content. The
// message's hash stays that of the bytes first fetched: it is the message's
// identity for sync.
func (db *DB) Redact(ctx context.Context, r Redaction) error {
	err := db.tx(ctx, func(tx *sql.Tx) error {
		var raw []byte
		var caseID sql.NullInt64
		var redacted string
		err := tx.QueryRowContext(ctx, `SELECT raw, case_id, redacted FROM messages WHERE id = ?`, r.MessageID).
			Scan(&raw, &caseID, &redacted)
		if err == sql.ErrNoRows {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if !bytes.Equal(raw, r.Before) {
			return fmt.Errorf("the message changed meanwhile; read it again")
		}
		what := fmt.Sprintf("%s (%s, %d bytes) removed on %s", r.Removed.Name, r.Removed.Type, r.Removed.Size,
			time.Now().In(Helsinki).Format(time.DateOnly))
		if _, err := tx.ExecContext(ctx, `UPDATE messages SET raw = ?, attachments = ?, body_text = ?, redacted = ? WHERE id = ?`,
			r.After, attachmentLines(r.Remaining), r.Text, redacted+what+"\n", r.MessageID); err != nil {
			return err
		}
		return db.audit(ctx, tx, caseID.Int64, "attachment removed",
			fmt.Sprintf("from message %d: %s after the identity check; no copy kept, the rest of the message kept", r.MessageID, what))
	})
	if err != nil {
		return fmt.Errorf("remove an attachment from message %d: %w", r.MessageID, err)
	}
	return nil
}
