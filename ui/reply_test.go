package ui

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"dsrdesk/register"
)

// postbox stands in for the mailbox: it records the letters saved as
// drafts and sent, and answers with a Message-ID or err.
type postbox struct {
	drafts, sent []register.Letter
	err          error
}

func (p *postbox) saveDraft(_ context.Context, l register.Letter) (string, error) {
	p.drafts = append(p.drafts, l)
	if p.err != nil {
		return "", p.err
	}
	return "dsr.draft@sesoma.fi", nil
}

func (p *postbox) send(_ context.Context, l register.Letter) (string, error) {
	p.sent = append(p.sent, l)
	return "dsr.sent@sesoma.fi", p.err
}

// editorRun is what a test saw of the editor's file while the editor ran.
type editorRun struct {
	path              string
	fileMode, dirMode fs.FileMode
}

// replyDriver starts a driver with opts whose replies go to box, sending
// only with send. With editor set, that shell command is $VISUAL, run at
// once instead of through Bubble Tea, on a file under the returned folder
// (as $XDG_RUNTIME_DIR); each run is recorded in runs.
func replyDriver(t *testing.T, db *register.DB, opts Options, box *postbox, send bool, editor string) (*driver, string, *[]editorRun) {
	t.Helper()
	runtime := t.TempDir()
	t.Setenv("VISUAL", editor)
	t.Setenv("EDITOR", "")
	t.Setenv("XDG_RUNTIME_DIR", runtime)
	opts.SaveDraft = box.saveDraft
	if send {
		opts.Send = box.send
	}
	d := newDriver(t, db, opts)
	var runs []editorRun
	d.m.replies.run = func(c *exec.Cmd, done tea.ExecCallback) tea.Cmd {
		return func() tea.Msg {
			path := c.Args[len(c.Args)-1]
			r := editorRun{path: path}
			if fi, err := os.Stat(path); err == nil {
				r.fileMode = fi.Mode().Perm()
			}
			if fi, err := os.Stat(filepath.Dir(path)); err == nil {
				r.dirMode = fi.Mode().Perm()
			}
			runs = append(runs, r)
			return done(c.Run())
		}
	}
	return d, runtime, &runs
}

// script writes a shell script for $VISUAL that runs body with the
// letter's file as $1, and returns its path.
func script(t *testing.T, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "editor.sh")
	if err := os.WriteFile(path, []byte("#!/bin/sh\nset -e\nf=\"$1\"\n"+body+"\n"), 0o700); err != nil {
		t.Fatal(err)
	}
	return path
}

// mustBeEmpty fails unless folder dir holds nothing: the editor's files
// are gone.
func mustBeEmpty(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) > 0 {
		t.Errorf("%s still holds %v", dir, entries)
	}
}

func TestReplyInTheBuiltInEditorSavesADraft(t *testing.T) {
	db := openDB(t)
	seedThree(t, db)
	liisa := caseOf(t, db, "Tarkastuspyyntö")
	box := &postbox{}
	d, _, _ := replyDriver(t, db, Options{}, box, false, "")
	d.openCase("Liisa Laine")

	d.press("r")
	d.mustShow("Reply · "+liisa.Tag, "> Acknowledgement (states the due date) · suggested", "Refusal with reasons")
	d.mustRead("To Liisa Laine <liisa@example.fi>, in Finnish")
	checkFits(t, d.view(), 80, 24)

	d.press("enter")
	subject := "Re: Tarkastuspyyntö [" + liisa.Tag + "]"
	d.mustShow("Letter · "+liisa.Tag+" · Acknowledgement", "to liisa@example.fi", "Subject: "+subject, "Hyvä Liisa Laine,",
		"ctrl+s done · esc drop · f1 keys")
	checkFits(t, d.view(), 80, 24)
	checkNoEscape(t, ansiStripSGR(d.view()))

	// f1: the editor's keys, scrolled to the end.
	d.press("f1")
	d.mustShow("Keys: the letter (any other key types)", "ctrl+s", "done: show the letter")
	checkFits(t, d.view(), 80, 24)
	d.press("G")
	d.mustShow("ctrl+c", "quit at once", "Emptying the body drops the letter.")
	d.press("esc")

	// Type a line at the top of the body; ctrl+s shows the letter.
	d.press("down", "down")
	d.typeText("Kiitos viestistäsi. ")
	d.mustShow("Kiitos viestistäsi. Hyvä Liisa Laine,")
	d.press("ctrl+s")
	d.mustShow("The letter · "+liisa.Tag, "> Save it as a draft in the mailbox's Drafts folder", "Edit it again",
		"Drop it: nothing is saved or sent")
	d.mustRead("To: Liisa Laine <liisa@example.fi>", "Subject: "+subject, "Kiitos viestistäsi. Hyvä Liisa Laine,")
	d.mustNotShow("Send it now", "Attached:")
	checkFits(t, d.view(), 80, 24)
	if len(box.drafts) > 0 {
		t.Fatal("saved before it was chosen")
	}

	d.press("enter")
	d.mustShow("Saved in Drafts (Message-ID <dsr.draft@sesoma.fi>)")
	if len(box.drafts) != 1 || len(box.sent) != 0 {
		t.Fatalf("%d drafts, %d sent; want 1 draft", len(box.drafts), len(box.sent))
	}
	l := box.drafts[0]
	if l.Kind != register.LetterAcknowledgement || l.Subject != subject || l.To.Email != "liisa@example.fi" || l.Lang != "fi" {
		t.Errorf("the draft: kind %q, subject %q, to %q, language %q", l.Kind, l.Subject, l.To.Email, l.Lang)
	}
	if !strings.HasPrefix(l.Body, "Kiitos viestistäsi. Hyvä Liisa Laine,\n") || !strings.HasSuffix(l.Body, "\n") ||
		!strings.Contains(l.Body, liisa.Tag) {
		t.Errorf("the draft's body:\n%s", l.Body)
	}
	first := liisa.Messages[0].MessageID
	if l.InReplyTo != first || !slices.Equal(l.References, []string{first}) {
		t.Errorf("In-Reply-To %q, References %q; want %q", l.InReplyTo, l.References, first)
	}
}

