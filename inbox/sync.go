package inbox

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// BatchSize and BatchBytes bound a batch: the messages stored in one
// transaction with one watermark move, whichever limit is reached first.
// 200 rather than 100 messages: each commit rewrites the index pages its
// messages touch, and the indexes on random keys (hash, Message-ID) share
// more of those pages between more messages. A first sync of 10,000
// messages took 1.57 s instead of 1.66 s, of 100,000 17.4-17.9 s instead
// of 18.5-19.1 s, for some 20 MB more memory at its peak (45 MB at
// 100,000); 400 was no faster and took more.
const (
	BatchSize  = 200
	BatchBytes = 8 << 20
)

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
// seen, parsing and classifying each, and hands them to the store in batches
// (see syncRun). It never changes anything on the server: the mailbox is
// examined read-only and bodies are fetched with BODY.PEEK[].
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
		// Retries first: a quarantined UID lies below the watermark,
		// which stays where it is.
		for _, u := range retry {
			if err := s.syncRun(ctx, store, q, []imap.UID{imap.UID(u)}, last, last, &res); err != nil {
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
	for _, run := range plan(uids, failed) {
		to := uint32(run[len(run)-1])
		if err := s.syncRun(ctx, store, q, run, moved, to, &res); err != nil {
			return res, err
		}
		moved = to
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

// batch is messages stored together, in one transaction that moves the
// watermark to mark. Workers parse its messages; parsed says when all are.
type batch struct {
	mails  []*Mail
	bytes  int
	mark   uint32
	parsed sync.WaitGroup
}

// syncRun fetches uids (ascending) whole, without setting \Seen, in one
// FETCH command, and stores them while the rest arrive: the server streams,
// workers parse and classify, and one goroutine stores batch after batch.
// from is the watermark before the run and to the one once it is done; a
// batch's mark is the highest UID up to which every message of uids is
// stored, so a crash at any point loses nothing. A message joins a batch
// only once the server has sent something after it, so that a literal cut
// short by a dropped connection is never stored. When the fetch fails on
// one message and q is set, the failure is counted against it. When the
// store fails or ctx ends, the connection is closed rather than the rest
// of the FETCH read: the session is unusable afterwards.
func (s *Session) syncRun(ctx context.Context, store Store, q Quarantine, uids []imap.UID, from, to uint32, res *Result) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	defer context.AfterFunc(ctx, func() { s.c.Close() })() // runs before cancel

	// Two batches may wait for the store: when a commit ends in a
	// checkpoint's fsync, the fetch and the workers go on meanwhile.
	batches := make(chan *batch, 2)
	stored := make(chan error, 1)
	go func() {
		var err error
		for b := range batches {
			b.parsed.Wait()
			if err != nil {
				continue // drain: nothing more is stored
			}
			mails := make([]Mail, len(b.mails))
			for i, m := range b.mails {
				mails[i] = *m
			}
			var st Stored
			if st, err = store.StoreBatch(ctx, s.Mailbox, s.Selected.UIDValidity, b.mark, mails); err != nil {
				cancel() // stops the fetch
				continue
			}
			res.Fetched += len(mails)
			res.Messages += st.Messages
			res.Relocated += st.Relocated
			res.Cases += st.Cases
			res.Answered += st.Answered
		}
		stored <- err
	}()

	ferr := s.stream(uids, from, to, batches)
	close(batches)
	if err := <-stored; err != nil {
		return err // the cause; the fetch failed because of it
	}
	if ferr != nil && ctx.Err() != nil {
		return ctx.Err() // interrupted: no fault of the message
	}
	if ferr != nil {
		var fe *FetchError
		if q != nil && errors.As(ferr, &fe) {
			tries, qerr := q.FetchFailed(ctx, s.Mailbox, s.Selected.UIDValidity, fe.UID, fe.Err.Error())
			if qerr != nil {
				return errors.Join(ferr, qerr)
			}
			fe.Tries, fe.Quarantined = tries, tries >= QuarantineAfter
		}
		return ferr
	}
	if q != nil && len(uids) == 1 {
		// Only a suspect or a retry is fetched alone; forget its failures.
		return q.Fetched(ctx, s.Mailbox, s.Selected.UIDValidity, uint32(uids[0]))
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

// stream runs syncRun's FETCH: it parses each message in a worker and
// sends full batches to batches, the last with mark to once the command has
// succeeded. It returns the fetch's error, as a *FetchError naming the
// message blamed.
func (s *Session) stream(uids []imap.UID, from, to uint32, batches chan<- *batch) error {
	body := &imap.FetchItemBodySection{Peek: true}
	// uids holds every UID in this range that the server listed (see
	// plan), so the range asks for them and no more, in a command line
	// of the same length for ten messages or a hundred thousand.
	var set imap.UIDSet
	set.AddRange(uids[0], uids[len(uids)-1])
	cmd := s.c.Fetch(set, &imap.FetchOptions{
		UID: true, Flags: true, RFC822Size: true, InternalDate: true,
		BodySection: []*imap.FetchItemBodySection{body},
	})
	defer cmd.Close()
	workers := make(chan struct{}, runtime.GOMAXPROCS(0))
	cur := &batch{mark: from}
	// The message received last joins cur when the next one arrives. Its
	// worker fills in *held: read nothing from it here.
	var held *Mail
	heldSize := 0
	got := map[imap.UID]bool{} // received
	next := 0                  // uids[:next] are all in batches
	// take puts the held message into cur and sends cur when it is full.
	// Every message received but the held one is in a batch, so once it
	// is taken, got says which are.
	take := func() {
		if held == nil {
			return
		}
		cur.mails = append(cur.mails, held)
		cur.bytes += heldSize
		for next < len(uids) && got[uids[next]] {
			next++
		}
		if next > 0 {
			cur.mark = max(from, uint32(uids[next-1]))
		}
		held = nil
		if len(cur.mails) >= BatchSize || cur.bytes >= BatchBytes {
			batches <- cur
			cur = &batch{mark: cur.mark}
		}
	}
	var short imap.UID // the last message received, if shorter than its RFC822.SIZE
	// fail blames uid, or when it is 0 the first message not received whole.
	fail := func(uid imap.UID, err error) error {
		if uid == 0 {
			uid = culprit(uids, got)
		}
		if short != 0 {
			// A dropped literal hands over what came before the drop.
			uid = short
		}
		if len(cur.mails) > 0 {
			batches <- cur // whole messages, each followed by another
		}
		// The sync ends here: rather than read the rest of the run to
		// finish the command, drop the connection.
		s.c.Close()
		return &FetchError{Mailbox: s.Mailbox, UID: uint32(uid), Err: err}
	}
	for {
		msg := cmd.Next()
		if msg == nil {
			break
		}
		buf, err := collect(msg, body)
		if err != nil {
			if buf.UID != 0 && short == 0 {
				take() // this message's data followed the held one: that one is whole
			}
			return fail(buf.UID, err) // 0 if the UID did not come first
		}
		raw := buf.Raw
		if raw == nil {
			// A flag change, or data without our body: if the body never
			// comes, missing below finds the message left out.
			continue
		}
		if buf.InternalDate.IsZero() {
			// Moving the watermark past it would lose the message.
			take()
			short = 0
			return fail(buf.UID, errors.New("the server sent no INTERNALDATE"))
		}
		take()
		got[buf.UID] = true
		short = 0
		if buf.RFC822Size > 0 && int64(len(raw)) < buf.RFC822Size {
			short = buf.UID
		}
		m := new(Mail)
		held, heldSize = m, len(raw)
		cur.parsed.Add(1)
		workers <- struct{}{}
		go func(b *batch, validity uint32, uid imap.UID, date time.Time, size int64) {
			defer func() { <-workers; b.parsed.Done() }()
			if s.outgoing {
				*m = NewSentMail(s.Mailbox, validity, uid, date, size, raw)
				return
			}
			*m = NewMailMax(s.Mailbox, validity, uid, date, size, raw, s.Staff, s.maxSize)
		}(cur, s.Selected.UIDValidity, buf.UID, buf.InternalDate, buf.RFC822Size)
	}
	if err := cmd.Close(); err != nil {
		return fail(0, err)
	}
	take()
	if uid, err := s.missing(uids, got); err != nil {
		return fail(uid, err)
	}
	cur.mark = to
	if len(cur.mails) > 0 {
		batches <- cur
	}
	return nil
}

// missing checks, after a FETCH of uids succeeded, that every message left
// out of its answer has been expunged meanwhile: a server that leaves out
// one it still lists would otherwise have the watermark pass it. It
// returns the first one still there, with an error, or the UID to blame
// when the check itself fails.
func (s *Session) missing(uids []imap.UID, got map[imap.UID]bool) (imap.UID, error) {
	var gone []imap.UID
	for _, u := range uids {
		if !got[u] {
			gone = append(gone, u)
		}
	}
	if len(gone) == 0 {
		return 0, nil
	}
	var set imap.UIDSet
	set.AddRange(gone[0], gone[len(gone)-1])
	data, err := s.c.UIDSearch(&imap.SearchCriteria{UID: []imap.UIDSet{set}}, nil).Wait()
	if err != nil {
		return gone[0], fmt.Errorf("look for the messages left out: %w", err)
	}
	still := map[imap.UID]bool{}
	for _, u := range data.AllUIDs() {
		still[u] = true
	}
	for _, u := range gone {
		if still[u] {
			return u, errors.New("the server left it out of its answer but still lists it")
		}
	}
	return 0, nil
}

// fetched is what one FETCH response of stream's command brought.
type fetched struct {
	UID          imap.UID
	InternalDate time.Time
	RFC822Size   int64
	Raw          []byte // BODY[]; nil if the server sent none
}

// maxPrealloc caps the buffer allocated for a literal before its bytes
// arrive: its announced size is the server's word.
const maxPrealloc = 32 << 20

// MaxRawMessage is the largest message kept. A larger one fails its fetch
// unread, and after QuarantineAfter tries it is set aside: reading it
// could exhaust the memory, and SQLite keeps no value over 1 GB.
const MaxRawMessage = 256 << 20

// collect reads one FETCH response, its body literal into a buffer of the
// literal's announced size: go-imap's Collect grows the buffer as it reads,
// copying a large message many times over.
func collect(msg *imapclient.FetchMessageData, body *imap.FetchItemBodySection) (fetched, error) {
	var f fetched
	for {
		switch item := msg.Next().(type) {
		case nil:
			return f, nil
		case imapclient.FetchItemDataUID:
			f.UID = item.UID
		case imapclient.FetchItemDataInternalDate:
			f.InternalDate = item.Time
		case imapclient.FetchItemDataRFC822Size:
			f.RFC822Size = item.Size
		case imapclient.FetchItemDataBodySection:
			if item.Literal == nil || !item.MatchCommand(body) {
				continue
			}
			raw, err := readLiteral(item.Literal)
			if err != nil {
				return f, err
			}
			f.Raw = raw
		}
	}
}

// readLiteral reads lit to its end into one buffer of its size (at most
// maxPrealloc up front). A literal that ends before its size, as one cut
// by a dropped connection does, is an io.ErrUnexpectedEOF; one larger than
// MaxRawMessage is refused unread.
func readLiteral(lit imap.LiteralReader) ([]byte, error) {
	if lit.Size() > MaxRawMessage {
		return nil, fmt.Errorf("the message is %d bytes, more than the %d kept", lit.Size(), MaxRawMessage)
	}
	b := make([]byte, 0, min(max(lit.Size(), 0), maxPrealloc)+1) // +1: room to see EOF
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // grow, as io.ReadAll does
		}
		n, err := lit.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		switch {
		case err == io.EOF && int64(len(b)) < lit.Size():
			return b, io.ErrUnexpectedEOF
		case err == io.EOF:
			return b, nil
		case err != nil:
			return b, err
		}
	}
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
	split := splitText(judged) // once for both
	m.Verdict = classify(judged, split)
	if m.StaffForward {
		// The colleague's Content-Language is not the requester's.
		judged.Headers = nil
	}
	m.Lang = language(judged, split)
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
