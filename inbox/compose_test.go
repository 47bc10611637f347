package inbox_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dsrdesk/inbox"

	"github.com/emersion/go-message/mail"
)

// answer is a letter as the TUI would hand it over.
func answer(attachments ...string) inbox.Outgoing {
	return inbox.Outgoing{
		From:        inbox.Address{Name: "Sesoma tietosuoja", Email: "tietosuoja@sesoma.fi"},
		To:          []inbox.Address{{Name: "Päivi Mäkinen", Email: "paivi@example.fi"}},
		Subject:     "Re: [DSR-2026-0042] Tietopyyntö – vastaus pyyntöönne, jonka otsikko on hyvin pitkä ja jatkuu yli rivin",
		Body:        "Hei Päivi,\n\nohessa tietonne.\n.\nRivi, joka alkaa pisteellä, ja pitkä rivi: " + strings.Repeat("äö ", 40) + "\n\nYstävällisin terveisin\nSesoma",
		InReplyTo:   []string{"req-1@example.fi"},
		References:  []string{"req-0@example.fi", "req-1@example.fi"},
		Lang:        "fi",
		Letter:      "access",
		Attachments: attachments,
		Domain:      "sesoma.fi",
		Date:        time.Date(2026, 3, 20, 9, 30, 0, 0, time.UTC),
	}
}

func TestBuildMessagePlain(t *testing.T) {
	raw, err := inbox.BuildMessage(answer())
	if err != nil {
		t.Fatal(err)
	}
	head, _, _ := bytes.Cut(raw, []byte("\r\n\r\n"))
	for _, want := range []string{
		"Subject: Re: [DSR-2026-0042]\r\n =?utf-8?q?Tietopyynt=C3=B6_", "From: \"Sesoma tietosuoja\" <tietosuoja@sesoma.fi>", "To: =?utf-8?q?P=C3=A4ivi_M=C3=A4kinen?= <paivi@example.fi>",
		"In-Reply-To: <req-1@example.fi>", "References: <req-0@example.fi> <req-1@example.fi>",
		"Content-Language: fi", "X-Dsrdesk-Letter: access", "Auto-Submitted: no", "Date: Fri, 20 Mar 2026 09:30:00 +0000", "Mime-Version: 1.0",
		"Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: quoted-printable", "@sesoma.fi>",
	} {
		if !bytes.Contains(head, []byte(want)) {
			t.Errorf("header lacks %q:\n%s", want, head)
		}
	}
	for i, line := range strings.Split(string(raw), "\r\n") {
		if len(line) > 78 {
			t.Errorf("line %d is %d bytes long: %q", i+1, len(line), line)
		}
		if strings.ContainsAny(line, "\r\n") {
			t.Errorf("line %d has a bare CR or LF: %q", i+1, line)
		}
		for _, c := range []byte(line) {
			if c >= 0x80 {
				t.Fatalf("line %d is not 7-bit: %q", i+1, line)
			}
		}
	}
	p := inbox.Parse(raw)
	a := answer()
	if p.ParseError != "" || p.Subject != a.Subject || p.From.Email != "tietosuoja@sesoma.fi" ||
		len(p.To) != 1 || p.To[0].Name != "Päivi Mäkinen" || p.To[0].Email != "paivi@example.fi" {
		t.Errorf("parsed back: %+v", p)
	}
	if !strings.Contains(p.Text, "ohessa tietonne.\n.\nRivi, joka alkaa") || !strings.Contains(p.Text, strings.Repeat("äö ", 40)) {
		t.Errorf("text parsed back:\n%s", p.Text)
	}
	if strings.Join(p.InReplyTo, " ") != "req-1@example.fi" || strings.Join(p.References, " ") != "req-0@example.fi req-1@example.fi" ||
		!strings.HasSuffix(p.MessageID, "@sesoma.fi") || len(p.Attachments) != 0 {
		t.Errorf("parsed back: in-reply-to %v references %v id %q attachments %v", p.InReplyTo, p.References, p.MessageID, p.Attachments)
	}
	if !p.Date.Equal(a.Date) || inbox.Language(p) != "fi" {
		t.Errorf("date %v language %s", p.Date, inbox.Language(p))
	}

	// Two builds have two Message-IDs; a given one is kept.
	again, _ := inbox.BuildMessage(answer())
	if other := inbox.Parse(again); other.MessageID == p.MessageID {
		t.Errorf("the same Message-ID twice: %s", p.MessageID)
	}
	a.MessageID = "given@sesoma.fi"
	raw, _ = inbox.BuildMessage(a)
	if id := inbox.Parse(raw).MessageID; id != "given@sesoma.fi" {
		t.Errorf("Message-ID %q, want the given one", id)
	}
}

