package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"dsrdesk/register"
	"github.com/charmbracelet/colorprofile"

	tea "charm.land/bubbletea/v2"
)

// The ID scan and the power of attorney the requester sends in reply to the
// officer's request for identification.
var (
	passi      = register.Attachment{Name: "passi.jpg", Type: "image/jpeg", Size: 183_000}
	valtakirja = register.Attachment{Name: "valtakirja.pdf", Type: "application/pdf", Size: 52_400}
)

// seedWithID stores Liisa's request and, as its second message, her reply
// with passi.jpg and valtakirja.pdf attached; and Matti's request without
// attachments. It returns the reply.
func seedWithID(t *testing.T, db *register.DB) register.Message {
	t.Helper()
	req := request(at(2026, 11, 5, 9, 30), "Liisa Laine", "liisa@example.fi", "Tietopyyntö", "Haluan nähdä tietoni.")
	store(t, db, req,
		request(at(2026, 11, 2, 8, 0), "Matti Meikäläinen", "matti@example.fi", "Poistakaa tietoni", "Poistakaa kaikki."))
	reply := request(at(2026, 11, 6, 10, 0), "Liisa Laine", "liisa@example.fi", "Re: Tietopyyntö", "Liitteenä passi ja valtakirja.")
	reply.InReplyTo = []string{req.MessageID}
	reply.Attachments = []register.Attachment{passi, valtakirja}
	reply.Raw = []byte("From: liisa@example.fi\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\n" +
		"Liitteenä passi ja valtakirja.\r\n--b\r\nContent-Type: image/jpeg; name=passi.jpg\r\n\r\n/9j/scan\r\n" +
		"--b\r\nContent-Type: application/pdf; name=valtakirja.pdf\r\n\r\nJVBERi0x\r\n--b--\r\n")
	store(t, db, reply)
	for _, m := range caseOf(t, db, "Tietopyyntö").Messages {
		if m.MessageID == reply.MessageID {
			return m
		}
	}
	t.Fatal("the reply did not join the case")
	return register.Message{}
}

// call is one call of the removal the screen was given.
type call struct {
	msgID int64
	index int
}

// fakeRemoval removes attachments in db as main's does, with made-up bytes:
// the MIME work is tested in inbox and main. It records its calls.
func fakeRemoval(db *register.DB, calls *[]call) func(context.Context, int64, int) (register.Attachment, error) {
	return func(ctx context.Context, id int64, index int) (register.Attachment, error) {
		*calls = append(*calls, call{id, index})
		m, err := db.MessageByID(ctx, id)
		if err != nil {
			return register.Attachment{}, err
		}
		before, err := db.MessageRaw(ctx, id)
		if err != nil {
			return register.Attachment{}, err
		}
		a := m.Attachments[index]
		rest := slices.Delete(slices.Clone(m.Attachments), index, index+1)
		err = db.Redact(ctx, register.Redaction{
			MessageID: id, Before: before, After: []byte("From: liisa@example.fi\r\n\r\n" + m.Text),
			Removed: a, Remaining: rest,
			Text: m.Text + "\n[" + a.Name + " was removed after the identity check.]",
		})
		return a, err
	}
}

