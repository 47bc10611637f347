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
	Customers   []string  `json:"customers"` // the linked entries' customer numbers
	MessageIDs  []string  `json:"message_ids"`
	Subject     string    `json:"subject"`
	Lang        string    `json:"lang"` // the requester's language: fi, sv or en; "" if unknown

	Uncertain   bool     `json:"uncertain"`    // the classifier was unsure of the opening message: check it
	NewActivity bool     `json:"new_activity"` // a follow-up arrived that no officer has looked at
	Identity    Identity `json:"identity"`

	// Suspensions are the periods of waiting for identifying information;
	// WaitingForID is set while one is open. SuspendedDays and AdjustedDue
	// are as of the moment the case was read.
	Suspensions   []Suspension `json:"-"`
	WaitingForID  bool         `json:"waiting_for_id"`
	SuspendedDays int          `json:"suspended_days"`
	AdjustedDue   Date         `json:"adjusted_due_date"` // the due date moved by the suspended days

	// The answer and the end of the case.
	AnsweredAt          time.Time `json:"answered_at,omitzero"` // the first answer sent
	ExtendedAt          time.Time `json:"extended_at,omitzero"` // the deadline was extended (Due is then the extended date)
	ExtensionReason     string    `json:"extension_reason,omitempty"`
	ExtensionNotifiedAt time.Time `json:"extension_notified_at,omitzero"` // the requester was told of the extension
	Outcome             string    `json:"outcome,omitempty"`              // see Outcomes; set when closed
	OutcomeReason       string    `json:"outcome_reason,omitempty"`
	ClosedAt            time.Time `json:"closed_at,omitzero"`
	Late                bool      `json:"late"`   // answered or closed after the deadline
	Purged              bool      `json:"purged"` // its personal data was removed after the retention period

	Version int64 `json:"-"` // bumped by every change; guards concurrent edits
}

// NeedsExtensionNotice says whether the case was extended and the
// requester neither told nor answered yet: they must be told before the
// first deadline.
func (c Case) NeedsExtensionNotice() bool {
	return !c.ExtendedAt.IsZero() && c.ExtensionNotifiedAt.IsZero() && c.AnsweredAt.IsZero() && c.Status == StatusOpen
}

// Identity statuses of a requester.
const (
	IdentityUnverified = "unverified"
	IdentityVerified   = "verified"
	IdentityAgent      = "agent" // someone acting for the data subject, with proof of authority
)

// Ways an identity is verified, least intrusive first (DESIGN §2: prefer a
// reply from the address on file or a customer number over ID copies).
const (
	MethodAddressOnFile  = "address_on_file" // a reply from the address in the register
	MethodCustomerNumber = "customer_number" // customer number or business ID confirmed
	MethodIDChecked      = "id_checked"      // an ID document checked; no copy kept
)

// IdentityMethods lists the verification methods, for menus.
var IdentityMethods = []string{MethodAddressOnFile, MethodCustomerNumber, MethodIDChecked}

