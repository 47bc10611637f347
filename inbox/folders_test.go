package inbox

import (
	"testing"

	"github.com/emersion/go-imap/v2"
)

func TestChooseFolder(t *testing.T) {
	list := func(ls ...*imap.ListData) []*imap.ListData { return ls }
	for _, c := range []struct {
		name   string
		list   []*imap.ListData
		want   string
		exists bool
	}{
		{"special use wins", list(
			&imap.ListData{Mailbox: "Sent", Delim: '/'},
			&imap.ListData{Mailbox: "Lähetetyt", Delim: '/', Attrs: []imap.MailboxAttr{`\sent`}}), "Lähetetyt", true},
		{"by name under a prefix", list(
			&imap.ListData{Mailbox: "INBOX", Delim: '.'},
			&imap.ListData{Mailbox: "INBOX.sent", Delim: '.'}), "INBOX.sent", true},
		{"not a folder that cannot be selected", list(
			&imap.ListData{Mailbox: "Sent", Delim: '/', Attrs: []imap.MailboxAttr{imap.MailboxAttrNoSelect, imap.MailboxAttrSent}}), "Sent", false},
		{"none", list(&imap.ListData{Mailbox: "INBOX", Delim: '/'}, &imap.ListData{Mailbox: "Sentimental", Delim: '/'}), "Sent", false},
	} {
		f := chooseFolder(c.list, imap.MailboxAttrSent, DefaultSent)
		if f.name != c.want || f.exists != c.exists {
			t.Errorf("%s: %+v, want %q (exists %v)", c.name, f, c.want, c.exists)
		}
	}
}
