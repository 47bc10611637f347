package main

// End-to-end tests of answering against a real Dovecot: drafts by IMAP
// APPEND, the Sent folder marking cases answered, and sending by SMTP
// through a test submission server.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"dsrdesk/inbox"
	"dsrdesk/inbox/dovecottest"
	"dsrdesk/inbox/smtptest"
	"dsrdesk/register"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// answerCase is what `cases --json` says of a case's answer.
type answerCase struct {
	Tag        string `json:"tag"`
	AnsweredAt string `json:"answered_at"`
	Late       bool   `json:"late"`
}

func (e *env) answerCases() map[string]answerCase {
	e.t.Helper()
	var list []answerCase
	if err := json.Unmarshal([]byte(e.mustRun("cases", "--json", "--all")), &list); err != nil {
		e.t.Fatal(err)
	}
	out := map[string]answerCase{}
	for _, c := range list {
		out[c.Tag] = c
	}
	return out
}

// openSource opens the env's config, database and mailbox in this process,
// as the TUI does.
func (e *env) openSource(ctx context.Context) *mailSource {
	e.t.Helper()
	g := globals{configPath: e.config, dbPath: e.db}
	c, err := g.loadConfig(true)
	if err != nil {
		e.t.Fatal(err)
	}
	db, err := g.openDB(ctx, c)
	if err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(func() { db.Close() })
	src, err := newMailSource(ctx, c, db)
	if err != nil {
		e.t.Fatal(err)
	}
	return src
}

// folderRaw returns every message of a Dovecot folder, read-only.
func folderRaw(t *testing.T, s *dovecottest.Server, folder string) [][]byte {
	t.Helper()
	conn, err := net.DialTimeout("tcp", s.Addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	conn.SetDeadline(time.Now().Add(30 * time.Second))
	c := imapclient.New(conn, nil)
	defer c.Close()
	if err := c.Login(s.User, s.Password).Wait(); err != nil {
		t.Fatal(err)
	}
	sel, err := c.Select(folder, &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		t.Fatalf("EXAMINE %q: %v", folder, err)
	}
	if sel.NumMessages == 0 {
		return nil
	}
	var all imap.SeqSet
	all.AddRange(1, 0)
	body := &imap.FetchItemBodySection{Peek: true}
	msgs, err := c.Fetch(all, &imap.FetchOptions{BodySection: []*imap.FetchItemBodySection{body}}).Collect()
	if err != nil {
		t.Fatal(err)
	}
	var out [][]byte
	for _, m := range msgs {
		out = append(out, m.FindBodySection(body))
	}
	return out
}

// openCaseFromDovecot puts a Swedish request into INBOX, syncs, and returns
// its case tag.
func openCaseFromDovecot(t *testing.T, s *dovecottest.Server, e *env) string {
	t.Helper()
	req := "From: Sara Lind <sara@example.se>\r\nTo: tietosuoja@sesoma.fi\r\nSubject: Registerutdrag\r\n" +
		"Message-ID: <sv-req@example.se>\r\nDate: Mon, 2 Mar 2026 10:00:00 +0200\r\nMIME-Version: 1.0\r\n" +
		"Content-Type: text/plain; charset=utf-8\r\n\r\nHej, jag vill ha ett registerutdrag över de personuppgifter ni har om mig.\r\nSara Lind\r\n"
	s.Append(t, "INBOX", []byte(req), time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC))
	e.mustRun("sync")
	cases := e.cases()
	if len(cases) != 1 {
		t.Fatalf("%d cases, want 1", len(cases))
	}
	return cases[0].Tag
}

// letter is the answer to the case, as the TUI hands it over.
func letter(t *testing.T, tag string) inbox.Outgoing {
	dir := t.TempDir()
	csvPath, jsonPath := filepath.Join(dir, "data.csv"), filepath.Join(dir, "data.json")
	os.WriteFile(csvPath, []byte("field,value\nname,Sara Lind\n"), 0o600)
	os.WriteFile(jsonPath, []byte(`{"name": "Sara Lind"}`), 0o600)
	return inbox.Outgoing{
		To:          []inbox.Address{{Name: "Sara Lind", Email: "sara@example.se"}},
		Subject:     "Re: Registerutdrag [" + tag + "]",
		Body:        "Hej Sara,\n\nhär är ditt registerutdrag.\n\nMed vänliga hälsningar\nSesoma",
		InReplyTo:   []string{"sv-req@example.se"},
		References:  []string{"sv-req@example.se"},
		Lang:        "sv",
		Attachments: []string{csvPath, jsonPath},
	}
}

