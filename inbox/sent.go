package inbox

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/emersion/go-imap/v2"
)

// Sent is the disposition of a message found in the Sent folder: the
// company's own mail, never a request. The store keeps it only when it
// belongs to a case (its tag, or In-Reply-To/References naming a message of
// a case), and takes it as the case's answer.
const Sent Disposition = "sent"

// NewSentMail parses raw as a message found at uid of the Sent folder
// mailbox. It is not classified: Disposition is Sent, Requester the first
// recipient.
func NewSentMail(mailbox string, uidValidity uint32, uid imap.UID, sent time.Time, size int64, raw []byte) Mail {
	sum := sha256.Sum256(raw)
	m := Mail{
		Mailbox: mailbox, UIDValidity: uidValidity, UID: uint32(uid),
		InternalDate: sent, Size: size, Raw: raw, Hash: hex.EncodeToString(sum[:]),
		Parsed: ParseLimited(raw, DefaultMaxMessageSize), // the company's own mail, but a huge one must not stall the sync either
	}
	m.Thread = threadOf(m.Subject)
	m.Disposition = Sent
	m.Reasons = []string{fmt.Sprintf("sent: found in the folder %q", mailbox)}
	if len(m.To) > 0 {
		m.Requester = m.To[0]
	}
	m.Lang = Language(m.Parsed)
	return m
}

// SentFolderError is a failure syncing the Sent folder, after the mailbox
// itself was synced.
type SentFolderError struct{ Err error }

func (e *SentFolderError) Error() string { return "Sent folder: " + e.Err.Error() }
func (e *SentFolderError) Unwrap() error { return e.Err }

// SyncMailboxes syncs the request mailbox and then the Sent folder into
// store over one connection, both read-only (EXAMINE, BODY.PEEK[]), each
// with its own watermark. The Sent folder is imap.sent, else the folder
// marked \Sent, else one named "Sent"; when the server has none and none is
// configured, sent.Mailbox is "" and only the mailbox is synced. staff is as
// for NewMail. A failure after the mailbox was synced is a
// *SentFolderError.
func SyncMailboxes(ctx context.Context, cfg Config, password string, store Store, staff []string) (mail, sent Result, err error) {
	cfg = cfg.WithDefaults()
	mail.Mailbox = cfg.Mailbox
	s, err := Dial(ctx, cfg, password)
	if err != nil {
		return mail, sent, err
	}
	defer s.Close()
	s.Staff = staff
	if mail, err = s.Sync(ctx, store); err != nil {
		return mail, sent, err
	}
	sent, err = s.syncSent(ctx, cfg, store)
	if err != nil {
		err = &SentFolderError{err}
	}
	return mail, sent, err
}

// syncSent finds the Sent folder, examines it and syncs it.
func (s *Session) syncSent(ctx context.Context, cfg Config, store Store) (Result, error) {
	f, err := s.findFolder(cfg.Sent, "imap.sent", imap.MailboxAttrSent, DefaultSent)
	switch {
	case err != nil:
		return Result{}, err
	case !f.exists && f.key != "":
		return Result{}, fmt.Errorf("%s: the server has no folder %q", f.key, f.name)
	case !f.exists:
		return Result{}, nil // no Sent folder yet: nothing was sent from this mailbox
	}
	if err := s.examine(f.name); err != nil {
		return Result{Mailbox: f.name}, err
	}
	s.outgoing = true
	return s.Sync(ctx, store)
}
