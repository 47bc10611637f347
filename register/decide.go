package register

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// ErrConflict is returned when a case changed since the officer read it:
// another officer, or a sync, got there first. Read it again and retry.
var ErrConflict = errors.New("the case was changed meanwhile by someone else; it has been read again, check and retry")

// The officer's decisions. Each is one transaction that checks the case's
// version (where there is a case), changes it, and appends to the audit
// trail what was decided and what it replaced.

// OpenCaseFromMessage turns a message of the other mail into a case with
// the given kinds: the officer judged it a request. The clock starts at the
// message's original receipt, not now.
func (db *DB) OpenCaseFromMessage(ctx context.Context, messageID int64, kinds []string) (int64, error) {
	if err := checkKinds(kinds); err != nil {
		return 0, err
	}
	var caseID int64
	err := db.tx(ctx, func(tx *sql.Tx) error {
		m, err := messageInTx(ctx, tx, messageID)
		if err != nil {
			return err
		}
		if m.CaseID != 0 {
			return fmt.Errorf("message %d already belongs to a case", messageID)
		}
		was := m.Disposition
		m.Disposition, m.Kinds, m.Uncertain = DispositionRequest, kinds, false
		if _, err := tx.ExecContext(ctx, `UPDATE messages SET disposition = ?, kinds = ?, uncertain = 0, confirmed = 1 WHERE id = ?`,
			m.Disposition, lines(kinds), messageID); err != nil {
			return err
		}
		if err := db.openCase(ctx, tx, &m, fmt.Sprintf("by an officer (it was %s) from", was)); err != nil {
			return err
		}
		caseID = m.CaseID
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("open a case from message %d: %w", messageID, err)
	}
	return caseID, nil
}

// ConfirmNotRequest records the officer's decision that a message of the
// other mail is not a request.
func (db *DB) ConfirmNotRequest(ctx context.Context, messageID int64) error {
	err := db.tx(ctx, func(tx *sql.Tx) error {
		m, err := messageInTx(ctx, tx, messageID)
		if err != nil {
			return err
		}
		if m.CaseID != 0 {
			return fmt.Errorf("message %d belongs to a case", messageID)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE messages SET confirmed = 1, uncertain = 0 WHERE id = ?`, messageID); err != nil {
			return err
		}
		return db.audit(ctx, tx, 0, "confirmed not a request",
			fmt.Sprintf("message %d (Message-ID %q), classified %s", messageID, m.MessageID, m.Disposition))
	})
	if err != nil {
		return fmt.Errorf("confirm message %d is not a request: %w", messageID, err)
	}
	return nil
}

// SetKinds sets the rights a case invokes, as the officer reads the request.
// It also settles the classifier's doubt.
func (db *DB) SetKinds(ctx context.Context, caseID, version int64, kinds []string) error {
	if err := checkKinds(kinds); err != nil {
		return err
	}
	return db.change(ctx, caseID, version, "kinds changed", func(tx *sql.Tx, c Case) (string, error) {
		if err := setKinds(ctx, tx, caseID, kinds); err != nil {
			return "", err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE cases SET uncertain = 0 WHERE id = ?`, caseID); err != nil {
			return "", err
		}
		return kindList(c.Kinds) + " → " + kindList(kinds), nil
	})
}

// SetLanguage sets the language letters and reports to the requester are
// written in — "fi", "sv" or "en" — where the officer reads the request
// otherwise than the detection did.
func (db *DB) SetLanguage(ctx context.Context, caseID, version int64, lang string) error {
	if !slices.Contains(Languages, lang) {
		return fmt.Errorf("case %d: language %q: want one of %s", caseID, lang, strings.Join(Languages, ", "))
	}
	return db.change(ctx, caseID, version, "language set", func(tx *sql.Tx, c Case) (string, error) {
		_, err := tx.ExecContext(ctx, `UPDATE cases SET lang = ? WHERE id = ?`, lang, caseID)
		was := c.Lang
		if was == "" {
			was = "none"
		}
		return was + " → " + lang, err
	})
}

// SetIdentity records what is known of the requester's identity. A
// verified identity needs its method; an agent needs the proof of authority.
// For an ID document only the fact "ID checked" is kept, never a copy.
func (db *DB) SetIdentity(ctx context.Context, caseID, version int64, id Identity) error {
	switch {
	case id.Status == IdentityVerified && !slices.Contains(IdentityMethods, id.Method):
		return fmt.Errorf("a verified identity needs its method: one of %s", strings.Join(IdentityMethods, ", "))
	case id.Status == IdentityAgent && strings.TrimSpace(id.Note) == "":
		return errors.New("an agent needs the proof of authority noted (for example \"power of attorney dated …\")")
	case id.Status != IdentityVerified && id.Status != IdentityAgent && id.Status != IdentityUnverified:
		return fmt.Errorf("unknown identity status %q", id.Status)
	}
	if id.Status != IdentityVerified {
		id.Method = ""
	}
	if id.Status != IdentityAgent {
		id.Note = ""
	}
	return db.change(ctx, caseID, version, "identity", func(tx *sql.Tx, c Case) (string, error) {
		_, err := tx.ExecContext(ctx, `UPDATE cases SET identity = ?, identity_method = ?, identity_note = ? WHERE id = ?`,
			id.Status, id.Method, id.Note, caseID)
		return identityText(c.Identity) + " → " + identityText(id), err
	})
}

// WaitForID starts (waiting true) or ends a period of waiting for the
// identifying information the officer asked for. The strict deadline stays
// as it is; the case also shows the date moved by the waiting days.
func (db *DB) WaitForID(ctx context.Context, caseID, version int64, waiting bool) error {
	action := "waiting for identifying information"
	if !waiting {
		action = "identifying information received"
	}
	return db.change(ctx, caseID, version, action, func(tx *sql.Tx, c Case) (string, error) {
		now := time.Now()
		switch {
		case waiting && c.WaitingForID:
			return "", errors.New("the case is already waiting for identifying information")
		case !waiting && !c.WaitingForID:
			return "", errors.New("the case is not waiting for identifying information")
		case waiting:
			_, err := tx.ExecContext(ctx, `INSERT INTO suspensions (case_id, started_at) VALUES (?, ?)`, caseID, now.Unix())
			return fmt.Sprintf("clock suspended from %s; strict due date stays %s", now.In(Helsinki).Format(time.DateOnly), c.Due), err
		}
		_, err := tx.ExecContext(ctx, `UPDATE suspensions SET ended_at = ? WHERE case_id = ? AND ended_at IS NULL`, now.Unix(), caseID)
		days := SuspendedDays(c.Suspensions, now)
		return fmt.Sprintf("clock runs again; %d days suspended in all; strict due %s, adjusted %s",
			days, c.Due, AdjustedDue(c.ReceivedAt, days)), err
	})
}

// MarkSeen clears a case's new-activity mark once an officer has opened it.
// It is not a decision: it neither bumps the version nor enters the audit.
func (db *DB) MarkSeen(ctx context.Context, caseID int64) error {
	return db.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE cases SET new_activity = 0 WHERE id = ? AND new_activity = 1`, caseID)
		return err
	})
}

// change runs one decision on a case: it reads the case, refuses with
// ErrConflict if its version is not the one the officer saw, lets apply
// change it and describe the change, bumps the version and audits.
func (db *DB) change(ctx context.Context, caseID, version int64, action string, apply func(*sql.Tx, Case) (string, error)) error {
	err := db.tx(ctx, func(tx *sql.Tx) error {
		c, err := scanCase(tx.QueryRowContext(ctx, `SELECT `+caseColumns+` FROM cases c WHERE c.id = ?`, caseID))
		if err == sql.ErrNoRows {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if c.Version != version {
			return ErrConflict
		}
		detail, err := apply(tx, c)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE cases SET version = version + 1, updated_at = ? WHERE id = ?`,
			time.Now().Unix(), caseID); err != nil {
			return err
		}
		return db.audit(ctx, tx, caseID, action, detail)
	})
	if err != nil {
		return fmt.Errorf("case %d: %s: %w", caseID, action, err)
	}
	return nil
}

// messageInTx reads one message inside tx.
func messageInTx(ctx context.Context, tx *sql.Tx, id int64) (Message, error) {
	var m Message
	var received int64
	var reasons string
	err := tx.QueryRowContext(ctx, `SELECT id, coalesce(case_id, 0), message_id, received_at, subject, disposition, reasons,
		requester_email, requester_name, lang FROM messages WHERE id = ?`, id).
		Scan(&m.ID, &m.CaseID, &m.MessageID, &received, &m.Subject, &m.Disposition, &reasons, &m.Requester.Email, &m.Requester.Name,
			&m.Lang)
	if err == sql.ErrNoRows {
		return Message{}, ErrNotFound
	}
	m.ReceivedAt = time.Unix(received, 0).In(Helsinki)
	m.Reasons = splitLines(reasons)
	return m, err
}

// identityText describes an identity for the audit trail.
func identityText(id Identity) string {
	switch {
	case id.Method != "":
		return id.Status + " (" + id.Method + ")"
	case id.Note != "":
		return id.Status + " (" + id.Note + ")"
	}
	return id.Status
}
