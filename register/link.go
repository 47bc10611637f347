package register

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Links between cases and the register entries they concern. Matching
// links a case by itself only when the evidence is strong and points at
// one person; otherwise it offers candidates and an officer decides. Once
// linked, or once an officer has linked or unlinked anything, matching
// leaves the case alone. Every link and unlink is audited by customer
// number; the evidence, which quotes the mail, stays in case_customers.

// ErrAlreadyLinked and ErrNotLinked refuse a link or unlink that changes
// nothing.
var (
	ErrAlreadyLinked = errors.New("the entry is already linked to the case")
	ErrNotLinked     = errors.New("the entry is not linked to the case")
)

// maxMatchText is how much of a case's text matching reads.
const maxMatchText = 64 << 10

// Candidates returns the entries linked to a case, then the entries
// matching offers, strongest first.
func (db *DB) Candidates(ctx context.Context, caseID int64) ([]Candidate, error) {
	linked, err := linkedEntries(ctx, db.r, caseID)
	if err != nil {
		return nil, fmt.Errorf("case %d: read linked entries: %w", caseID, err)
	}
	in, err := caseMatchInput(ctx, db.r, caseID)
	if err != nil {
		return nil, fmt.Errorf("case %d: %w", caseID, err)
	}
	found, err := matchCase(ctx, db.r, in)
	if err != nil {
		return nil, fmt.Errorf("case %d: %w", caseID, err)
	}
	out := linked
	for _, c := range found {
		if !containsCustomer(linked, c.ID) {
			out = append(out, c)
		}
	}
	return out, nil
}

// Link links an entry to a case by an officer's decision.
func (db *DB) Link(ctx context.Context, caseID, version, customerID int64) error {
	return db.change(ctx, caseID, version, "customer linked", func(tx *sql.Tx, _ Case) (string, error) {
		c, err := customerInTx(ctx, tx, customerID)
		if err != nil {
			return "", err
		}
		var evidence []string // matching's, if it offered the entry; who linked is in auto
		if in, err := caseMatchInput(ctx, tx, caseID); err != nil {
			return "", err
		} else if found, err := matchCase(ctx, tx, in); err != nil {
			return "", err
		} else if i := indexCustomer(found, customerID); i >= 0 {
			evidence = append(evidence, found[i].Evidence...)
		}
		if err := db.insertLink(ctx, tx, caseID, customerID, false, evidence); err != nil {
			return "", err
		}
		return c.Number, nil
	})
}

// Unlink removes an entry from a case by an officer's decision; matching
// will not link it again.
func (db *DB) Unlink(ctx context.Context, caseID, version, customerID int64) error {
	return db.change(ctx, caseID, version, "customer unlinked", func(tx *sql.Tx, _ Case) (string, error) {
		c, err := customerInTx(ctx, tx, customerID)
		if err != nil {
			return "", err
		}
		var auto bool
		err = tx.QueryRowContext(ctx, `SELECT auto FROM case_customers WHERE case_id = ? AND customer_id = ?`,
			caseID, customerID).Scan(&auto)
		if err == sql.ErrNoRows {
			return "", fmt.Errorf("%s: %w", c.Number, ErrNotLinked)
		}
		if err != nil {
			return "", err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM case_customers WHERE case_id = ? AND customer_id = ?`,
			caseID, customerID); err != nil {
			return "", err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE cases SET links_decided = 1 WHERE id = ?`, caseID); err != nil {
			return "", err
		}
		if auto {
			return c.Number + " (it was linked automatically)", nil
		}
		return c.Number, nil
	})
}

