package inbox

import (
	"context"
	"fmt"

	"github.com/emersion/go-imap/v2"
)

// QuarantineAfter is how many failed fetches of one UID, across syncs, put
// it in quarantine: later syncs skip it until an officer asks for a retry.
const QuarantineAfter = 3

// Quarantine keeps the UIDs whose fetch fails. A Store that also satisfies
// it gets poison messages isolated; without it a failing UID fails every sync.
type Quarantine interface {
	// FetchFailed records one failed fetch of uid and returns how many
	// fetches of it have failed in a row. The retry request, if any, is used up.
	FetchFailed(ctx context.Context, mailbox string, uidValidity, uid uint32, reason string) (tries int, err error)
	// Suspects returns the UIDs of mailbox under uidValidity that have
	// failed at least once: those that have reached QuarantineAfter and
	// wait for a retry (quarantined) and the others (suspect, fetched alone),
	// plus the quarantined ones an officer asked to retry.
	Suspects(ctx context.Context, mailbox string, uidValidity uint32) (failed map[uint32]int, retry []uint32, err error)
	// Fetched forgets the failures of uid: it has been stored.
	Fetched(ctx context.Context, mailbox string, uidValidity, uid uint32) error
}

// FetchError is a fetch that failed on one message: the connection is
// probably gone (go-imap closes it on a response it cannot parse).
type FetchError struct {
	Mailbox     string
	UID         uint32
	Err         error
	Tries       int  // failed fetches of UID in a row, when counted
	Quarantined bool // UID has reached QuarantineAfter and will be skipped
}

func (e *FetchError) Error() string {
	s := fmt.Sprintf("fetch message UID %d of %q failed: %v", e.UID, e.Mailbox, e.Err)
	switch {
	case e.Quarantined:
		s += fmt.Sprintf("; quarantined after %d tries (retry with dsrdesk retry-quarantined)", e.Tries)
	case e.Tries > 0:
		s += fmt.Sprintf(" (try %d of %d before quarantine)", e.Tries, QuarantineAfter)
	}
	return s
}

func (e *FetchError) Unwrap() error { return e.Err }

// plan splits uids into the fetch commands: the runs between suspects, with
// each suspect alone so that its failure is its own. Quarantined UIDs
// (failed QuarantineAfter times) are left out, and no run spans one: each
// run is fetched as the range from its first UID to its last, a command
// of the same few bytes however many messages it holds.
func plan(uids []imap.UID, failed map[uint32]int) [][]imap.UID {
	var out [][]imap.UID
	var run []imap.UID
	flush := func() {
		if len(run) > 0 {
			out = append(out, run)
			run = nil
		}
	}
	for _, u := range uids {
		n := failed[uint32(u)]
		switch {
		case n >= QuarantineAfter:
			flush() // a run is fetched as one range: it must not span one
		case n > 0:
			flush()
			out = append(out, []imap.UID{u})
		default:
			run = append(run, u)
		}
	}
	flush()
	return out
}

// culprit returns the UID a failed batch is blamed on: the lowest one not
// received whole. Alone in its batch next time, the blame is then certain.
func culprit(batch []imap.UID, got map[imap.UID]bool) imap.UID {
	for _, u := range batch {
		if !got[u] {
			return u
		}
	}
	return batch[len(batch)-1]
}