// TestDraftAgainstDovecot: an answer saved as a draft lands in Drafts with
// its headers, language, attachments and the \Draft flag, and changes
// nothing else on the server.
func TestDraftAgainstDovecot(t *testing.T) {
	s := dovecottest.Start(t)
	e := newEnv(t, dovecotConfig(t, s)+"address = \"Sesoma tietosuoja <tietosuoja@sesoma.fi>\"\n")
	tag := openCaseFromDovecot(t, s, e)
	ctx := context.Background()
	src := e.openSource(ctx)

	id, err := src.saveDraft(ctx, letter(t, tag))
	if err != nil {
		t.Fatal(err)
	}
	drafts := folderRaw(t, s, "Drafts")
	if len(drafts) != 1 {
		t.Fatalf("Drafts holds %d messages, want 1", len(drafts))
	}
	p := inbox.Parse(drafts[0])
	if p.Subject != "Re: Registerutdrag ["+tag+"]" || p.MessageID != id || !strings.HasSuffix(id, "@sesoma.fi") ||
		strings.Join(p.InReplyTo, " ") != "sv-req@example.se" || strings.Join(p.References, " ") != "sv-req@example.se" ||
		p.From != (inbox.Address{Name: "Sesoma tietosuoja", Email: "tietosuoja@sesoma.fi"}) ||
		len(p.To) != 1 || p.To[0].Email != "sara@example.se" {
		t.Errorf("draft: subject %q id %q (returned %q) in-reply-to %v references %v from %v to %v",
			p.Subject, p.MessageID, id, p.InReplyTo, p.References, p.From, p.To)
	}
	headers := map[string]string{}
	for _, h := range p.Headers {
		headers[strings.ToLower(h.Key)] = h.Value
	}
	if headers["content-language"] != "sv" || headers["auto-submitted"] != "no" || inbox.Language(p) != "sv" {
		t.Errorf("draft headers %v, language %s", headers, inbox.Language(p))
	}
	var names []string
	for _, a := range p.Attachments {
		names = append(names, a.Name+" "+a.Type)
	}
	if strings.Join(names, ", ") != "data.csv text/csv, data.json application/json" || !strings.Contains(p.Text, "registerutdrag") {
		t.Errorf("draft attachments %v, text %q", names, p.Text)
	}
	for _, flags := range s.Flags(t, "Drafts") {
		if !slices.Contains(flags, `\Draft`) {
			t.Errorf("draft flags %v, want \\Draft", flags)
		}
	}
	for uid, flags := range s.Flags(t, "INBOX") {
		if len(flags) != 0 {
			t.Errorf("INBOX message %d has flags %v after saving a draft", uid, flags)
		}
	}
	// A draft is not an answer: the case stays unanswered.
	e.mustRun("sync")
	if c := e.answerCases()[tag]; c.AnsweredAt != "" {
		t.Errorf("answered at %s by a draft", c.AnsweredAt)
	}
	if src.sender() != nil {
		t.Error("sending offered without an [smtp] section")
	}
}

