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

// The outcomes a case is closed with.
const (
	OutcomeFulfilled     = "fulfilled"
	OutcomePartlyRefused = "partly_refused"
	OutcomeRefused       = "refused"
	OutcomeWithdrawn     = "withdrawn"
	OutcomeNotRequest    = "not_request"
	OutcomeUnfounded     = "unfounded" // manifestly unfounded or excessive (Art. 12(5))
)

// Outcomes lists the outcomes, for menus.
var Outcomes = []string{OutcomeFulfilled, OutcomePartlyRefused, OutcomeRefused, OutcomeWithdrawn, OutcomeNotRequest, OutcomeUnfounded}

// OutcomeNeedsReason says whether an outcome must be justified: a refusal
// by its reasons (Art. 12(4)), "manifestly unfounded or excessive" by the
// controller's demonstration (Art. 12(5)).
func OutcomeNeedsReason(outcome string) bool {
	return outcome == OutcomePartlyRefused || outcome == OutcomeRefused || outcome == OutcomeUnfounded
}

// ExtensionReasons are the reasons the EDPB names for extending the
// deadline (Guidelines 01/2022 §§ 161–164: the complexity and number of
// requests), for menus; an officer may also write their own.
var ExtensionReasons = []string{
	"the request is complex: much data, from several systems",
	"the requester sent several requests",
	"the data must be gathered from archives or third parties",
	"the data of other people must be separated from the requester's",
}

// ErrExtensionTooLate refuses an extension after the first month.
var ErrExtensionTooLate = errors.New("the deadline can be extended only while the first month runs (Art. 12(3))")

// CloseCase closes a case with an outcome, and the reason where the outcome
// needs one. A case answered or closed after its deadline is marked late,
// and stays so.
func (db *DB) CloseCase(ctx context.Context, caseID, version int64, outcome, reason string, now time.Time) error {
	reason = strings.TrimSpace(reason)
	switch {
	case !slices.Contains(Outcomes, outcome):
		return fmt.Errorf("case %d: outcome %q: want one of %s", caseID, outcome, strings.Join(Outcomes, ", "))
	case OutcomeNeedsReason(outcome) && reason == "":
		return fmt.Errorf("case %d: %s needs its reasons: the requester is told them, and the controller must be able to show them", caseID, outcome)
	}
	return db.change(ctx, caseID, version, "case closed", func(tx *sql.Tx, c Case) (string, error) {
		if c.Status == StatusClosed {
			return "", fmt.Errorf("case %s is already closed", c.Tag)
		}
		// Timeliness is the answer's, or the closing's when no answer was
		// recorded; a request withdrawn or found no request needs none.
		late := c.Late
		if outcome != OutcomeWithdrawn && outcome != OutcomeNotRequest {
			due := c
			if outcome == OutcomeRefused {
				// Not taking action is to be said within one month,
				// extension or not (Art. 12(4)).
				due.AdjustedDue = adjustedDeadline(c.ReceivedAt, false, c.SuspendedDays)
			}
			late = late || lateOn(due, firstNonZero(c.AnsweredAt, now))
		}
		_, err := tx.ExecContext(ctx, `UPDATE cases SET status = ?, outcome = ?, outcome_reason = ?, closed_at = ?, late = ?
			WHERE id = ?`, StatusClosed, outcome, reason, now.Unix(), late, caseID)
		detail := outcome
		if late {
			detail += ", late"
		}
		return detail, err
	})
}

// ReopenCase opens a closed case again; its outcome is cleared, its late mark
// stays.
func (db *DB) ReopenCase(ctx context.Context, caseID, version int64, why string) error {
	return db.change(ctx, caseID, version, "case reopened", func(tx *sql.Tx, c Case) (string, error) {
		switch {
		case c.Status != StatusClosed:
			return "", fmt.Errorf("case %s is not closed", c.Tag)
		case c.Purged:
			return "", fmt.Errorf("case %s was purged: its personal data is gone, open a new case instead", c.Tag)
		}
		_, err := tx.ExecContext(ctx, `UPDATE cases SET status = ?, outcome = '', outcome_reason = '', closed_at = 0 WHERE id = ?`,
			StatusOpen, caseID)
		return "was " + c.Outcome + "; " + strings.TrimSpace(why), err
	})
}

