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
	Unparseable Disposition = "unparseable" // could not be parsed; kept raw and shown as such
)

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
	Disposition Disposition
	Reasons     []string // the headers or phrases that decided the disposition
}
