// Package inbox reads the request mailbox over IMAP: it connects, syncs new
// messages exactly once, parses their MIME structure and tells requests from
// automatic mail. It knows nothing of SQL or screens; it hands plain Mail
// values to a Store.
package inbox

import "time"

// Disposition says what a message is, as far as the queue is concerned.
type Disposition string

// The dispositions a message can have.
const (
	Request     Disposition = "request"     // a data-subject request: becomes a case
	AutoReply   Disposition = "auto_reply"  // out-of-office and other automatic answers
	Bounce      Disposition = "bounce"      // delivery status notifications
	Bulk        Disposition = "bulk"        // newsletters, mailing lists, marketing, spam
	Other       Disposition = "other"       // written by a person, but not a request (an order question)
	Unparseable Disposition = "unparseable" // could not be parsed; kept raw and shown as such
)

// Kind is a right a request invokes.
type Kind string

// The kinds of request, after GDPR Articles 15–18, 20 and 21.
const (
	Access        Kind = "access"        // Art. 15: see one's data (tarkastusoikeus, registerutdrag)
	Rectification Kind = "rectification" // Art. 16: correct wrong data
	Erasure       Kind = "erasure"       // Art. 17: delete one's data
	Restriction   Kind = "restriction"   // Art. 18: restrict processing
	Portability   Kind = "portability"   // Art. 20: data in a machine-readable format
	Objection     Kind = "objection"     // Art. 21: no direct marketing or market research, newsletter opt-out
)

// Kinds lists every Kind in a fixed order, for menus and reports.
var Kinds = []Kind{Access, Rectification, Erasure, Restriction, Portability, Objection}

// Verdict is what the classifier makes of a message, with its evidence.
type Verdict struct {
	Disposition Disposition
	Kinds       []Kind   // the rights a request invokes, in the order of Kinds; empty otherwise
	Reasons     []string // the phrases or headers that decided it, short and human-readable
	Uncertain   bool     // the evidence is thin or conflicting: an officer should check
}

// Original is the message inside a forward: who first sent it, when, and
// what it said.
type Original struct {
	From    Address
	Date    time.Time // the original's Date header; zero if unknown
	Subject string
	Text    string
}

// Address is one mailbox from a header: a display name and an address.
type Address struct {
	Name  string
	Email string
}

// Attachment describes one attached part; the bytes stay in the raw message.
type Attachment struct {
	Name string
	Type string
	Size int
}

// Header is one top-level header field, decoded to UTF-8.
type Header struct {
	Key   string
	Value string
}

// Parsed is what the MIME parser makes of a message's bytes. Every text field
// is decoded to UTF-8 but not sanitised: it is untrusted and must pass the
// display sanitiser before it reaches a terminal.
type Parsed struct {
	MessageID   string   // without angle brackets; empty if absent
	InReplyTo   []string // without angle brackets
	References  []string // without angle brackets
	Date        time.Time
	From        Address
	To          []Address
	Subject     string
	Text        string // readable body: text/plain, or HTML turned into text
	Headers     []Header
	Attachments []Attachment
	// ParseError is set when the message could not be parsed completely;
	// whatever could be read is still filled in.
	ParseError string
	// Forward is the original message when this one forwards another,
	// attached as message/rfc822 or quoted inline; nil otherwise.
	Forward *Original
}

// Mail is one fetched message: where it lives on the server, when it arrived,
// its raw bytes (kept as evidence) and what was parsed and decided from them.
type Mail struct {
	Mailbox      string
	UIDValidity  uint32
	UID          uint32
	InternalDate time.Time // when the server received it: the legal clock starts here
	Size         int64
	Raw          []byte
	Hash         string // hex SHA-256 of Raw
	Parsed
	Verdict
	// Requester is who the request is from: the sender, or for a request
	// that staff forwarded, the original sender.
	Requester Address
	// StaffForward is set when a colleague (a staff domain) forwarded the
	// message; the verdict is then about the original inside it.
	StaffForward bool
	// Lang is the language the requester writes in, "fi", "sv" or "en"
	// (see Language): letters and reports to them are written in it.
	Lang string
	// Thread says how the message may belong to an existing case.
	Thread Thread
}

// Thread holds what a reply carries that links it to a case: the case tag
// dsrdesk writes into its subjects, and the subject without reply prefixes.
type Thread struct {
	Tag         string // "DSR-2026-0042" when the subject carries [DSR-2026-0042]
	BaseSubject string // subject without Re:/SV:/VS:/AW:/Fwd: prefixes and the tag, folded to lower case
	Reply       bool   // the subject had a reply prefix
}