// TestSentFolderMarksAnswered: a message placed in Sent by a mail client
// that carries the case tag marks the case answered at its filing time and
// joins its thread; one of no case is not stored.
func TestSentFolderMarksAnswered(t *testing.T) {
	s := dovecottest.Start(t)
	e := newEnv(t, dovecotConfig(t, s))
	tag := openCaseFromDovecot(t, s, e)

	sentAt := time.Date(2026, 3, 20, 13, 15, 0, 0, time.UTC)
	answer := "From: Sesoma tietosuoja <tietosuoja@sesoma.fi>\r\nTo: Sara Lind <sara@example.se>\r\n" +
		"Subject: SV: Registerutdrag [" + tag + "]\r\nMessage-ID: <answer-1@sesoma.fi>\r\nIn-Reply-To: <sv-req@example.se>\r\n" +
		"Date: Fri, 20 Mar 2026 15:15:00 +0200\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHej Sara, här är utdraget.\r\n"
	private := "From: Sesoma <myynti@sesoma.fi>\r\nTo: Asiakas <asiakas@example.fi>\r\nSubject: Tarjous\r\n" +
		"Message-ID: <offer-1@sesoma.fi>\r\n\r\nHei, tässä tarjouksemme.\r\n"
	s.Append(t, "Sent", []byte(private), sentAt.Add(-time.Hour), `\Seen`)
	s.Append(t, "Sent", []byte(answer), sentAt, `\Seen`)

	out := e.mustRun("sync")
	if !strings.Contains(out, "Sent (sent mail): 2 fetched, 1 stored as answers of cases, 1 cases marked answered") {
		t.Errorf("sync said %q", out)
	}
	c := e.answerCases()[tag]
	if want := sentAt.In(register.Helsinki).Format(time.RFC3339); c.AnsweredAt != want || c.Late {
		t.Errorf("case %s answered at %q late %v, want %s, on time", tag, c.AnsweredAt, c.Late, want)
	}
	var msgs []jsonMessage
	if err := json.Unmarshal([]byte(e.mustRun("messages", "--json")), &msgs); err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 2 {
		t.Fatalf("%d messages stored, want 2 (the request and the answer; the offer is no case's)", len(msgs))
	}
	for _, m := range msgs {
		if m.MessageID == "answer-1@sesoma.fi" && (m.Disposition != "sent" || m.CaseID == nil) {
			t.Errorf("the answer: %+v", m)
		}
		if m.Subject == "Tarjous" {
			t.Error("mail of no case was stored")
		}
	}
	if cases := e.cases("--all"); len(cases) != 1 || len(cases[0].MessageIDs) != 2 {
		t.Errorf("cases %+v: want one case, its thread the request and the answer", cases)
	}
	for uid, flags := range s.Flags(t, "Sent") {
		if strings.Join(flags, " ") != `\Seen` {
			t.Errorf("Sent message %d flags %v, want them as appended", uid, flags)
		}
	}
	if out := e.mustRun("sync"); !strings.Contains(out, "Sent (sent mail): 0 fetched") {
		t.Errorf("second sync said %q", out)
	}
}

// TestSendBySMTPAgainstDovecot: with [smtp] configured, the answer is
// delivered to the submission server byte for byte, filed in Dovecot's
// Sent folder, and the next sync marks the case answered.
func TestSendBySMTPAgainstDovecot(t *testing.T) {
	s := dovecottest.Start(t)
	smtp := smtptest.Start(t, smtptest.Options{})
	pwFile := filepath.Join(t.TempDir(), "smtp-password")
	if err := os.WriteFile(pwFile, []byte(smtp.Password+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	e := newEnv(t, dovecotConfig(t, s)+fmt.Sprintf("address = \"tietosuoja@sesoma.fi\"\n\n[smtp]\nhost = %q\nport = %d\nusername = %q\npassword_file = %q\nca_file = %q\n",
		smtp.Host, smtp.Port, smtp.User, pwFile, smtp.CAFile))
	tag := openCaseFromDovecot(t, s, e)
	ctx := context.Background()
	src := e.openSource(ctx)
	send := src.sender()
	if send == nil {
		t.Fatal("no sender with [smtp] configured")
	}
	before := time.Now().Add(-time.Second)
	id, err := send(ctx, letter(t, tag))
	if err != nil {
		t.Fatal(err)
	}
	got := smtp.Messages()
	if len(got) != 1 || got[0].From != "tietosuoja@sesoma.fi" || strings.Join(got[0].To, " ") != "sara@example.se" {
		t.Fatalf("delivered %+v", got)
	}
	filed := folderRaw(t, s, "Sent")
	if len(filed) != 1 || !bytes.Equal(filed[0], got[0].Data) || inbox.Parse(filed[0]).MessageID != id {
		t.Fatalf("Sent holds %d messages; want the delivered bytes, Message-ID %s", len(filed), id)
	}
	if smtp.PlaintextAuth() {
		t.Error("the SMTP password crossed in plaintext")
	}

	e.mustRun("sync")
	c := e.answerCases()[tag]
	answered, err := time.Parse(time.RFC3339, c.AnsweredAt)
	if err != nil || answered.Before(before.Truncate(time.Second)) || answered.After(time.Now()) {
		t.Errorf("case answered at %q, want the time of sending", c.AnsweredAt)
	}
	logb, _ := os.ReadFile(filepath.Join(e.dir, "state", "dsrdesk", "dsrdesk.log"))
	if strings.Contains(string(logb), smtp.Password) || strings.Contains(string(logb), s.Password) {
		t.Error("a password is in the log")
	}
}

// TestSMTPConfigErrors: the [smtp] section is checked like [imap].
func TestSMTPConfigErrors(t *testing.T) {
	imapSection := "[imap]\nhost = \"127.0.0.1\"\nsecurity = \"plain\"\nusername = \"u\"\npassword_command = \"echo x\"\n"
	for _, c := range []struct{ name, config, want string }{
		{"unknown key", imapSection + "[smtp]\nhost = \"smtp.example.fi\"\nstarttls = true\n", `unknown key "smtp.starttls"`},
		{"plaintext", imapSection + "[smtp]\nhost = \"smtp.example.fi\"\nsecurity = \"plain\"\n", "smtp.security"},
		{"no host", imapSection + "[smtp]\nport = 587\n", "smtp.host"},
		{"drafts in INBOX", imapSection + "drafts = \"INBOX\"\n", "imap.drafts"},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, c.config)
			_, errs, err := e.run("sync")
			if err == nil || !strings.Contains(errs, e.config) || !strings.Contains(errs, c.want) {
				t.Fatalf("stderr %q: want the file name and %q", errs, c.want)
			}
		})
	}
}

