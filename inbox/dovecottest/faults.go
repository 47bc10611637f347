//go:build unix

package dovecottest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
)

// maildir returns the folder of mailbox in the user's Maildir: the Maildir
// itself for INBOX. Only INBOX is supported by the helpers that use it.
func (s *Server) maildir(t testing.TB, mailbox string) string {
	t.Helper()
	if !strings.EqualFold(mailbox, "INBOX") {
		t.Fatalf("dovecottest: only INBOX is supported here, not %q", mailbox)
	}
	return filepath.Join(s.home(), "Maildir")
}

// chownMail gives p to the mail user when running as root, as Dovecot's imap
// process runs as that user.
func chownMail(p string) error {
	if os.Geteuid() != 0 {
		return nil
	}
	id, err := currentIDs()
	if err != nil {
		return err
	}
	return os.Chown(p, id.uid, id.gid)
}

// delivered numbers Deliver's files, so that names stay unique across calls.
var delivered atomic.Int64

// Deliver writes raw messages straight into mailbox's Maildir, bypassing
// IMAP: thousands take a fraction of a second where Append takes a round
// trip each. Dovecot notices them at the next SELECT and gives them UIDs
// (in no promised order). Their INTERNALDATE is internalDate (the file's mtime),
// the same for all; it must not be zero. Only INBOX is supported.
func (s *Server) Deliver(t testing.TB, mailbox string, raws [][]byte, internalDate time.Time) {
	t.Helper()
	root := s.maildir(t, mailbox)
	for _, d := range []string{root, filepath.Join(root, "cur"), filepath.Join(root, "new"), filepath.Join(root, "tmp")} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatalf("dovecottest: %v", err)
		}
		if err := chownMail(d); err != nil {
			t.Fatalf("dovecottest: %v", err)
		}
	}
	host, _ := os.Hostname()
	host = strings.NewReplacer("/", "_", ":", "_").Replace(host)
	// Dovecot assigns UIDs to new files in the order it reads the
	// folder, which need not be the order of raws.
	base := time.Now().UnixNano()
	for _, raw := range raws {
		name := fmt.Sprintf("%d.M%06dP%d.%s,S=%d", base/1e9, delivered.Add(1), os.Getpid(), host, len(raw))
		tmp := filepath.Join(root, "tmp", name)
		if err := os.WriteFile(tmp, raw, 0o600); err != nil {
			t.Fatalf("dovecottest: %v", err)
		}
		if err := chownMail(tmp); err != nil {
			t.Fatalf("dovecottest: %v", err)
		}
		if err := os.Chtimes(tmp, internalDate, internalDate); err != nil {
			t.Fatalf("dovecottest: %v", err)
		}
		if err := os.Rename(tmp, filepath.Join(root, "new", name)); err != nil {
			t.Fatalf("dovecottest: %v", err)
		}
	}
}

// RecreateMailbox gives mailbox a new UIDVALIDITY with the same messages,
// byte for byte, as when a server is migrated or its index is rebuilt: it
// stops the server, deletes the mailbox's UID list and indexes, and starts
// the server again. It returns the old and new UIDVALIDITY, which differ.
// Only INBOX is supported.
func (s *Server) RecreateMailbox(t testing.TB, mailbox string) (oldValidity, newValidity uint32) {
	t.Helper()
	oldValidity = s.UIDValidity(t, mailbox)
	root := s.maildir(t, mailbox)
	// Dovecot picks a UIDVALIDITY from the clock (and its
	// dovecot-uidvalidity file); make sure a second has passed.
	time.Sleep(min(time.Until(time.Unix(int64(oldValidity)+1, 0)), 1100*time.Millisecond))
	s.Stop(t)
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatalf("dovecottest: %v", err)
	}
	for _, e := range entries {
		if n := e.Name(); n == "dovecot-uidlist" || strings.HasPrefix(n, "dovecot.index") || strings.HasPrefix(n, "dovecot.list.index") {
			if err := os.Remove(filepath.Join(root, n)); err != nil {
				t.Fatalf("dovecottest: %v", err)
			}
		}
	}
	s.Restart(t)
	newValidity = s.UIDValidity(t, mailbox)
	if newValidity == oldValidity {
		t.Fatalf("dovecottest: UIDVALIDITY of %q still %d after recreating it", mailbox, oldValidity)
	}
	return oldValidity, newValidity
}

// UIDValidity returns mailbox's UIDVALIDITY, read with EXAMINE.
func (s *Server) UIDValidity(t testing.TB, mailbox string) uint32 {
	t.Helper()
	c := s.dial(t)
	defer logout(c)
	sel, err := c.Select(mailbox, &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		t.Fatalf("dovecottest: EXAMINE %q: %v", mailbox, err)
	}
	return sel.UIDValidity
}

// Count returns the number of messages in mailbox, read with EXAMINE.
func (s *Server) Count(t testing.TB, mailbox string) int {
	t.Helper()
	c := s.dial(t)
	defer logout(c)
	sel, err := c.Select(mailbox, &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		t.Fatalf("dovecottest: EXAMINE %q: %v", mailbox, err)
	}
	return int(sel.NumMessages)
}

// Expunge removes the message uid from mailbox for good: SELECT read-write,
// UID STORE +FLAGS \Deleted, EXPUNGE.
func (s *Server) Expunge(t testing.TB, mailbox string, uid uint32) {
	t.Helper()
	c := s.dial(t)
	defer logout(c)
	if _, err := c.Select(mailbox, nil).Wait(); err != nil {
		t.Fatalf("dovecottest: SELECT %q: %v", mailbox, err)
	}
	set := imap.UIDSetNum(imap.UID(uid))
	store := &imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true, Flags: []imap.Flag{imap.FlagDeleted}}
	if err := c.Store(set, store, nil).Close(); err != nil {
		t.Fatalf("dovecottest: STORE \\Deleted on UID %d of %q: %v", uid, mailbox, err)
	}
	if err := c.Expunge().Close(); err != nil {
		t.Fatalf("dovecottest: EXPUNGE in %q: %v", mailbox, err)
	}
}