// insertLink links an entry to a case and marks the case's links decided.
func (db *DB) insertLink(ctx context.Context, tx *sql.Tx, caseID, customerID int64, auto bool, evidence []string) error {
	r, err := tx.ExecContext(ctx, `INSERT INTO case_customers (case_id, customer_id, auto, evidence, linked_at, actor)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
		caseID, customerID, auto, lines(evidence), time.Now().Unix(), db.actor)
	if err != nil {
		return err
	}
	if n, _ := r.RowsAffected(); n == 0 {
		return ErrAlreadyLinked
	}
	_, err = tx.ExecContext(ctx, `UPDATE cases SET links_decided = 1 WHERE id = ?`, caseID)
	return err
}

// autoLink links a case whose links nobody has decided yet to its strong
// candidates when they are all one person, inside tx. It reports whether
// it linked anything.
func (db *DB) autoLink(ctx context.Context, tx *sql.Tx, caseID int64) (bool, error) {
	var decided bool
	if err := tx.QueryRowContext(ctx, `SELECT links_decided FROM cases WHERE id = ?`, caseID).Scan(&decided); err != nil {
		return false, err
	}
	var empty bool
	if err := tx.QueryRowContext(ctx, `SELECT NOT EXISTS (SELECT 1 FROM customers)`).Scan(&empty); err != nil {
		return false, err
	}
	if decided || empty {
		return false, nil
	}
	in, err := caseMatchInput(ctx, tx, caseID)
	if err != nil {
		return false, err
	}
	found, err := matchCase(ctx, tx, in)
	if err != nil {
		return false, err
	}
	pick := autoLinks(found)
	for _, c := range pick {
		if err := db.insertLink(ctx, tx, caseID, c.ID, true, c.Evidence); err != nil {
			return false, err
		}
		if err := db.audit(ctx, tx, caseID, "customer linked automatically",
			fmt.Sprintf("%s (evidence weight %d)", c.Number, c.Score)); err != nil {
			return false, err
		}
	}
	if len(pick) > 0 {
		_, err = tx.ExecContext(ctx, `UPDATE cases SET version = version + 1, updated_at = ? WHERE id = ?`, time.Now().Unix(), caseID)
	}
	return len(pick) > 0, err
}

// autoLinks picks the candidates to link without asking: the strong ones,
// when they are one person — one entry, or entries with the same name and
// the same e-mail address or phone number (a person on file as the contact
// of several companies). Strong candidates that may be different people,
// namesakes included, leave the choice to an officer.
func autoLinks(found []Candidate) []Candidate {
	var strong []Candidate
	for _, c := range found {
		if c.Strong() {
			strong = append(strong, c)
		}
	}
	for _, c := range strong[min(1, len(strong)):] {
		if !samePerson(c.Customer, strong[0].Customer) {
			return nil
		}
	}
	return strong
}

// samePerson says whether two entries are about one person: the same name,
// and the same e-mail address or phone number.
func samePerson(a, b Customer) bool {
	an, ae, ap := customerKeys(a.Fields)
	bn, be, bp := customerKeys(b.Fields)
	return an != "" && an == bn && ((ae != "" && ae == be) || (ap != "" && ap == bp))
}

// autoLinkOpen runs autoLink on every open case nobody has decided the
// links of, inside tx: after an import, the register may know the people
// of earlier requests. It returns how many cases it linked.
func (db *DB) autoLinkOpen(ctx context.Context, tx *sql.Tx) (int, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id FROM cases WHERE status = 'open' AND links_decided = 0`)
	if err != nil {
		return 0, err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return 0, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	n := 0
	for _, id := range ids {
		linked, err := db.autoLink(ctx, tx, id)
		if err != nil {
			return 0, fmt.Errorf("case %d: %w", id, err)
		}
		if linked {
			n++
		}
	}
	return n, nil
}

// rowQuerier reads single rows: the reader pool or a transaction.
type rowQuerier interface {
	querier
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// caseMatchInput reads what matching needs of a case: its requester, and
// the subjects and texts of its requests and follow-ups.
func caseMatchInput(ctx context.Context, q rowQuerier, caseID int64) (matchInput, error) {
	var in matchInput
	err := q.QueryRowContext(ctx, `SELECT requester_email, requester_name FROM cases WHERE id = ?`, caseID).
		Scan(&in.Sender.Email, &in.Sender.Name)
	if err == sql.ErrNoRows {
		return in, ErrNotFound
	}
	if err != nil {
		return in, err
	}
	rows, err := q.QueryContext(ctx, `SELECT subject, body_text FROM messages
		WHERE case_id = ? AND disposition IN (?, ?, ?) ORDER BY received_at, id`,
		caseID, DispositionRequest, DispositionFollowup, DispositionUnparseable)
	if err != nil {
		return in, err
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() && b.Len() < maxMatchText {
		var subject, text string
		if err := rows.Scan(&subject, &text); err != nil {
			return in, err
		}
		b.WriteString(subject + "\n" + text + "\n")
	}
	in.Text = b.String()
	if len(in.Text) > maxMatchText {
		in.Text = in.Text[:maxMatchText]
	}
	return in, rows.Err()
}

// linkedEntries reads the entries linked to a case, by customer number.
func linkedEntries(ctx context.Context, q querier, caseID int64) ([]Candidate, error) {
	type link struct {
		auto     bool
		evidence string
	}
	links := map[int64]link{}
	rows, err := q.QueryContext(ctx, `SELECT customer_id, auto, evidence FROM case_customers WHERE case_id = ?`, caseID)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id int64
		var l link
		if err := rows.Scan(&id, &l.auto, &l.evidence); err != nil {
			rows.Close()
			return nil, err
		}
		links[id] = l
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(links) == 0 {
		return []Candidate{}, err
	}
	rows, err = q.QueryContext(ctx, customerSelect+` WHERE id IN
		(SELECT customer_id FROM case_customers WHERE case_id = ?) ORDER BY customer_number`, caseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Candidate{}
	for rows.Next() {
		c, err := scanCustomer(rows)
		if err != nil {
			return nil, err
		}
		l := links[c.ID]
		out = append(out, Candidate{Customer: c, Evidence: splitLines(l.evidence), Linked: true, Auto: l.auto})
	}
	return out, rows.Err()
}

// customerInTx reads one entry by id inside tx.
func customerInTx(ctx context.Context, tx *sql.Tx, id int64) (Customer, error) {
	c, err := scanCustomer(tx.QueryRowContext(ctx, customerSelect+` WHERE id = ?`, id))
	if err == sql.ErrNoRows {
		return Customer{}, fmt.Errorf("customer %d: %w", id, ErrNotFound)
	}
	return c, err
}

// indexCustomer returns the index of the entry with the id, or -1.
func indexCustomer(cs []Candidate, id int64) int {
	for i, c := range cs {
		if c.ID == id {
			return i
		}
	}
	return -1
}

func containsCustomer(cs []Candidate, id int64) bool { return indexCustomer(cs, id) >= 0 }