// Identity is what is known of who the requester is.
type Identity struct {
	Status string `json:"status"`           // unverified, verified or agent
	Method string `json:"method,omitempty"` // for verified: how
	Note   string `json:"note,omitempty"`   // for an agent: the proof of authority
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

// Counts are the figures in the case list's header. An answered case
// waiting to be closed is open, but neither due soon nor overdue.
type Counts struct {
	Open    int
	DueSoon int // open, unanswered and due within 7 days, not yet overdue
	Overdue int // open, unanswered and past the due date
}

// CaseDetail is a case with its messages, oldest first.
type CaseDetail struct {
	Case
	Messages []Message
}

// caseColumns are the columns scanCase reads, in order.
const caseColumns = `c.id, c.tag, c.status, c.received_at, c.due_date, c.extended_due_date,
	c.requester_email, c.requester_name, c.subject, c.version,
	c.uncertain, c.new_activity, c.identity, c.identity_method, c.identity_note, c.lang,
	c.answered_at, c.extended_at, c.extension_reason, c.extension_notified_at,
	c.outcome, c.outcome_reason, c.closed_at, c.late, c.purged_at,
	(SELECT coalesce(group_concat(m.message_id, char(10) ORDER BY m.received_at, m.id), '')
	 FROM messages m WHERE m.case_id = c.id AND m.message_id <> ''),
	(SELECT coalesce(group_concat(k.kind, char(10)), '') FROM case_kinds k WHERE k.case_id = c.id),
	(SELECT coalesce(group_concat(s.started_at || ' ' || coalesce(s.ended_at, 0), char(10) ORDER BY s.id), '')
	 FROM suspensions s WHERE s.case_id = c.id),
	(SELECT coalesce(group_concat(cu.customer_number, char(10) ORDER BY cu.customer_number), '')
	 FROM case_customers cc JOIN customers cu ON cu.id = cc.customer_id WHERE cc.case_id = c.id)`

// scanCase reads one row of caseColumns.
func scanCase(row interface{ Scan(...any) error }) (Case, error) {
	var c Case
	var received int64
	var due, ext, ids, kinds, periods, customers string
	var answered, extended, notified, closed, purged int64
	err := row.Scan(&c.ID, &c.Tag, &c.Status, &received, &due, &ext,
		&c.Requester.Email, &c.Requester.Name, &c.Subject, &c.Version,
		&c.Uncertain, &c.NewActivity, &c.Identity.Status, &c.Identity.Method, &c.Identity.Note, &c.Lang,
		&answered, &extended, &c.ExtensionReason, &notified,
		&c.Outcome, &c.OutcomeReason, &closed, &c.Late, &purged,
		&ids, &kinds, &periods, &customers)
	if err != nil {
		return Case{}, err
	}
	c.ReceivedAt = time.Unix(received, 0).In(Helsinki)
	c.AnsweredAt, c.ExtendedAt, c.ExtensionNotifiedAt, c.ClosedAt = unixTime(answered), unixTime(extended), unixTime(notified), unixTime(closed)
	c.Purged = purged != 0
	if c.Due, err = ParseDate(due); err != nil {
		return Case{}, fmt.Errorf("case %d: due date: %w", c.ID, err)
	}
	if c.ExtendedDue, err = ParseDate(ext); err != nil {
		return Case{}, fmt.Errorf("case %d: extended due date: %w", c.ID, err)
	}
	c.Kinds, c.Customers = sortKinds(splitLines(kinds)), splitLines(customers)
	if c.Customers == nil {
		c.Customers = []string{}
	}
	c.Suspensions = parsePeriods(periods)
	for _, s := range c.Suspensions {
		c.WaitingForID = c.WaitingForID || s.End.IsZero()
	}
	c.SuspendedDays = SuspendedDays(c.Suspensions, time.Now())
	c.AdjustedDue = adjustedDeadline(c.ReceivedAt, !c.ExtendedAt.IsZero(), c.SuspendedDays)
	c.MessageIDs = splitLines(ids)
	if c.MessageIDs == nil {
		c.MessageIDs = []string{}
	}
	return c, nil
}

// Cases lists cases, soonest due first: with a Limit, one page of them.
func (db *DB) Cases(ctx context.Context, q CaseQuery) ([]Case, error) {
	query := `SELECT ` + caseColumns + ` FROM cases c`
	if !q.All {
		query += ` WHERE c.status = 'open'`
	}
	if q.Limit > 0 {
		// The page's ids come from the index alone (see page.go); only
		// the page's rows are read whole.
		query = `SELECT ` + caseColumns + ` FROM (SELECT id FROM cases` + listWhere(q.All) +
			fmt.Sprintf(` ORDER BY due_date, received_at, id LIMIT %d OFFSET %d`, q.Limit, max(0, q.Offset)) +
			`) p JOIN cases c ON c.id = p.id`
	}
	query += ` ORDER BY c.due_date, c.received_at, c.id`
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
	coalesce(sum(answered_at = 0 AND due_date >= ? AND due_date <= ?), 0),
	coalesce(sum(answered_at = 0 AND due_date < ?), 0)
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
	msgs, err := db.messages(ctx, messageColumns, `WHERE case_id = ? ORDER BY received_at, id`, id)
	if err != nil {
		return CaseDetail{}, fmt.Errorf("read messages of case %d: %w", id, err)
	}
	return CaseDetail{Case: c, Messages: msgs}, nil
}

// CaseIDByRef finds a case by its tag (DSR-2026-0042, any case) or its id.
func (db *DB) CaseIDByRef(ctx context.Context, ref string) (int64, error) {
	var id int64
	err := db.r.QueryRowContext(ctx, `SELECT id FROM cases WHERE tag = upper(?) OR CAST(id AS TEXT) = ?`, ref, ref).Scan(&id)
	if err == sql.ErrNoRows {
		return 0, fmt.Errorf("case %q: %w", ref, ErrNotFound)
	}
	return id, err
}

// unixTime is Unix seconds in Helsinki time, or the zero time for 0.
func unixTime(sec int64) time.Time {
	if sec == 0 {
		return time.Time{}
	}
	return time.Unix(sec, 0).In(Helsinki)
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