func TestRemoveAttachment(t *testing.T) {
	db := openDB(t)
	reply := seedWithID(t, db)
	var calls []call
	d := newDriver(t, db, Options{RemoveAttachment: fakeRemoval(db, &calls)})
	d.selectRow("Liisa Laine")
	d.press("enter", "G")
	d.mustShow("Attached    passi.jpg (image/jpeg, 183 kB)", "valtakirja.pdf (application/pdf, 52 kB)")

	// a lists both, with the message's number in the case.
	d.press("a")
	d.mustShow("Remove an attachment · DSR-", "> 2    passi.jpg", "image/jpeg", "183 kB",
		"  2    valtakirja.pdf", "application/pdf", "52 kB")
	checkFits(t, d.view(), 80, 24)

	// Its help lists its keys.
	d.press("?")
	for _, b := range d.m.sh.keys.Attach.Bindings() {
		d.mustShow(b.Help().Key, b.Help().Desc)
	}
	d.mustShow("Keys: remove an attachment", "keep no copy")
	checkFits(t, d.view(), 80, 24)
	d.press("?")
	d.mustShow("Remove an attachment · DSR-")

	// esc closes it; choosing the second and answering n changes nothing.
	d.press("esc")
	d.mustNotShow("Remove an attachment · DSR-")
	d.press("a", "j", "enter")
	if d.m.ask == nil || d.m.ask.text != "Remove valtakirja.pdf (application/pdf, 52 kB) from message 2 for good? "+
		"No copy is kept; the rest of the message stays. (y/n)" {
		t.Fatalf("no question:\n%s", d.text())
	}
	d.mustShow("Please answer", "Remove valtakirja.pdf (application/pdf, 52 kB) from", "y/n?")
	checkFits(t, d.view(), 80, 24)
	d.press("n")
	if len(calls) != 0 {
		t.Fatalf("n removed: %v", calls)
	}
	d.mustShow("valtakirja.pdf (application/pdf, 52 kB)")
	if m, _ := db.MessageByID(context.Background(), reply.ID); len(m.Attachments) != 2 || m.Redacted != "" {
		t.Fatalf("after n the message is %+v", m)
	}

	// y removes it.
	d.press("a", "j", "enter", "y")
	if want := []call{{reply.ID, 1}}; !slices.Equal(calls, want) {
		t.Fatalf("calls %v, want %v", calls, want)
	}
	d.mustShow("removed valtakirja.pdf from message 2", "Attached    passi.jpg (image/jpeg, 183 kB)",
		"Removed     valtakirja.pdf (application/pdf, 52400 bytes) removed on",
		"[valtakirja.pdf was removed after the identity check.]")
	d.mustNotShow("valtakirja.pdf (application/pdf, 52 kB)")
	trail, err := db.Audit(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	if last := trail[len(trail)-1]; last.Action != "attachment removed" || !strings.Contains(last.Detail, "valtakirja.pdf") {
		t.Errorf("audit: %+v", last)
	}
	d.press("a")
	d.mustShow("> 2    passi.jpg")
	d.mustNotShow("2    valtakirja.pdf")
	d.press("esc")
	checkFits(t, d.view(), 80, 24)

	// The help of the case lists the key.
	d.press("?")
	b := d.m.sh.keys.Detail.Attachment
	d.mustShow(b.Help().Key, b.Help().Desc)
}

func TestRemoveAttachmentChangedMeanwhile(t *testing.T) {
	db := openDB(t)
	reply := seedWithID(t, db)
	var calls []call
	remove := fakeRemoval(db, &calls)
	d := newDriver(t, db, Options{RemoveAttachment: remove})
	d.selectRow("Liisa Laine")
	d.press("enter", "a", "j", "enter")

	// Another officer removes passi.jpg meanwhile: the second attachment is
	// no longer there.
	if _, err := remove(context.Background(), reply.ID, 0); err != nil {
		t.Fatal(err)
	}
	calls = nil
	d.press("y")
	if len(calls) != 0 {
		t.Fatalf("removed from a changed message: %v", calls)
	}
	d.mustShow("Not removed: the message's attachments changed meanwhile")
	if line := d.row("Not removed"); !strings.Contains(d.m.status.note, "changed meanwhile") || !d.m.status.noteErr {
		t.Errorf("not an error note: %q", line)
	}
	d.press("G")
	d.mustShow("Attached    valtakirja.pdf") // shown afresh

	// The register's refusal shows too.
	failing := func(context.Context, int64, int) (register.Attachment, error) {
		return register.Attachment{}, fmt.Errorf("remove an attachment from message %d: the message changed meanwhile; read it again", reply.ID)
	}
	d.m.remove = failing
	d.press("a", "enter", "y")
	d.mustShow("Not removed: remove an attachment from message")
}

func TestRemoveAttachmentNone(t *testing.T) {
	db := openDB(t)
	seedWithID(t, db)
	d := newDriver(t, db, Options{RemoveAttachment: func(context.Context, int64, int) (register.Attachment, error) {
		t.Fatal("called")
		return register.Attachment{}, nil
	}})
	d.selectRow("Matti")
	d.press("enter", "a")
	d.mustShow("This case has no attachments to remove.")
	d.mustNotShow("Remove an attachment")

	// Without a way to remove, the key says so.
	d = newDriver(t, db, Options{})
	d.selectRow("Liisa Laine")
	d.press("enter", "a")
	d.mustShow("Removing attachments is not available here.")
}

func TestRemoveAttachmentManyFit(t *testing.T) {
	db := openDB(t)
	m := request(at(2026, 11, 5, 9, 30), "Liisa Laine", "liisa@example.fi", "Tietopyyntö", "Liitteitä.")
	for i := range 30 {
		m.Attachments = append(m.Attachments, register.Attachment{
			Name: fmt.Sprintf("liite-%02d-%s.pdf", i+1, strings.Repeat("pitkä nimi ", 5)), Type: "application/pdf", Size: 1000 * i})
	}
	m.Attachments[3].Name = "evil\x1b]8;;http://x\x07\u202ename.jpg"
	store(t, db, m)
	d := newDriver(t, db, Options{RemoveAttachment: func(context.Context, int64, int) (register.Attachment, error) {
		return register.Attachment{}, nil
	}})
	for _, p := range []colorprofile.Profile{colorprofile.ANSI, colorprofile.NoTTY} {
		d.send(tea.ColorProfileMsg{Profile: p})
		d.press("enter", "a")
		checkFits(t, d.view(), 80, 24)
		checkOnlySGR(t, d.view())
		for range 29 {
			d.press("j")
		}
		d.mustShow("> 1    liite-30-", "of 30")
		d.mustNotShow("liite-01-")
		checkFits(t, d.view(), 80, 24)
		d.send(tea.WindowSizeMsg{Width: 60, Height: 16})
		d.mustShow("> 1    liite-30-")
		checkFits(t, d.view(), 60, 16)
		d.send(tea.WindowSizeMsg{Width: 80, Height: 24})
		d.press("esc", "esc")
	}
}
