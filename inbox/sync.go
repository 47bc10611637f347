package inbox

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/emersion/go-imap/v2"
)

// BatchSize is how many messages are fetched and stored together: one
// transaction and one watermark move per batch.
const BatchSize = 50

// Store keeps fetched mail. The register satisfies it (through a small
// adapter in main), so that inbox needs no SQL.
type Store interface {
	// Watermark returns the UIDVALIDITY last seen for mailbox and the
	// highest UID stored under it; zeros before the first sync.
	Watermark(ctx context.Context, mailbox string) (uidValidity, lastUID uint32, err error)
	// StoreBatch stores mails and moves the watermark to lastUID in one
	// transaction. Mail already stored (same hash) must not be stored twice.
	StoreBatch(ctx context.Context, mailbox string, uidValidity, lastUID uint32, mails []Mail) (Stored, error)
}

// Stored says what storing did.
type Stored struct {
	Messages  int // messages new to the store
	Relocated int // known messages found under a new UIDVALIDITY
	Cases     int // cases opened
	Answered  int // cases whose answer (or extension notice) a sent message recorded
}

// Result says what one sync did.
type Result struct {
	Mailbox         string
	Fetched         int // messages fetched from the server
	Stored              // what the store made of them
	UIDValidity     uint32
	ValidityChanged bool // the server's UIDVALIDITY differed from the stored one
}

// Sync fetches every message of the session's mailbox that the store has not
// seen, in batches of BatchSize, parsing and classifying each, and hands each
// batch to the store. It never changes anything on the server: the mailbox
// is examined read-only and bodies are fetched with BODY.PEEK[].
func (s *Session) Sync(ctx context.Context, store Store) (Result, error) {
	res := Result{Mailbox: s.Mailbox, UIDValidity: s.Selected.UIDValidity}
	validity, last, err := store.Watermark(ctx, s.Mailbox)
	if err != nil {
		return res, err
	}
	if validity != s.Selected.UIDValidity {
		res.ValidityChanged = validity != 0
		last = 0 // start over; the store recognises known messages by their hash
	}
	q, _ := store.(Quarantine)
	var failed map[uint32]int
	if q != nil {
		var retry []uint32
		if failed, retry, err = q.Suspects(ctx, s.Mailbox, s.Selected.UIDValidity); err != nil {
			return res, err
		}
		// Retries first: a quarantined UID lies below the watermark.
		for _, u := range retry {
			if err := s.syncBatch(ctx, store, q, []imap.UID{imap.UID(u)}, last, &res); err != nil {
				return res, err
			}
		}
	}
	if s.Selected.NumMessages == 0 || (s.Selected.UIDNext != 0 && uint32(s.Selected.UIDNext) <= last+1) {
		_, err := store.StoreBatch(ctx, s.Mailbox, s.Selected.UIDValidity, last, nil)
		return res, err
	}
	uids, err := s.newUIDs(last)
	if err != nil {
		return res, err
	}
	moved := last
	for _, batch := range plan(uids, failed) {
		if err := s.syncBatch(ctx, store, q, batch, uint32(batch[len(batch)-1]), &res); err != nil {
			return res, err
		}
		moved = uint32(batch[len(batch)-1])
	}
	if len(uids) > 0 && uint32(uids[len(uids)-1]) > moved {
		// The last UIDs are quarantined: they are recorded, so the
		// watermark may pass them.
		moved = uint32(uids[len(uids)-1])
	}
	if len(uids) == 0 || moved > last {
		_, err = store.StoreBatch(ctx, s.Mailbox, s.Selected.UIDValidity, moved, nil)
	}
	return res, err
}

// syncBatch fetches batch and stores it with watermark mark. When the fetch
// fails on one message and q is set, the failure is counted against it.
func (s *Session) syncBatch(ctx context.Context, store Store, q Quarantine, batch []imap.UID, mark uint32, res *Result) error {
	mails, err := s.fetch(batch)
	if err != nil {
		var fe *FetchError
		if q != nil && errors.As(err, &fe) {
			tries, qerr := q.FetchFailed(ctx, s.Mailbox, s.Selected.UIDValidity, fe.UID, fe.Err.Error())
			if qerr != nil {
				return errors.Join(err, qerr)
			}
			fe.Tries, fe.Quarantined = tries, tries >= QuarantineAfter
		}
		return err
	}
	res.Fetched += len(mails)
	st, err := store.StoreBatch(ctx, s.Mailbox, s.Selected.UIDValidity, mark, mails)
	if err != nil {
		return err
	}
	res.Messages += st.Messages
	res.Relocated += st.Relocated
	res.Cases += st.Cases
	res.Answered += st.Answered
	if q != nil && len(batch) == 1 {
		// Only a suspect or a retry is fetched alone; forget its failures.
		if err := q.Fetched(ctx, s.Mailbox, s.Selected.UIDValidity, uint32(batch[0])); err != nil {
			return err
		}
	}
	return nil
}

// newUIDs returns the UIDs above last, ascending.
func (s *Session) newUIDs(last uint32) ([]imap.UID, error) {
	var set imap.UIDSet
	set.AddRange(imap.UID(last+1), 0) // last+1:*
	data, err := s.c.UIDSearch(&imap.SearchCriteria{UID: []imap.UIDSet{set}}, nil).Wait()
	if err != nil {
		return nil, fmt.Errorf("list new messages in %q: %w", s.Mailbox, err)
	}
	var uids []imap.UID
	for _, u := range data.AllUIDs() {
		if uint32(u) > last { // "n:*" always matches the last message, even below n
			uids = append(uids, u)
		}
	}
	slices.Sort(uids)
	return uids, nil
}

