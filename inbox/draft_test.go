package inbox_test

import (
	"bytes"
	"context"
	"io"
	"log"
	"net"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"dsrdesk/inbox"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
)

// folderServer serves one user over plaintext loopback with INBOX and the
// given folders, each with its SPECIAL-USE attributes, and advertises
// SPECIAL-USE and LIST-EXTENDED as Dovecot does.
func folderServer(t *testing.T, folders map[string][]imap.MailboxAttr) (inbox.Config, *imapmemserver.User) {
	t.Helper()
	mem := imapmemserver.New()
	user := imapmemserver.NewUser("officer@sesoma.fi", "secret")
	user.Create("INBOX", nil)
	for name := range folders {
		if err := user.Create(name, nil); err != nil {
			t.Fatal(err)
		}
	}
	mem.AddUser(user)
	srv := imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return specialUseSession{mem.NewSession(), folders}, nil, nil
		},
		Caps: imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapListExtended: {}, imap.CapSpecialUse: {},
			imap.CapUIDPlus: {}, imap.CapCreateSpecialUse: {}},
		InsecureAuth: true,
		Logger:       log.New(io.Discard, "", 0),
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return inbox.Config{Host: "127.0.0.1", Port: ln.Addr().(*net.TCPAddr).Port, Security: inbox.Plain,
		Username: "officer@sesoma.fi"}, user
}

// specialUseSession lists INBOX and the folders with their SPECIAL-USE
// attributes, which imapmemserver cannot keep.
type specialUseSession struct {
	imapserver.Session
	folders map[string][]imap.MailboxAttr
}

func (s specialUseSession) List(w *imapserver.ListWriter, _ string, patterns []string, _ *imap.ListOptions) error {
	if len(patterns) == 1 && patterns[0] == "" {
		return w.WriteList(&imap.ListData{Attrs: []imap.MailboxAttr{imap.MailboxAttrNoSelect}, Delim: '/'})
	}
	names := []string{"INBOX"}
	for name := range s.folders {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if err := w.WriteList(&imap.ListData{Mailbox: name, Delim: '/', Attrs: s.folders[name]}); err != nil {
			return err
		}
	}
	return nil
}

// stored is a message read back from a folder.
type stored struct {
	flags []string
	raw   []byte
}

// folderMessages reads every message of folder, read-only.
func folderMessages(t *testing.T, cfg inbox.Config, folder string) []stored {
	t.Helper()
	conn, err := net.Dial("tcp", net.JoinHostPort(cfg.Host, strconv.Itoa(cfg.Port)))
	if err != nil {
		t.Fatal(err)
	}
	c := imapclient.New(conn, nil)
	defer c.Close()
	if err := c.Login(cfg.Username, "secret").Wait(); err != nil {
		t.Fatal(err)
	}
	sel, err := c.Select(folder, &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		t.Fatalf("examine %q: %v", folder, err)
	}
	if sel.NumMessages == 0 {
		return nil
	}
	var all imap.SeqSet
	all.AddRange(1, 0)
	body := &imap.FetchItemBodySection{Peek: true}
	msgs, err := c.Fetch(all, &imap.FetchOptions{Flags: true, BodySection: []*imap.FetchItemBodySection{body}}).Collect()
	if err != nil {
		t.Fatal(err)
	}
	var out []stored
	for _, m := range msgs {
		var flags []string
		for _, f := range m.Flags {
			flags = append(flags, string(f))
		}
		slices.Sort(flags)
		out = append(out, stored{flags: flags, raw: m.FindBodySection(body)})
	}
	return out
}