func TestReplyInVisualSendsWhenConfigured(t *testing.T) {
	db := openDB(t)
	seedThree(t, db)
	liisa := caseOf(t, db, "Tarkastuspyyntö")
	box := &postbox{}
	editor := script(t, `sed -i -e '1s/$/ (muokattu)/' "$f"
printf 'PS. Muokattu \033[2J editorissa.\n' >> "$f"`)
	d, runtime, runs := replyDriver(t, db, Options{}, box, true, editor)
	d.openCase("Liisa Laine")
	d.press("r", "enter")

	if len(*runs) != 1 {
		t.Fatalf("the editor ran %d times", len(*runs))
	}
	run := (*runs)[0]
	if run.fileMode != 0o600 || run.dirMode != 0o700 {
		t.Errorf("the letter's file was %o in a folder %o; want 600 in 700", run.fileMode, run.dirMode)
	}
	if !strings.HasPrefix(run.path, runtime+string(filepath.Separator)) || filepath.Base(run.path) != liisa.Tag+".txt" {
		t.Errorf("the letter's file was %s; want %s.txt in a folder under %s", run.path, liisa.Tag, runtime)
	}
	if _, err := os.Stat(filepath.Dir(run.path)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the letter's folder is still there: %v", err)
	}
	mustBeEmpty(t, runtime)

	subject := "Re: Tarkastuspyyntö [" + liisa.Tag + "] (muokattu)"
	d.mustShow("> Save it as a draft", "Send it now to liisa@example.fi (asks)")
	d.mustRead("Subject: "+subject, "Hyvä Liisa Laine,", "… and")
	checkNoEscape(t, ansiStripSGR(d.view()))
	d.menuTo("Send it now")
	d.press("enter")
	d.mustRead("Send the letter to liisa@example.fi now? It cannot be taken back. (y/n)")
	d.press("n") // no: the letter is still there
	d.mustShow("> Send it now")
	d.press("enter", "y")
	d.mustShow("Sent (Message-ID <dsr.sent@sesoma.fi>)")
	if len(box.sent) != 1 || len(box.drafts) != 0 {
		t.Fatalf("%d sent, %d drafts; want 1 sent", len(box.sent), len(box.drafts))
	}
	l := box.sent[0]
	if l.Subject != subject || !strings.HasSuffix(l.Body, "PS. Muokattu \x1b[2J editorissa.\n") ||
		!strings.HasPrefix(l.Body, "Hyvä Liisa Laine,") || l.InReplyTo != liisa.Messages[0].MessageID {
		t.Errorf("sent: subject %q, In-Reply-To %q, body:\n%s", l.Subject, l.InReplyTo, l.Body)
	}
}