// TestDraftCommand: `dsrdesk draft` composes the letter the case calls for
// in the requester's language and saves it in Drafts; sent as it is, the
// acknowledgement is filed with the case but does not answer it.
func TestDraftCommand(t *testing.T) {
	s := dovecottest.Start(t)
	e := newEnv(t, dovecotConfig(t, s)+"address = \"Sesoma tietosuoja <tietosuoja@sesoma.fi>\"\n")
	tag := openCaseFromDovecot(t, s, e)

	cmd := e.command("draft", tag)
	cmd.Stdin = strings.NewReader("n\n")
	if out, err := cmd.CombinedOutput(); exitCode(err) != 1 || !strings.Contains(string(out), "Save it in Drafts? [y/N]") ||
		!strings.Contains(string(out), "nothing saved or sent") {
		t.Errorf("draft answered n: %v\n%s", err, out)
	}
	out := e.mustRun("draft", tag, "--yes")
	if !strings.Contains(out, "Subject: Re: Registerutdrag ["+tag+"]") || !strings.Contains(out, "saved in Drafts") {
		t.Errorf("draft:\n%s", out)
	}
	drafts := folderRaw(t, s, "Drafts")
	if len(drafts) != 1 {
		t.Fatalf("Drafts holds %d messages, want 1", len(drafts))
	}
	p := inbox.Parse(drafts[0])
	headers := map[string]string{}
	for _, h := range p.Headers {
		headers[strings.ToLower(h.Key)] = h.Value
	}
	if headers["content-language"] != "sv" || headers["x-dsrdesk-letter"] != "acknowledgement" ||
		!strings.Contains(p.Text, tag) || inbox.Language(p) != "sv" || strings.Join(p.InReplyTo, " ") != "sv-req@example.se" {
		t.Errorf("draft headers %v, text %q", headers, p.Text)
	}
	// The officer sends it: it lands in Sent. The next sync files it with
	// the case, which stays unanswered.
	s.Append(t, "Sent", drafts[0], time.Now())
	e.mustRun("sync")
	if c := e.answerCases()[tag]; c.AnsweredAt != "" {
		t.Errorf("answered at %s by the acknowledgement", c.AnsweredAt)
	}
	if _, errs, err := e.run("draft", tag, "refusal", "--yes"); exitCode(err) != 1 || !strings.Contains(errs, "reason") {
		t.Errorf("a refusal without reasons: %q", errs)
	}
	if _, errs, err := e.run("draft", tag, "--send", "--yes"); exitCode(err) != 1 || !strings.Contains(errs, "no [smtp] section") {
		t.Errorf("--send without [smtp]: %q", errs)
	}
}
