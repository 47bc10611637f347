package register

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The dispositions a stored message can have. Request and Unparseable open
// a case; Followup joins one; the rest are "other mail", kept and listed.
const (
	DispositionRequest     = "request"
	DispositionFollowup    = "followup"
	DispositionAutoReply   = "auto_reply"
	DispositionBounce      = "bounce"
	DispositionBulk        = "bulk"
	DispositionOther       = "other"
	DispositionUnparseable = "unparseable" // may be a request: only a person can tell
	// DispositionSent is a message found in the Sent folder: the company's
	// own, stored only when it belongs to a case, never opening one (see
	// sent.go).
	DispositionSent = "sent"
)

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
	Hash        string // hex SHA-256 of the bytes as fetched: the message's identity
	From        Person
	Subject     string
	InReplyTo   []string
	References  []string
	Headers     string // decoded top-level header fields, one "Key: value" per line
	Text        string
	ParseError  string
	Attachments []Attachment

	Disposition string
	Kinds       []string // for a request: the rights it invokes
	Reasons     []string // why the classifier (or the register's threading) decided so
	Uncertain   bool     // the classifier was unsure: an officer should check
	Confirmed   bool     // an officer decided the disposition

	// Requester is who the request is from: From, or the original sender of
	// a request a colleague forwarded (StaffForward).
	Requester    Person
	StaffForward bool
	OriginalDate time.Time // the forwarded original's Date; zero if none

	// Lang is the language the requester writes in, "fi", "sv" or "en";
	// "" for messages stored before it was detected.
	Lang string

	Thread Thread

	Redacted string // what was removed from the raw bytes, and when; "" if nothing
	Raw      []byte
}

// Attachment describes an attached part of a message.
type Attachment struct {
	Name string
	Type string
	Size int
}

// Thread holds what links a message to a case: the case tag in its subject,
// the subject without reply prefixes (lower case), and whether it is a reply.
type Thread struct {
	Tag         string
	BaseSubject string
	Reply       bool
}

// MarshalJSON writes the message as `dsrdesk messages --json` documents it.
func (m Message) MarshalJSON() ([]byte, error) {
	var caseID *int64
	if m.CaseID != 0 {
		caseID = &m.CaseID
	}
	kinds, reasons := m.Kinds, m.Reasons
	if kinds == nil {
		kinds = []string{}
	}
	if reasons == nil {
		reasons = []string{}
	}
	return json.Marshal(struct {
		ID          int64     `json:"id"`
		MessageID   string    `json:"message_id"`
		ReceivedAt  time.Time `json:"received_at"`
		From        Person    `json:"from"`
		Requester   Person    `json:"requester"`
		Subject     string    `json:"subject"`
		CaseID      *int64    `json:"case_id"`
		Disposition string    `json:"disposition"`
		Kinds       []string  `json:"kinds"`
		Reasons     []string  `json:"reasons"`
		Uncertain   bool      `json:"uncertain"`
		Confirmed   bool      `json:"confirmed"`
		Forwarded   bool      `json:"staff_forward"`
		Lang        string    `json:"lang"`
	}{m.ID, m.MessageID, m.ReceivedAt, m.From, m.Requester, m.Subject, caseID, m.Disposition,
		kinds, reasons, m.Uncertain, m.Confirmed, m.StaffForward, m.Lang})
}

// The columns messages reads, in order (never raw): messageColumns whole,
// listColumns with empty strings for the text and headers, which a list of
// thousands of messages does not show and which are most of what a row
// holds besides the raw bytes.
const (
	columnsHead = `id, coalesce(case_id, 0), mailbox, uidvalidity, uid, message_id, received_at, size, sha256,
	from_email, from_name, subject, in_reply_to, refs, `
	columnsTail = `, parse_error, disposition, reasons,
	kinds, uncertain, confirmed, requester_email, requester_name, staff_forward, original_date,
	thread_tag, base_subject, is_reply, attachments, redacted, lang`
	messageColumns = columnsHead + `headers, body_text` + columnsTail
	listColumns    = columnsHead + `'', ''` + columnsTail
)