func TestReplyDroppedOrFailing(t *testing.T) {
	db := openDB(t)
	seedThree(t, db)
	box := &postbox{}

	// The built-in editor: esc drops an unchanged letter at once, a
	// changed one after a yes.
	d, _, _ := replyDriver(t, db, Options{}, box, false, "")
	d.openCase("Liisa Laine")
	d.press("r", "enter", "esc")
	d.mustShow("Letter dropped: nothing saved or sent.")
	d.press("r", "enter", "x", "esc")
	d.mustShow("Drop the letter and your changes? Nothing is saved or sent. (y/n)")
	d.press("n")
	d.mustShow("xSubject: Re:")
	d.press("esc", "y")
	d.mustShow("Letter dropped: nothing saved or sent.")
	d.mustNotShow("Subject: Re:")

	// The review: esc and "Drop it" ask first; no keeps the letter.
	d.press("r", "enter", "ctrl+s")
	d.mustShow("> Save it as a draft")
	d.press("esc")
	d.mustShow("Drop the letter? Nothing is saved or sent. (y/n)")
	d.press("n")
	d.mustShow("> Save it as a draft")
	d.menuTo("Drop it")
	d.press("enter", "y")
	d.mustShow("Letter dropped: nothing saved or sent.")

	// Without its Subject: line the letter keeps the composed subject;
	// Edit it again returns to the editor with the edits.
	d.press("r", "enter", "z", "ctrl+s")
	d.mustRead("No Subject: line on top: the composed subject is kept.", "Subject: Re: Tarkastuspyyntö", "zSubject: Re:")
	d.menuTo("Edit it again")
	d.press("enter")
	d.mustShow("Letter · ", "zSubject: Re:")
	if lines := strings.Split(d.text(), "\n"); !strings.HasPrefix(lines[1], "Subject: Re: Tarkastuspyyntö") {
		t.Errorf("editing again, the first line is %q", lines[1])
	}
	d.press("ctrl+s")
	d.mustNotShow("No Subject: line")
	d.press("esc", "y")

	// An emptied body drops the letter.
	d.press("r", "enter", "down", "down", "ctrl+g", "delete", "ctrl+s")
	d.mustShow("The letter's body was emptied: nothing saved or sent.")

	// A failing save is shown in full.
	box.err = errors.New(`save the draft: append the message (1234 bytes) to folder "Drafts": NO [OVERQUOTA] Quota exceeded: remove messages and try again`)
	d.press("r", "enter", "ctrl+s", "enter")
	d.mustRead("Not saved in Drafts: save the draft: append the message (1234 bytes) to folder \"Drafts\": NO [OVERQUOTA] Quota exceeded: remove messages and try again")
	checkFits(t, d.view(), 80, 24)
	if len(box.drafts) != 1 || len(box.sent) != 0 {
		t.Fatalf("%d drafts tried, %d sent; want the one that failed", len(box.drafts), len(box.sent))
	}
	box.err = nil

	// An editor that fails drops the letter; an emptied file too. Its
	// folder is removed either way.
	d, runtime, runs := replyDriver(t, db, Options{}, box, false, "false")
	d.openCase("Liisa Laine")
	d.press("r", "enter")
	d.mustRead("Letter dropped, nothing saved or sent: the editor ended with an error: exit status 1.")
	mustBeEmpty(t, runtime)
	d, runtime, runs = replyDriver(t, db, Options{}, box, false, script(t, `printf 'Subject: Re: tyhjä\n\n\n' > "$f"`))
	d.openCase("Liisa Laine")
	d.press("r", "enter")
	d.mustShow("The letter's body was emptied: nothing saved or sent.")
	mustBeEmpty(t, runtime)
	if len(*runs) != 1 || len(box.drafts) != 1 {
		t.Fatalf("%d editor runs, %d drafts", len(*runs), len(box.drafts))
	}
}

func TestReplyRefusalAsksForItsReasons(t *testing.T) {
	db := openDB(t)
	seedThree(t, db)
	liisa := caseOf(t, db, "Tarkastuspyyntö")
	box := &postbox{}
	d, _, _ := replyDriver(t, db, Options{}, box, false, "")
	d.openCase("Liisa Laine")

	// A letter whose facts are missing is refused in the menu.
	d.press("r")
	d.menuTo("Answer: erasure done")
	d.press("enter")
	d.mustRead("Not written: case " + liisa.Tag + ": erasure letter: no erasure was carried out on the case: carry it out first")
	d.mustShow("> Answer: erasure done")
	checkFits(t, d.view(), 80, 24)

	// A refusal: the case has no reasons, so they are asked for.
	d.menuTo("Refusal with reasons")
	d.press("enter")
	d.mustShow("Refusal with reasons · "+liisa.Tag, "The reasons (Art. 12(4)):")
	checkFits(t, d.view(), 80, 24)
	d.press("enter")
	d.mustShow("A refusal needs its reasons: write them, or esc.")
	d.press("esc") // back to the menu
	d.mustShow("> Refusal with reasons")
	d.press("enter")
	d.typeText("Pyyntö on ilmeisen perusteeton.")
	d.press("enter")
	d.mustShow("Letter · "+liisa.Tag, "Pyyntö on ilmeisen perusteeton.", "Tietosuojavaltuutetun toimisto")
	d.press("ctrl+s", "enter")
	d.mustShow("Saved in Drafts")
	if len(box.drafts) != 1 || box.drafts[0].Kind != register.LetterRefusal ||
		!strings.Contains(box.drafts[0].Body, "\nPyyntö on ilmeisen perusteeton.\n") {
		t.Fatalf("drafts: %+v", box.drafts)
	}
}