// Extend extends a case's deadline by two months (Art. 12(3)) for reason,
// while the first month runs. The requester must be told within the first
// month: the case is flagged until RecordExtensionNotice (or the Sent
// folder) says the notice went out.
func (db *DB) Extend(ctx context.Context, caseID, version int64, reason string, now time.Time) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return fmt.Errorf("case %d: an extension needs its reason: the requester is told it", caseID)
	}
	return db.change(ctx, caseID, version, "deadline extended", func(tx *sql.Tx, c Case) (string, error) {
		switch {
		case c.Status == StatusClosed:
			return "", fmt.Errorf("case %s is closed", c.Tag)
		case !c.ExtendedAt.IsZero():
			return "", fmt.Errorf("case %s is already extended, to %s", c.Tag, c.Due)
		case Today(now).DaysUntil(Due(c.ReceivedAt)) < 0:
			return "", fmt.Errorf("case %s: the first month ended on %s: %w", c.Tag, Due(c.ReceivedAt), ErrExtensionTooLate)
		}
		_, err := tx.ExecContext(ctx, `UPDATE cases SET due_date = extended_due_date, extended_at = ?, extension_reason = ? WHERE id = ?`,
			now.Unix(), reason, caseID)
		return "to " + c.ExtendedDue.String(), err
	})
}

// RecordExtensionNotice records that the requester was told of the
// extension.
func (db *DB) RecordExtensionNotice(ctx context.Context, caseID, version int64, at time.Time) error {
	return db.change(ctx, caseID, version, "extension notice sent", func(tx *sql.Tx, c Case) (string, error) {
		if c.ExtendedAt.IsZero() {
			return "", fmt.Errorf("case %s is not extended", c.Tag)
		}
		_, err := tx.ExecContext(ctx, `UPDATE cases SET extension_notified_at = ? WHERE id = ?`, at.Unix(), caseID)
		return at.In(Helsinki).Format(time.RFC3339), err
	})
}

// What a message sent to the requester is, for recordAnswer.
const (
	sentUnknown = iota // no telling: after an extension, the first within the first month is the notice
	sentNotice         // the extension notice
	sentAnswer         // the answer
)

// recordAnswer records that a message was sent to the requester at the
// given time, inside tx. The first answer dates the case's answer, and an
// answer after the deadline marks the case late. The extension notice —
// what says so, or when nothing says, the first message after an
// extension and within the first month — records that the requester was
// told. It reports whether anything changed.
func (db *DB) recordAnswer(ctx context.Context, tx *sql.Tx, caseID int64, at time.Time, what int) (bool, error) {
	c, err := scanCase(tx.QueryRowContext(ctx, `SELECT `+caseColumns+` FROM cases c WHERE c.id = ?`, caseID))
	if err != nil {
		return false, err
	}
	changed := false
	firstMonth := !Due(c.ReceivedAt).AddDays(c.SuspendedDays).Before(Today(at))
	notice := what == sentNotice || (what == sentUnknown && firstMonth && at.After(c.ExtendedAt))
	if notice && !c.ExtendedAt.IsZero() && c.ExtensionNotifiedAt.IsZero() {
		detail := at.In(Helsinki).Format(time.RFC3339)
		if !firstMonth {
			detail += ", after the first month"
		}
		if _, err := tx.ExecContext(ctx, `UPDATE cases SET extension_notified_at = ? WHERE id = ?`, at.Unix(), caseID); err != nil {
			return false, err
		}
		if err := db.audit(ctx, tx, caseID, "extension notice sent", detail); err != nil {
			return false, err
		}
		return true, nil // the notice, not the answer
	}
	if what == sentNotice {
		return false, nil
	}
	if c.AnsweredAt.IsZero() {
		late := c.Late || lateOn(c, at)
		if _, err := tx.ExecContext(ctx, `UPDATE cases SET answered_at = ?, late = ?, version = version + 1 WHERE id = ?`,
			at.Unix(), late, caseID); err != nil {
			return false, err
		}
		detail := at.In(Helsinki).Format(time.RFC3339)
		if late {
			detail += ", late"
		}
		changed = true
		if err := db.audit(ctx, tx, caseID, "answer sent", detail); err != nil {
			return false, err
		}
	}
	return changed, nil
}

// lateOn says whether answering case c at t misses its deadline: the
// deadline (extended, if it was) moved by the days the clock stood still
// waiting for identifying information.
func lateOn(c Case, t time.Time) bool {
	return c.AdjustedDue.Before(Today(t))
}

// firstNonZero returns the first of ts that is not zero.
func firstNonZero(ts ...time.Time) time.Time {
	for _, t := range ts {
		if !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}

// RecordAnswer records that an answer to the case was sent at the given
// time by other means than the mailbox (a letter, a secure-mail service),
// as recordAnswer does for a message found in the Sent folder.
func (db *DB) RecordAnswer(ctx context.Context, caseID int64, at time.Time) error {
	err := db.tx(ctx, func(tx *sql.Tx) error {
		_, err := db.recordAnswer(ctx, tx, caseID, at, sentAnswer)
		return err
	})
	if err != nil {
		return fmt.Errorf("case %d: record the answer: %w", caseID, err)
	}
	return nil
}
