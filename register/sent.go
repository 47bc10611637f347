package register

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
	"unicode"
)

// storeSent stores m, a message from the Sent folder (DispositionSent),
// inside tx — but only if it belongs to a case: by In-Reply-To/References
// naming a message of a case, or by the case tag in its subject. The Sent
// folder holds all the company's mail, and nothing personal that is not
// about a case is kept. A stored sent message joins the case's thread and
// never opens a case. When it went to the requester (or to whoever wrote to
// the case) it is the case's answer, or its extension notice, as
// recordAnswer decides, dated when the server filed it (INTERNALDATE). It
// reports what it did as counts of 0 or 1.
func (db *DB) storeSent(ctx context.Context, tx *sql.Tx, m *Message) (stored, answered int, err error) {
	if known, err := relocateSent(ctx, tx, m); known || err != nil {
		return 0, 0, err
	}
	probe := *m
	probe.Thread.Reply = false // a subject alone never ties the company's own mail to a case
	caseID, how, err := findThread(ctx, tx, &probe)
	if err != nil || caseID == 0 {
		return 0, 0, err
	}
	toRequester, err := sentToCase(ctx, tx, caseID, m.Headers)
	if err != nil {
		return 0, 0, err
	}
	m.Disposition = DispositionSent
	m.Reasons = append(m.Reasons, how)
	if !toRequester {
		m.Reasons = append(m.Reasons, "addressed to no one who wrote to the case: not taken as its answer")
	}
	if err := insertMessage(ctx, tx, m); err != nil {
		return 0, 0, err
	}
	m.CaseID = caseID
	if _, err := tx.ExecContext(ctx, `UPDATE messages SET case_id = ? WHERE id = ?`, caseID, m.ID); err != nil {
		return 0, 0, err
	}
	if err := db.audit(ctx, tx, caseID, "sent message attached", fmt.Sprintf("message %d (Message-ID %q), sent %s: %s",
		m.ID, m.MessageID, m.ReceivedAt.In(Helsinki).Format(time.RFC3339), how)); err != nil {
		return 0, 0, err
	}
	if !toRequester {
		return 1, 0, nil
	}
	what := sentUnknown
	switch kind := letterKindOf(m.Headers); kind {
	case "":
	case LetterAcknowledgement, LetterIdentification:
		// Written by dsrdesk and not the answer: the clock runs on.
		return 1, 0, db.audit(ctx, tx, caseID, string(kind)+" sent", m.ReceivedAt.In(Helsinki).Format(time.RFC3339))
	case LetterExtension:
		what = sentNotice
	default:
		what = sentAnswer
	}
	changed, err := db.recordAnswer(ctx, tx, caseID, m.ReceivedAt, what)
	if err != nil || !changed {
		return 1, 0, err
	}
	return 1, 1, nil
}

// letterKindOf reads the kind of letter dsrdesk wrote from header text
// ("Key: value" lines), or "" when the message does not say.
func letterKindOf(headers string) LetterKind {
	for _, line := range strings.Split(headers, "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.EqualFold(strings.TrimSpace(k), "X-Dsrdesk-Letter") {
			return LetterKind(strings.TrimSpace(v))
		}
	}
	return ""
}

// relocateSent reports whether m is already stored: the same bytes, or the
// same Message-ID in the same folder under an older UIDVALIDITY (a server
// migration may add a header). A copy found in its folder under a new
// UIDVALIDITY gets its new place.
func relocateSent(ctx context.Context, tx *sql.Tx, m *Message) (bool, error) {
	var id int64
	var mailbox string
	var validity uint32
	err := tx.QueryRowContext(ctx, `SELECT id, mailbox, uidvalidity FROM messages WHERE sha256 = ?`, m.Hash).
		Scan(&id, &mailbox, &validity)
	if err == sql.ErrNoRows && m.MessageID != "" {
		err = tx.QueryRowContext(ctx, `
SELECT id, mailbox, uidvalidity FROM messages
WHERE mailbox = ? AND message_id = ? AND disposition = ? AND uidvalidity <> ?
ORDER BY id LIMIT 1`, m.Mailbox, m.MessageID, DispositionSent, m.UIDValidity).Scan(&id, &mailbox, &validity)
	}
	switch {
	case err == sql.ErrNoRows:
		return false, nil
	case err != nil:
		return false, err
	case mailbox == m.Mailbox && validity != m.UIDValidity:
		_, err = tx.ExecContext(ctx, `UPDATE messages SET uidvalidity = ?, uid = ? WHERE id = ?`, m.UIDValidity, m.UID, id)
	}
	return true, err
}

// sentToCase reports whether a sent message with the given header text
// ("Key: value" lines) went to the case's requester or to anyone whose mail
// is in the case (a new address, an agent), by its To, Cc or Bcc. A note to
// a colleague about the case — even the one who forwarded the request — is
// no answer to it.
func sentToCase(ctx context.Context, tx *sql.Tx, caseID int64, headers string) (bool, error) {
	to := recipients(headers)
	if len(to) == 0 {
		return false, nil
	}
	rows, err := tx.QueryContext(ctx, `
SELECT requester_email FROM cases WHERE id = ?
UNION SELECT from_email FROM messages WHERE case_id = ? AND disposition <> ? AND NOT staff_forward
UNION SELECT requester_email FROM messages WHERE case_id = ? AND disposition <> ?`,
		caseID, caseID, DispositionSent, caseID, DispositionSent)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	for rows.Next() {
		var email string
		if err := rows.Scan(&email); err != nil {
			return false, err
		}
		if email != "" && to[strings.ToLower(email)] {
			return true, rows.Err()
		}
	}
	return false, rows.Err()
}

// recipients returns the addresses in the To, Cc and Bcc lines of header
// text, folded to lower case.
func recipients(headers string) map[string]bool {
	out := map[string]bool{}
	for _, line := range strings.Split(headers, "\n") {
		key, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		switch strings.ToLower(strings.TrimSpace(key)) {
		case "to", "cc", "bcc":
		default:
			continue
		}
		for _, f := range strings.FieldsFunc(value, func(r rune) bool {
			return unicode.IsSpace(r) || strings.ContainsRune(`<>,;"'()`, r)
		}) {
			if strings.Contains(f, "@") {
				out[strings.ToLower(f)] = true
			}
		}
	}
	return out
}
