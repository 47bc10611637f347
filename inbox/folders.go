package inbox

import (
	"fmt"
	"net/mail"
	"strings"
	"unicode"

	"github.com/emersion/go-imap/v2"
)

// The folders answers go to, found by their SPECIAL-USE attribute (RFC 6154)
// unless the config names them, and else by these names.
const (
	DefaultDrafts = "Drafts"
	DefaultSent   = "Sent"
)

// validateFolders checks the drafts, sent and address keys: a folder must
// not be the mailbox that is synced for requests (a draft saved there would
// be read back as mail, and syncing requests as sent mail would lose them),
// and the address must be one.
func (c Config) validateFolders() error {
	for _, f := range []struct{ key, name string }{{"drafts", c.Drafts}, {"sent", c.Sent}} {
		switch {
		case f.name == "":
		case strings.IndexFunc(f.name, unicode.IsControl) >= 0:
			return &FieldError{f.key, fmt.Sprintf("a folder name without control characters, not %q", f.name)}
		case sameFolder(f.name, c.Mailbox):
			return &FieldError{f.key, fmt.Sprintf("%q is the mailbox synced for requests (imap.mailbox); name another folder", f.name)}
		}
	}
	if c.Drafts != "" && c.Sent != "" && sameFolder(c.Drafts, c.Sent) {
		return &FieldError{"sent", fmt.Sprintf("%q is also imap.drafts; drafts and sent mail need folders of their own", c.Sent)}
	}
	if c.Address != "" {
		if _, err := mail.ParseAddress(c.Address); err != nil {
			return &FieldError{"address", fmt.Sprintf("an e-mail address such as \"Sesoma tietosuoja <tietosuoja@sesoma.fi>\", not %q: %v", c.Address, err)}
		}
	}
	return nil
}

// sameFolder compares folder names as IMAP does: exactly, except INBOX,
// which is case-insensitive.
func sameFolder(a, b string) bool {
	if strings.EqualFold(a, "INBOX") {
		return strings.EqualFold(b, "INBOX")
	}
	return a == b
}

// From returns the mailbox's own address, the From of answers: the address
// key, or the username when it is an e-mail address.
func (c Config) From() (Address, error) {
	v, key := c.Address, "imap.address"
	if v == "" {
		v, key = c.Username, "imap.username"
	}
	a, err := mail.ParseAddress(v)
	if err != nil || c.Address == "" && !strings.Contains(v, "@") {
		return Address{}, fmt.Errorf("no From address for answers: %s %q is not an e-mail address; set imap.address", key, v)
	}
	return Address{Name: a.Name, Email: a.Address}, nil
}

// folder is a folder found for a purpose.
type folder struct {
	name   string
	exists bool // false: the default name, which the server does not have
	key    string
}

// findFolder finds the folder for attr (\Drafts or \Sent): the configured
// name (key), else the one the server marks with attr, else one named
// fallback (also under a prefix such as "INBOX."), else fallback, which
// does not exist.
func (s *Session) findFolder(configured, key string, attr imap.MailboxAttr, fallback string) (folder, error) {
	var opts *imap.ListOptions
	if caps := s.c.Caps(); caps.Has(imap.CapSpecialUse) && (caps.Has(imap.CapListExtended) || caps.Has(imap.CapIMAP4rev2)) {
		opts = &imap.ListOptions{ReturnSpecialUse: true}
	}
	list, err := s.c.List("", "*", opts).Collect()
	if err != nil {
		return folder{}, fmt.Errorf("list the folders to find the %s folder: %w", fallback, err)
	}
	if configured != "" {
		for _, l := range list {
			if sameFolder(l.Mailbox, configured) {
				return folder{name: l.Mailbox, exists: true, key: key}, nil
			}
		}
		return folder{name: configured, key: key}, nil
	}
	return chooseFolder(list, attr, fallback), nil
}

// chooseFolder picks, from a LIST reply, the folder with attr, else the one
// whose last name part is fallback (ignoring case).
func chooseFolder(list []*imap.ListData, attr imap.MailboxAttr, fallback string) folder {
	var byName string
	for _, l := range list {
		if hasAttr(l.Attrs, imap.MailboxAttrNoSelect) || hasAttr(l.Attrs, imap.MailboxAttrNonExistent) {
			continue
		}
		if hasAttr(l.Attrs, attr) {
			return folder{name: l.Mailbox, exists: true}
		}
		last := l.Mailbox
		if d := string(l.Delim); l.Delim != 0 && strings.Contains(last, d) {
			last = last[strings.LastIndex(last, d)+len(d):]
		}
		if byName == "" && strings.EqualFold(last, fallback) {
			byName = l.Mailbox
		}
	}
	if byName != "" {
		return folder{name: byName, exists: true}
	}
	return folder{name: fallback}
}

// hasAttr reports whether attrs holds a, ignoring case.
func hasAttr(attrs []imap.MailboxAttr, a imap.MailboxAttr) bool {
	for _, x := range attrs {
		if strings.EqualFold(string(x), string(a)) {
			return true
		}
	}
	return false
}
