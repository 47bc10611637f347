// Package demo is the built-in sample mailbox that `dsrdesk demo` runs
// against: a set of embedded e-mail messages of the kind that reach the
// sesoma@sesoma.fi mailbox (data-subject requests in Finnish, Swedish and
// English, plus the automatic and ordinary mail that arrives beside them),
// and an in-process IMAP server on the loopback interface that serves them.
//
// The messages are raw RFC 5322 files in mail/, with CRLF line endings and
// the charsets and transfer encodings that real clients use. Every person,
// address and company in them is invented. One of them, 13-hostile.eml, is
// deliberately hostile: its subject and body carry terminal escape sequences
// and a right-to-left override, to show that nothing from a message reaches
// the terminal unsanitised.
package demo

import (
	"bytes"
	"crypto/rand"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"sort"
	"sync"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
)

//go:embed mail/*.eml
var mailFS embed.FS

// Kind says what a sample is meant to be, so that tests of the classifier and
// of the case list know what to expect from it.
type Kind string

// The kinds of sample.
const (
	// KindRequest is a genuine data-subject request.
	KindRequest Kind = "request"
	// KindHostile looks like a request but carries terminal escape sequences
	// and a right-to-left override in its subject and body. A classifier
	// should still see a request in it; a screen must show it defused.
	KindHostile Kind = "hostile"
	// KindAutoReply is an out-of-office or other automatic answer.
	KindAutoReply Kind = "auto_reply"
	// KindBounce is a delivery status notification.
	KindBounce Kind = "bounce"
	// KindNewsletter is bulk mail from a mailing list.
	KindNewsletter Kind = "newsletter"
	// KindQuestion is ordinary customer-service mail that is not a request.
	KindQuestion Kind = "question"
)

// Sample is one embedded demo message and how many days before "now" it arrived.
type Sample struct {
	Name string        // file name in the embedded mail/ directory, e.g. "01-fi-access.eml"
	Raw  []byte        // the message exactly as stored, CRLF line endings
	Age  time.Duration // how long before "now" the message arrived
	Lang string        // language of the message: "fi", "sv" or "en"
	Kind Kind          // what the message is
}

const day = 24 * time.Hour

// samples is the fixed table of embedded messages, in file order. The ages
// are chosen so that on any day the case list shows a few overdue requests
// (received 35–50 days ago), a few due within a week (24–30 days ago) and the
// rest recent (0–20 days ago).
var samples = []struct {
	name string
	lang string
	kind Kind
	age  time.Duration
}{
	{"01-fi-access.eml", "fi", KindRequest, 46*day + 5*time.Hour + 12*time.Minute},              // overdue
	{"02-fi-objection-marketing.eml", "fi", KindRequest, 28*day + 3*time.Hour + 40*time.Minute}, // due soon
	{"03-fi-rectification.eml", "fi", KindRequest, 12*day + 1*time.Hour + 5*time.Minute},
	{"04-fi-erasure.eml", "fi", KindRequest, 6*day + 7*time.Hour + 30*time.Minute},
	{"05-fi-access-informal.eml", "fi", KindRequest, 3*day + 22*time.Minute},
	{"06-fi-access-contact-person.eml", "fi", KindRequest, 25*day + 22*time.Hour + 10*time.Minute}, // due soon
	{"07-sv-access.eml", "sv", KindRequest, 40*day + 2*time.Hour},                                  // overdue
	{"08-sv-rectification.eml", "sv", KindRequest, 15*day + 4*time.Hour},
	{"09-sv-erasure.eml", "sv", KindRequest, 9*day + 6*time.Hour},
	{"10-sv-unsubscribe.eml", "sv", KindRequest, 1*day + 2*time.Hour},
	{"11-en-access-art15.eml", "en", KindRequest, 37*day + 8*time.Hour}, // overdue
	{"12-en-portability.eml", "en", KindRequest, 18*day + 5*time.Hour},
	{"13-hostile.eml", "en", KindHostile, 2*day + 1*time.Hour},
	{"14-en-restriction.eml", "en", KindRequest, 24*day + 6*time.Hour}, // due soon
	{"15-en-objection-marketing.eml", "en", KindRequest, 5*day + 3*time.Hour},
	{"16-fi-auto-reply.eml", "fi", KindAutoReply, 4 * day},
	{"17-bounce.eml", "en", KindBounce, 7*day + 2*time.Hour},
	{"18-fi-newsletter.eml", "fi", KindNewsletter, 10 * day},
	{"19-fi-order-question.eml", "fi", KindQuestion, 3 * time.Hour},
}