func TestAppendDraftFindsTheDraftsFolder(t *testing.T) {
	ctx := context.Background()
	raw, err := inbox.BuildMessage(answer())
	if err != nil {
		t.Fatal(err)
	}

	// The folder marked \Drafts, not the one merely named so.
	cfg, _ := folderServer(t, map[string][]imap.MailboxAttr{"Luonnokset": {imap.MailboxAttrDrafts}, "Drafts": nil})
	if err := inbox.AppendDraft(ctx, cfg, "secret", raw); err != nil {
		t.Fatal(err)
	}
	got := folderMessages(t, cfg, "Luonnokset")
	if len(got) != 1 || !bytes.Equal(got[0].raw, raw) || strings.Join(got[0].flags, " ") != `\Draft \Seen` {
		t.Fatalf("Luonnokset holds %+v, want the draft with \\Draft \\Seen", got)
	}
	if n := len(folderMessages(t, cfg, "Drafts")); n != 0 {
		t.Errorf("Drafts holds %d messages, want none", n)
	}
	if n := len(folderMessages(t, cfg, "INBOX")); n != 0 {
		t.Errorf("INBOX holds %d messages, want none", n)
	}

	// Configured: that folder, which must exist.
	cfg, _ = folderServer(t, map[string][]imap.MailboxAttr{"Drafts": {imap.MailboxAttrDrafts}, "Vastaukset": nil})
	cfg.Drafts = "Vastaukset"
	if err := inbox.AppendDraft(ctx, cfg, "secret", raw); err != nil || len(folderMessages(t, cfg, "Vastaukset")) != 1 {
		t.Errorf("configured folder: %v", err)
	}
	cfg.Drafts = "Puuttuu"
	if err := inbox.AppendDraft(ctx, cfg, "secret", raw); err == nil || !strings.Contains(err.Error(), `imap.drafts: the server has no folder "Puuttuu"`) {
		t.Errorf("missing configured folder: %v", err)
	}

	// No drafts folder at all: "Drafts" is made, as a mail client would.
	cfg, _ = folderServer(t, nil)
	if err := inbox.AppendDraft(ctx, cfg, "secret", raw); err != nil {
		t.Fatal(err)
	}
	if got := folderMessages(t, cfg, "Drafts"); len(got) != 1 || !bytes.Equal(got[0].raw, raw) {
		t.Errorf("Drafts holds %+v", got)
	}
}

// sentStore is an inbox.Store with a watermark per mailbox.
type sentStore struct {
	marks map[string][2]uint32
	mails map[string][]inbox.Mail
}

func (s *sentStore) Watermark(_ context.Context, mailbox string) (uint32, uint32, error) {
	w := s.marks[mailbox]
	return w[0], w[1], nil
}

func (s *sentStore) StoreBatch(_ context.Context, mailbox string, v, last uint32, mails []inbox.Mail) (inbox.Stored, error) {
	s.marks[mailbox] = [2]uint32{v, last}
	s.mails[mailbox] = append(s.mails[mailbox], mails...)
	return inbox.Stored{Messages: len(mails)}, nil
}