func TestBuildMessageWithAttachments(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"data.csv":    "field,value\nfirst_name,Päivi\n",
		"data.json":   `{"first_name": "Päivi"}`,
		"report.html": "<html><body><h1>Tietosi</h1></body></html>",
		"report.md":   "# Tietosi\n\nPäivi\n",
	}
	var paths []string
	for _, name := range []string{"report.md", "report.html", "data.json", "data.csv"} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(files[name]), 0o600); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	raw, err := inbox.BuildMessage(answer(paths...))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(raw, []byte("Content-Type: multipart/mixed")) {
		t.Errorf("not multipart/mixed:\n%s", raw)
	}
	p := inbox.Parse(raw)
	if p.ParseError != "" || !strings.Contains(p.Text, "ohessa tietonne") || p.Subject != answer().Subject {
		t.Errorf("parsed back: error %q text %q subject %q", p.ParseError, p.Text, p.Subject)
	}
	want := map[string]string{"report.md": "text/markdown", "report.html": "text/html", "data.json": "application/json", "data.csv": "text/csv"}
	if len(p.Attachments) != 4 {
		t.Fatalf("attachments %+v, want 4", p.Attachments)
	}
	for _, a := range p.Attachments {
		if want[a.Name] != a.Type || a.Size != len(files[a.Name]) {
			t.Errorf("attachment %+v: want type %s, %d bytes", a, want[a.Name], len(files[a.Name]))
		}
	}
	// The bytes come back intact.
	r, err := mail.CreateReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for {
		part, err := r.NextPart()
		if err != nil {
			break
		}
		if h, ok := part.Header.(*mail.AttachmentHeader); ok {
			name, _ := h.Filename()
			var b bytes.Buffer
			b.ReadFrom(part.Body)
			got[name] = b.String()
		}
	}
	for name, content := range files {
		if got[name] != content {
			t.Errorf("%s came back as %q, want %q", name, got[name], content)
		}
	}
}

func TestBuildMessageRefuses(t *testing.T) {
	cases := map[string]func(*inbox.Outgoing){
		"no recipient":         func(m *inbox.Outgoing) { m.To = nil },
		"bad recipient":        func(m *inbox.Outgoing) { m.To = []inbox.Address{{Email: "paivi@example.fi\r\nBcc: x@evil.example"}} },
		"name with line break": func(m *inbox.Outgoing) { m.To[0].Name = "P\r\nBcc: x@evil.example" },
		"no From":              func(m *inbox.Outgoing) { m.From = inbox.Address{} },
		"bad In-Reply-To":      func(m *inbox.Outgoing) { m.InReplyTo = []string{"a> <b@c"} },
		"bad language":         func(m *inbox.Outgoing) { m.Lang = "fi\r\nX: y" },
		"missing attachment":   func(m *inbox.Outgoing) { m.Attachments = []string{filepath.Join(t.TempDir(), "nope.csv")} },
	}
	for name, change := range cases {
		m := answer()
		change(&m)
		if raw, err := inbox.BuildMessage(m); err == nil {
			t.Errorf("%s: built\n%s", name, raw)
		}
	}
	// A line break in the subject is folded away, never a new header.
	m := answer()
	m.Subject = "[DSR-2026-0042] Vastaus\r\nBcc: x@evil.example"
	raw, err := inbox.BuildMessage(m)
	if err != nil || bytes.Contains(raw, []byte("\r\nBcc:")) {
		t.Errorf("subject with a line break: %v\n%s", err, raw)
	}
}