// Samples returns the embedded messages with their ages, spread so that the case list shows
// a realistic mix on any day: a few overdue (received 35–50 days ago), a few due within 7 days
// (received 24–30 days ago), the rest recent (0–20 days). Deterministic: the age of each file is fixed in a table in demo.go.
//
// The samples come in file order; each call returns fresh copies of the bytes.
func Samples() []Sample {
	out := make([]Sample, 0, len(samples))
	for _, s := range samples {
		raw, err := mailFS.ReadFile("mail/" + s.name)
		if err != nil {
			// The table and the embedded directory are fixed at build
			// time; a test checks that they agree.
			panic(fmt.Sprintf("demo: embedded sample %s: %v", s.name, err))
		}
		out = append(out, Sample{Name: s.name, Raw: raw, Age: s.age, Lang: s.lang, Kind: s.kind})
	}
	return out
}

// Server is an in-process IMAP server (go-imap's imapserver with imapmemserver) on 127.0.0.1,
// plaintext (loopback only), with one user whose INBOX holds the samples.
//
// Connect to Addr without TLS and log in with Username and Password; the
// samples are in the mailbox named Mailbox. The password is random for each
// Start. The server writes no log anywhere.
type Server struct {
	Addr     string // host:port on 127.0.0.1
	Username string
	Password string
	Mailbox  string // "INBOX"

	user      *imapmemserver.User
	imap      *imapserver.Server
	ln        net.Listener
	served    chan struct{} // closed when Serve has returned
	closeOnce sync.Once
	closeErr  error
}

// username is the login name of the demo server's only user.
const username = "sesoma@sesoma.fi"

// Start starts the server on a free loopback port and appends every sample to INBOX with INTERNALDATE now−Age.
//
// IMAP carries INTERNALDATE to the second, so now is truncated to whole
// seconds first. The samples are appended in order of arrival, oldest first,
// so that UIDs grow with INTERNALDATE as they do in a real mailbox; all are
// unseen.
func Start(now time.Time) (*Server, error) {
	password, err := randomPassword()
	if err != nil {
		return nil, err
	}

	mem := imapmemserver.New()
	user := imapmemserver.NewUser(username, password)
	if err := user.Create("INBOX", nil); err != nil {
		return nil, fmt.Errorf("demo: create INBOX: %w", err)
	}
	mem.AddUser(user)

	s := &Server{
		Username: username,
		Password: password,
		Mailbox:  "INBOX",
		user:     user,
		served:   make(chan struct{}),
	}

	list := Samples()
	sort.SliceStable(list, func(i, j int) bool { return list[i].Age > list[j].Age })
	now = now.Truncate(time.Second)
	for _, smp := range list {
		if err := s.Deliver(smp.Raw, now.Add(-smp.Age)); err != nil {
			return nil, fmt.Errorf("demo: append %s: %w", smp.Name, err)
		}
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("demo: listen on loopback: %w", err)
	}
	s.ln = ln
	s.Addr = ln.Addr().String()
	s.imap = imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return mem.NewSession(), nil, nil
		},
		Caps: imap.CapSet{
			imap.CapIMAP4rev1: {},
			imap.CapIMAP4rev2: {},
		},
		// Plaintext LOGIN is acceptable only because the listener is on
		// the loopback interface.
		InsecureAuth: true,
		Logger:       log.New(io.Discard, "", 0),
	})
	go func() {
		defer close(s.served)
		// Serve returns nil once the listener is closed; any other error
		// ends the demo server, which clients then see as a refused
		// connection.
		_ = s.imap.Serve(ln)
	}()
	return s, nil
}

// Deliver appends one more message, as if it had just arrived (for live-sync demos and tests).
//
// The message gets INTERNALDATE at, to the second; a zero at means the
// current time. Clients that have INBOX selected learn of it at their next
// NOOP or IDLE.
func (s *Server) Deliver(raw []byte, at time.Time) error {
	var opts imap.AppendOptions
	if !at.IsZero() {
		opts.Time = at.Truncate(time.Second)
	}
	buf := bytes.Clone(raw)
	_, err := s.user.Append(s.Mailbox, literal{bytes.NewReader(buf), int64(len(buf))}, &opts)
	return err
}

// Close stops the server and closes its listener.
//
// Open client connections are dropped. Close may be called more than once;
// later calls return the first call's result.
func (s *Server) Close() error {
	s.closeOnce.Do(func() {
		if s.imap == nil {
			return
		}
		err := s.imap.Close()
		// Close the listener here too, in case Serve had not yet taken
		// it over when the server was closed.
		if lerr := s.ln.Close(); lerr != nil && !errors.Is(lerr, net.ErrClosed) && err == nil {
			err = lerr
		}
		<-s.served
		s.closeErr = err
	})
	return s.closeErr
}

// literal is an in-memory IMAP literal for Append.
type literal struct {
	*bytes.Reader
	size int64
}

func (l literal) Size() int64 { return l.size }

func randomPassword() (string, error) {
	var b [18]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("demo: random password: %w", err)
	}
	return hex.EncodeToString(b[:]), nil
}

// Customers is the sample customer register, as CSV: the people behind
// most of the sample requests, with namesakes, a person on file for two
// companies, a colleague in a shared company entry, and an entry under a
// maiden name, so that matching has each of its cases to show.
//
//go:embed customers.csv
var Customers []byte