func TestSyncMailboxesReadsTheSentFolder(t *testing.T) {
	ctx := context.Background()
	cfg, user := folderServer(t, map[string][]imap.MailboxAttr{"Lähetetyt": {imap.MailboxAttrSent}})
	req := "From: Anna <anna@example.fi>\r\nTo: officer@sesoma.fi\r\nSubject: Tietopyyntö\r\nMessage-ID: <r1@example.fi>\r\n\r\nHaluan tietoni.\r\n"
	user.Append("INBOX", literal{strings.NewReader(req), int64(len(req))}, &imap.AppendOptions{Time: time.Now()})
	sentAt := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	a := answer()
	raw, _ := inbox.BuildMessage(a)
	user.Append("Lähetetyt", literal{bytes.NewReader(raw), int64(len(raw))}, &imap.AppendOptions{Time: sentAt})

	store := &sentStore{marks: map[string][2]uint32{}, mails: map[string][]inbox.Mail{}}
	in, sent, err := inbox.SyncMailboxes(ctx, cfg, "secret", store, nil)
	if err != nil {
		t.Fatal(err)
	}
	if in.Mailbox != "INBOX" || in.Messages != 1 || sent.Mailbox != "Lähetetyt" || sent.Messages != 1 {
		t.Fatalf("synced %+v and %+v", in, sent)
	}
	m := store.mails["Lähetetyt"][0]
	if m.Disposition != inbox.Sent || m.Thread.Tag != "DSR-2026-0042" || !m.InternalDate.Equal(sentAt) ||
		m.Requester.Email != "paivi@example.fi" || m.Lang != "fi" || m.Mailbox != "Lähetetyt" {
		t.Errorf("sent mail: disposition %s tag %q date %v requester %v lang %s", m.Disposition, m.Thread.Tag, m.InternalDate, m.Requester, m.Lang)
	}
	if store.mails["INBOX"][0].Disposition == inbox.Sent {
		t.Error("the request was read as sent mail")
	}
	// Read-only: nothing was marked \Seen.
	for _, f := range []string{"INBOX", "Lähetetyt"} {
		for _, m := range folderMessages(t, cfg, f) {
			if slices.Contains(m.flags, `\Seen`) {
				t.Errorf("%s: a message is \\Seen after the sync", f)
			}
		}
	}
	// Again: nothing new in either.
	in, sent, err = inbox.SyncMailboxes(ctx, cfg, "secret", store, nil)
	if err != nil || in.Fetched != 0 || sent.Fetched != 0 {
		t.Errorf("second sync: %+v %+v %v", in, sent, err)
	}

	// No Sent folder: the mailbox alone; a configured one must exist.
	cfg, _ = folderServer(t, nil)
	if _, sent, err := inbox.SyncMailboxes(ctx, cfg, "secret", store, nil); err != nil || sent.Mailbox != "" {
		t.Errorf("without a Sent folder: %+v, %v", sent, err)
	}
	cfg.Sent = "Skickat"
	if _, _, err := inbox.SyncMailboxes(ctx, cfg, "secret", store, nil); err == nil || !strings.Contains(err.Error(), "imap.sent") {
		t.Errorf("missing configured Sent folder: %v", err)
	}
}

func TestFolderConfig(t *testing.T) {
	base := inbox.Config{Host: "imap.example.fi", Username: "u"}.WithDefaults()
	for _, c := range []struct {
		change func(*inbox.Config)
		want   string
	}{
		{func(c *inbox.Config) { c.Drafts = "INBOX" }, "imap.drafts"},
		{func(c *inbox.Config) { c.Sent = "inbox" }, "imap.sent"},
		{func(c *inbox.Config) { c.Drafts, c.Sent = "Posti", "Posti" }, "imap.sent"},
		{func(c *inbox.Config) { c.Sent = "Sent\r\n" }, "imap.sent"},
		{func(c *inbox.Config) { c.Address = "not an address" }, "imap.address"},
	} {
		cfg := base
		c.change(&cfg)
		if err := cfg.Validate(); err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %s", cfg, err, c.want)
		}
	}
	cfg := base
	cfg.Drafts, cfg.Sent, cfg.Address = "Luonnokset", "Lähetetyt", "Sesoma tietosuoja <tietosuoja@sesoma.fi>"
	if err := cfg.Validate(); err != nil {
		t.Error(err)
	}
	if from, err := cfg.From(); err != nil || from != (inbox.Address{Name: "Sesoma tietosuoja", Email: "tietosuoja@sesoma.fi"}) {
		t.Errorf("From %+v, %v", from, err)
	}
	if _, err := base.From(); err == nil || !strings.Contains(err.Error(), "imap.address") {
		t.Errorf("From of username u: %v, want a hint at imap.address", err)
	}
	base.Username = "tietosuoja@sesoma.fi"
	if from, err := base.From(); err != nil || from.Email != "tietosuoja@sesoma.fi" {
		t.Errorf("From of the username: %+v, %v", from, err)
	}
}