// messages returns the stored messages matching the SQL tail where (a WHERE
// and ORDER BY clause), reading columns (messageColumns or listColumns).
func (db *DB) messages(ctx context.Context, columns, where string, args ...any) ([]Message, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT `+columns+` FROM messages `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Message
	for rows.Next() {
		if len(out) == cap(out) {
			// Double: append would grow a long slice of these large
			// values by a quarter at a time, copying it each time.
			out = slices.Grow(out, max(len(out), 16))
		}
		out = out[:len(out)+1]
		m := &out[len(out)-1] // scanned in place: a local would escape
		var received, original int64
		var irt, refs, reasons, kinds, atts string
		if err := rows.Scan(&m.ID, &m.CaseID, &m.Mailbox, &m.UIDValidity, &m.UID, &m.MessageID, &received, &m.Size, &m.Hash,
			&m.From.Email, &m.From.Name, &m.Subject, &irt, &refs, &m.Headers, &m.Text, &m.ParseError,
			&m.Disposition, &reasons, &kinds, &m.Uncertain, &m.Confirmed, &m.Requester.Email, &m.Requester.Name,
			&m.StaffForward, &original, &m.Thread.Tag, &m.Thread.BaseSubject, &m.Thread.Reply, &atts, &m.Redacted, &m.Lang); err != nil {
			return nil, err
		}
		m.ReceivedAt = time.Unix(received, 0).In(Helsinki)
		if original != 0 {
			m.OriginalDate = time.Unix(original, 0).In(Helsinki)
		}
		m.InReplyTo, m.References, m.Reasons, m.Kinds = splitLines(irt), splitLines(refs), splitLines(reasons), splitLines(kinds)
		m.Attachments = parseAttachments(atts)
	}
	return out, rows.Err()
}

// Messages returns every stored message, oldest first, without their text,
// headers (listColumns) or raw bytes: MessageByID reads one whole.
func (db *DB) Messages(ctx context.Context) ([]Message, error) {
	msgs, err := db.messages(ctx, listColumns, `ORDER BY received_at, id`)
	if err != nil {
		return nil, fmt.Errorf("list messages: %w", err)
	}
	return msgs, nil
}

// OtherMail returns the messages that belong to no case — automatic mail,
// bulk mail, mail that is not a request — newest first: the officer's
// "Other mail" view, where nothing that arrived is lost. It holds nearly all
// of a mailbox, so each message comes with what the list shows and acts on
// (otherColumns), not its text, headers or raw bytes: MessageByID reads
// one whole.
func (db *DB) OtherMail(ctx context.Context) ([]Message, error) {
	const from = ` FROM messages WHERE case_id IS NULL`
	var n int
	if err := db.r.QueryRowContext(ctx, `SELECT count(*)`+from).Scan(&n); err != nil {
		return nil, fmt.Errorf("count other mail: %w", err)
	}
	rows, err := db.r.QueryContext(ctx, `SELECT `+otherColumns+from+` ORDER BY received_at DESC, id DESC`)
	if err != nil {
		return nil, fmt.Errorf("list other mail: %w", err)
	}
	defer rows.Close()
	out := make([]Message, 0, n) // the count may be old by now: a hint
	for rows.Next() {
		out = append(out, Message{})
		m := &out[len(out)-1]
		var received int64
		var kinds string
		if err := rows.Scan(&m.ID, &m.Mailbox, &m.UIDValidity, &m.UID, &received, &m.From.Email, &m.From.Name,
			&m.Subject, &m.Disposition, &kinds, &m.Uncertain, &m.Confirmed); err != nil {
			return nil, fmt.Errorf("list other mail: %w", err)
		}
		m.ReceivedAt = time.Unix(received, 0).In(Helsinki)
		m.Kinds = splitLines(kinds)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list other mail: %w", err)
	}
	return out, nil
}

// otherColumns are the columns OtherMail reads, in order. (An index holding
// them all made the list three times as fast but a first sync 5% slower.)
const otherColumns = `id, mailbox, uidvalidity, uid, received_at, from_email, from_name, subject, disposition,
	kinds, uncertain, confirmed`

// MessageByID returns one stored message, without raw bytes.
func (db *DB) MessageByID(ctx context.Context, id int64) (Message, error) {
	msgs, err := db.messages(ctx, messageColumns, `WHERE id = ?`, id)
	if err != nil {
		return Message{}, fmt.Errorf("read message %d: %w", id, err)
	}
	if len(msgs) == 0 {
		return Message{}, fmt.Errorf("message %d: %w", id, ErrNotFound)
	}
	return msgs[0], nil
}

// MessageRaw returns the raw bytes of a stored message, as fetched (less
// anything removed from it, see Redacted).
func (db *DB) MessageRaw(ctx context.Context, id int64) ([]byte, error) {
	var raw []byte
	if err := db.r.QueryRowContext(ctx, `SELECT raw FROM messages WHERE id = ?`, id).Scan(&raw); err != nil {
		return nil, fmt.Errorf("read raw message %d: %w", id, err)
	}
	return raw, nil
}

// attachmentLines writes attachments one "name<TAB>type<TAB>size" per line.
func attachmentLines(as []Attachment) string {
	var b strings.Builder
	for _, a := range as {
		fmt.Fprintf(&b, "%s\t%s\t%d\n", strings.NewReplacer("\t", " ", "\n", " ").Replace(a.Name), a.Type, a.Size)
	}
	return b.String()
}

// parseAttachments undoes attachmentLines.
func parseAttachments(s string) []Attachment {
	var out []Attachment
	for _, l := range splitLines(strings.TrimSuffix(s, "\n")) {
		f := strings.Split(l, "\t")
		if len(f) != 3 {
			continue
		}
		n, _ := strconv.Atoi(f[2])
		out = append(out, Attachment{Name: f[0], Type: f[1], Size: n})
	}
	return out
}
