package register

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Case statuses.
const (
	StatusOpen   = "open"
	StatusClosed = "closed"
)

// Person is who a case or message is from.
type Person struct {
	Email string `json:"email"`
	Name  string `json:"name"`
}

// Case is one data-subject request and its legal clock. Text fields come from
// mail and are untrusted: sanitise them before display.
type Case struct {
	ID          int64     `json:"id"`
	Tag         string    `json:"tag"` // DSR-2026-0042, written into the subjects of replies
	Status      string    `json:"status"`
	Kinds       []string  `json:"kinds"`
	ReceivedAt  time.Time `json:"received_at"` // INTERNALDATE of the first message, Helsinki time
	Due         Date      `json:"due_date"`
	ExtendedDue Date      `json:"extended_due_date"`
	Requester   Person    `json:"requester"`
	Customers   []string  `json:"customers"`
	MessageIDs  []string  `json:"message_ids"`
	Subject     string    `json:"subject"`
	Version     int64     `json:"-"` // bumped by every change; guards concurrent edits
}

// DaysLeft returns the days from today to the case's due date: negative when
// the case is overdue.
func (c Case) DaysLeft(today Date) int { return today.DaysUntil(c.Due) }

// CaseQuery selects cases for a list. The zero value is all open cases,
// soonest due first.
type CaseQuery struct {
	All    bool // include closed cases
	Offset int
	Limit  int // 0: no limit
}

// Counts are the figures in the case list's header.
type Counts struct {
	Open    int
	DueSoon int // open and due within 7 days, not yet overdue
	Overdue int
}

// Message is one stored message. Text fields are untrusted: sanitise them
// before display. Raw is filled only when the message is stored, or read with
// MessageRaw.
type Message struct {
	ID          int64
	CaseID      int64 // 0: belongs to no case
	Mailbox     string
	UIDValidity uint32
	UID         uint32
	MessageID   string    // without angle brackets
	ReceivedAt  time.Time // the server's INTERNALDATE
	Size        int64
	Hash        string // hex SHA-256 of the raw bytes
	From        Person
	Subject     string
	InReplyTo   []string
	References  []string
	Headers     string // decoded top-level header fields, one "Key: value" per line
	Text        string
	ParseError  string
	Disposition string
	Reasons     []string
	Raw         []byte
}

// CaseDetail is a case with its messages, oldest first.
type CaseDetail struct {
	Case
	Messages []Message
}

// caseColumns are the columns scanCase reads, in order.
const caseColumns = `c.id, c.tag, c.status, c.received_at, c.due_date, c.extended_due_date,
	c.requester_email, c.requester_name, c.subject, c.version,
	(SELECT coalesce(group_concat(m.message_id, char(10) ORDER BY m.received_at, m.id), '')
	 FROM messages m WHERE m.case_id = c.id AND m.message_id <> '')`

// scanCase reads one row of caseColumns.
func scanCase(row interface{ Scan(...any) error }) (Case, error) {
	var c Case
	var received int64
	var due, ext, ids string
	err := row.Scan(&c.ID, &c.Tag, &c.Status, &received, &due, &ext,
		&c.Requester.Email, &c.Requester.Name, &c.Subject, &c.Version, &ids)
	if err != nil {
		return Case{}, err
	}
	c.ReceivedAt = time.Unix(received, 0).In(Helsinki)
	if c.Due, err = ParseDate(due); err != nil {
		return Case{}, fmt.Errorf("case %d: due date: %w", c.ID, err)
	}
	if c.ExtendedDue, err = ParseDate(ext); err != nil {
		return Case{}, fmt.Errorf("case %d: extended due date: %w", c.ID, err)
	}
	c.Kinds, c.Customers = []string{}, []string{}
	c.MessageIDs = splitLines(ids)
	if c.MessageIDs == nil {
		c.MessageIDs = []string{}
	}
	return c, nil
}

// Cases lists cases, soonest due first.
func (db *DB) Cases(ctx context.Context, q CaseQuery) ([]Case, error) {
	query := `SELECT ` + caseColumns + ` FROM cases c`
	if !q.All {
		query += ` WHERE c.status = 'open'`
	}
	query += ` ORDER BY c.due_date, c.received_at, c.id`
	if q.Limit > 0 {
		query += fmt.Sprintf(` LIMIT %d OFFSET %d`, q.Limit, q.Offset)
	}
	rows, err := db.r.QueryContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("list cases: %w", err)
	}
	defer rows.Close()
	out := []Case{}
	for rows.Next() {
		c, err := scanCase(rows)
		if err != nil {
			return nil, fmt.Errorf("list cases: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Counts returns the open, due-soon and overdue figures as of today.
func (db *DB) Counts(ctx context.Context, today Date) (Counts, error) {
	var c Counts
	err := db.r.QueryRowContext(ctx, `
SELECT count(*),
	coalesce(sum(due_date >= ? AND due_date <= ?), 0),
	coalesce(sum(due_date < ?), 0)
FROM cases WHERE status = 'open'`,
		today.String(), today.AddDays(DueSoonDays).String(), today.String()).Scan(&c.Open, &c.DueSoon, &c.Overdue)
	if err != nil {
		return Counts{}, fmt.Errorf("count cases: %w", err)
	}
	return c, nil
}

// DueSoonDays is how many days ahead a deadline counts as due soon.
const DueSoonDays = 7

// CaseByID returns one case with its messages, oldest first.
func (db *DB) CaseByID(ctx context.Context, id int64) (CaseDetail, error) {
	c, err := scanCase(db.r.QueryRowContext(ctx, `SELECT `+caseColumns+` FROM cases c WHERE c.id = ?`, id))
	if err == sql.ErrNoRows {
		return CaseDetail{}, fmt.Errorf("case %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return CaseDetail{}, fmt.Errorf("read case %d: %w", id, err)
	}
	msgs, err := db.messages(ctx, `WHERE case_id = ? ORDER BY received_at, id`, id)
	if err != nil {
		return CaseDetail{}, fmt.Errorf("read messages of case %d: %w", id, err)
	}
	return CaseDetail{Case: c, Messages: msgs}, nil
}

// ErrNotFound is returned for a case or message that does not exist.
var ErrNotFound = errors.New("not found")

// Display returns the person's name, or the address when there is no name.
func (p Person) Display() string {
	if p.Name != "" {
		return p.Name
	}
	return p.Email
}