func TestReplyWithTheAccessReportAttached(t *testing.T) {
	db := openDB(t)
	seedActs(t, db)
	dir := filepath.Join(t.TempDir(), "exports")
	box := &postbox{}
	d, _, _ := replyDriver(t, db, Options{ExportDir: dir}, box, false, "")
	d.openCase("Olli Ojala")
	d.choose("Access report")
	d.press("y")
	d.mustShow("Access report (fi) written")

	d.press("r")
	d.mustShow("> Answer: access report attached · suggested")
	d.press("enter", "ctrl+s")
	d.mustRead("Attached: ")
	d.press("enter")
	d.mustShow("Saved in Drafts")
	if len(box.drafts) != 1 || box.drafts[0].Kind != register.LetterAccess || len(box.drafts[0].Attachments) == 0 {
		t.Fatalf("drafts: %+v", box.drafts)
	}
	names := make([]string, len(box.drafts[0].Attachments))
	for i, a := range box.drafts[0].Attachments {
		if !strings.HasPrefix(a, dir) {
			t.Errorf("attachment %s is not under %s", a, dir)
		}
		names[i] = filepath.Base(a)
	}
	d.press("r", "enter", "ctrl+s")
	d.mustRead("Attached: " + strings.Join(names, ", "))
}

func TestReplyNeedsAMailbox(t *testing.T) {
	db := openDB(t)
	seedThree(t, db)
	d := newDriver(t, db, Options{})
	d.openCase("Liisa Laine")
	d.press("r")
	d.mustShow("Replies are not set up here: there is no mailbox to save a draft in.")
	d.mustNotShow("Reply · ")
}

func TestExtensionDraftsItsNotice(t *testing.T) {
	db := openDB(t)
	seedThree(t, db)
	liisa := caseOf(t, db, "Tarkastuspyyntö")
	box := &postbox{}
	d, _, _ := replyDriver(t, db, Options{}, box, false, "")
	d.openCase("Liisa Laine")

	// After the extension the notice opens for editing.
	d.press("E", "enter", "y")
	d.mustShow("Letter · " + liisa.Tag + " · Extension notice with its reasons")
	d.press("ctrl+s", "enter")
	d.mustShow("Saved in Drafts")
	d.mustShow("Extension notice: not yet sent") // a draft is not a sent notice

	// And from the notice's menu.
	d.press("E")
	d.menuTo("Draft the extension notice")
	d.press("enter")
	d.mustShow("Letter · " + liisa.Tag)
	d.press("ctrl+s", "enter")
	if len(box.drafts) != 2 || box.drafts[0].Kind != register.LetterExtension || box.drafts[1].Kind != register.LetterExtension {
		t.Fatalf("drafts: %+v", box.drafts)
	}
	if !strings.Contains(box.drafts[0].Body, liisa.Tag) || !strings.Contains(box.drafts[0].Body, "5.2.2027") {
		t.Errorf("the notice:\n%s", box.drafts[0].Body)
	}
}

// ansiStripSGR removes the screen's own styling, leaving what else the
// view holds.
func ansiStripSGR(s string) string { return sgr.ReplaceAllString(s, "") }

func TestReplyFitsSmallScreens(t *testing.T) {
	db := openDB(t)
	seedThree(t, db)
	box := &postbox{}
	d, _, _ := replyDriver(t, db, Options{}, box, true, "")
	d.openCase("Liisa Laine")
	d.send(tea.WindowSizeMsg{Width: 60, Height: 16})
	d.press("r")
	d.mustShow("> Acknowledgement")
	checkFits(t, d.view(), 60, 16)
	d.press("enter")
	d.mustShow("Subject: Re: Tarkastuspyyntö")
	checkFits(t, d.view(), 60, 16)
	d.press("f1")
	checkFits(t, d.view(), 60, 16)
	d.press("esc", "ctrl+s")
	d.mustShow("> Save it as a draft", "Drop it")
	d.mustRead("more lines")
	checkFits(t, d.view(), 60, 16)
	d.send(tea.WindowSizeMsg{Width: 100, Height: 40})
	checkFits(t, d.view(), 100, 40)
	d.press("esc")
	d.mustShow("Drop the letter? Nothing is saved or sent. (y/n)")
	checkFits(t, d.view(), 100, 40)
}