// fetch fetches the given messages whole, without setting \Seen, and parses
// them. The command is always read to its end.
func (s *Session) fetch(uids []imap.UID) ([]Mail, error) {
	set := imap.UIDSetNum(uids...)
	body := &imap.FetchItemBodySection{Peek: true}
	cmd := s.c.Fetch(set, &imap.FetchOptions{
		UID: true, Flags: true, RFC822Size: true, InternalDate: true,
		BodySection: []*imap.FetchItemBodySection{body},
	})
	defer cmd.Close()
	// Messages are parsed and classified by workers while the next ones
	// arrive: the network, go-imap and the parser overlap. Each worker
	// writes its own *Mail, in arrival (UID) order.
	var mails []*Mail
	var wg sync.WaitGroup
	workers := make(chan struct{}, runtime.GOMAXPROCS(0))
	defer wg.Wait()
	parse := func(m *Mail, work func() Mail) {
		wg.Add(1)
		workers <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-workers }()
			*m = work()
		}()
	}
	got := map[imap.UID]bool{}
	var short imap.UID // the last message received, if shorter than its RFC822.SIZE
	fail := func(err error) error {
		uid := culprit(uids, got)
		if short != 0 {
			// A dropped literal hands over what came before the drop.
			uid = short
		}
		return &FetchError{Mailbox: s.Mailbox, UID: uint32(uid), Err: err}
	}
	for {
		msg := cmd.Next()
		if msg == nil {
			break
		}
		buf, err := msg.Collect()
		if err != nil {
			return nil, fail(err)
		}
		if buf.UID == 0 {
			continue // an unsolicited FETCH (a flag change), not our data
		}
		raw := buf.FindBodySection(body)
		if raw == nil || buf.InternalDate.IsZero() {
			// Moving the watermark past it would lose the message.
			return nil, &FetchError{Mailbox: s.Mailbox, UID: uint32(buf.UID), Err: errors.New("the server sent no body or no INTERNALDATE")}
		}
		got[buf.UID] = true
		short = 0
		if buf.RFC822Size > 0 && int64(len(raw)) < buf.RFC822Size {
			short = buf.UID
		}
		m := new(Mail)
		mails = append(mails, m)
		validity, uid, date, size := s.Selected.UIDValidity, buf.UID, buf.InternalDate, buf.RFC822Size
		if s.outgoing {
			parse(m, func() Mail { return NewSentMail(s.Mailbox, validity, uid, date, size, raw) })
			continue
		}
		parse(m, func() Mail { return NewMailMax(s.Mailbox, validity, uid, date, size, raw, s.Staff, s.maxSize) })
	}
	if err := cmd.Close(); err != nil {
		return nil, fail(err)
	}
	wg.Wait()
	out := make([]Mail, len(mails))
	for i, m := range mails {
		out[i] = *m
	}
	return out, nil
}

// NewMail parses and classifies raw as a message found at uid of mailbox.
// staff lists the company's own mail domains: a message forwarded from one
// of them is judged, and its requester taken, from the original inside.
func NewMail(mailbox string, uidValidity uint32, uid imap.UID, received time.Time, size int64, raw []byte, staff []string) Mail {
	return NewMailMax(mailbox, uidValidity, uid, received, size, raw, staff, DefaultMaxMessageSize)
}

// NewMailMax is NewMail parsing under the limits of ParseLimited, with
// maxSize the largest message parsed. A message past a limit is Unparseable.
func NewMailMax(mailbox string, uidValidity uint32, uid imap.UID, received time.Time, size int64, raw []byte, staff []string, maxSize int64) Mail {
	sum := sha256.Sum256(raw)
	m := Mail{
		Mailbox: mailbox, UIDValidity: uidValidity, UID: uint32(uid),
		InternalDate: received, Size: size, Raw: raw, Hash: hex.EncodeToString(sum[:]),
		Parsed: ParseLimited(raw, maxSize),
	}
	m.Requester = m.From
	m.Thread = threadOf(m.Subject)
	judged := m.Parsed
	if m.Forward != nil && isStaff(m.From.Email, staff) {
		m.StaffForward, m.Requester = true, m.Forward.From
		judged.Subject, judged.Text, judged.From = m.Forward.Subject, m.Forward.Text, m.Forward.From
	}
	m.Verdict = Classify(judged)
	if m.StaffForward {
		// The colleague's Content-Language is not the requester's.
		judged.Headers = nil
	}
	m.Lang = Language(judged)
	if m.ParseError != "" && m.Disposition == Request && m.From.Email == "" || IsTooComplex(m.ParseError) {
		m.Disposition = Unparseable
	}
	return m
}

// isStaff reports whether address is in one of the staff domains.
func isStaff(address string, staff []string) bool {
	_, domain, ok := strings.Cut(strings.ToLower(address), "@")
	if !ok {
		return false
	}
	for _, d := range staff {
		if domain == strings.ToLower(d) {
			return true
		}
	}
	return false
}
