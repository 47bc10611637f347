package ui

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"dsrdesk/register"
)

// boxed returns the text inside the boxes on the screen, each line's
// between its frame's sides, and the status line, every run of white space
// made one space, so that text a box wrapped reads whole.
func (d *driver) boxed() string {
	lines := strings.Split(d.text(), "\n")
	parts := []string{lines[len(lines)-1]}
	for _, l := range lines {
		first, last := strings.Index(l, "│"), strings.LastIndex(l, "│")
		if first >= 0 && last > first {
			parts = append(parts, l[first+len("│"):last])
		}
	}
	return strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
}

// mustRead fails unless the boxes on the screen or the status line hold
// every one of want.
func (d *driver) mustRead(want ...string) {
	d.t.Helper()
	text := d.boxed()
	for _, w := range want {
		if !strings.Contains(text, w) {
			d.t.Fatalf("no box reads %q:\n%s", w, d.text())
		}
	}
}

// leadOf returns the marks of the list row that shows text: the cells
// before DUE.
func (d *driver) leadOf(text string) string {
	d.t.Helper()
	return string([]rune(d.row(text))[:colLead])
}

func TestExtendFromTheCase(t *testing.T) {
	db := openDB(t)
	seedThree(t, db) // Liisa: received 5 Nov, first deadline Mon 7 Dec
	liisa := caseOf(t, db, "Tarkastuspyyntö")
	d := newDriver(t, db, Options{})
	d.openCase("Liisa Laine")
	d.mustShow("If extended " + liisa.ExtendedDue.String() + ", 87 d left · E extends it")

	d.press("E")
	d.mustShow("Extend the deadline · "+liisa.Tag, "> the request is complex", "another reason…")
	d.mustRead("By two months, to " + liisa.ExtendedDue.String() + ". Why? The requester is told the reason by 2026-12-07.")
	checkFits(t, d.view(), 80, 24)
	d.press("enter")
	d.mustRead("Extend " + liisa.Tag + " to " + liisa.ExtendedDue.String() +
		" because the request is complex: much data, from several systems? Tell the requester by 2026-12-07. (y/n)")
	checkFits(t, d.view(), 80, 24)
	if c := caseOf(t, db, liisa.Subject); !c.ExtendedAt.IsZero() {
		t.Fatal("extended before the yes")
	}
	d.press("y")
	d.mustShow("Extended to " + liisa.ExtendedDue.String() + ": tell the requester by 2026-12-07 (E records it)")

	c := caseOf(t, db, liisa.Subject)
	if c.Due != liisa.ExtendedDue || c.ExtendedAt.IsZero() || c.ExtensionReason != register.ExtensionReasons[0] || !c.NeedsExtensionNotice() {
		t.Fatalf("after the extension: due %s (want %s), extended %v, reason %q, needs notice %v",
			c.Due, liisa.ExtendedDue, c.ExtendedAt, c.ExtensionReason, c.NeedsExtensionNotice())
	}
	d.mustShow("extended", "Due         "+liisa.ExtendedDue.String(),
		"Extended    2026-11-10: the request is complex",
		"            Extension notice: not yet sent — due by 2026-12-07 · E records it")
	d.mustNotShow("If extended")

	// The list flags it until the notice is recorded.
	d.press("esc")
	if row := d.row("Liisa Laine"); !strings.HasSuffix(strings.TrimSpace(row), " notice due") || !strings.Contains(row, " 87 d ") {
		t.Errorf("the list does not flag the notice: %q", row)
	}

	// E again: the notice's menu; drafting needs replies set up.
	d.openCase("Liisa Laine")
	d.press("E")
	d.mustShow("Extension notice · "+liisa.Tag, "> Sent by other means", "Draft the extension notice")
	d.mustRead("Extension notice: not yet sent — due by 2026-12-07")
	d.menuTo("Draft the extension notice")
	d.press("enter")
	d.mustRead("Replies are not set up here")
	d.press("k", "enter")
	d.mustShow("Extension notice recorded as sent 2026-11-10", "Extension notice sent 2026-11-10")
	d.mustNotShow("not yet sent")
	if c := caseOf(t, db, liisa.Subject); c.ExtensionNotifiedAt.IsZero() || c.NeedsExtensionNotice() {
		t.Fatalf("the notice is not recorded: %v", c.ExtensionNotifiedAt)
	}
	d.press("E")
	d.menuTo("Sent by other means")
	d.press("enter")
	d.mustRead("The notice was recorded as sent on 2026-11-10.")
	d.press("esc", "esc")
	if row := d.row("Liisa Laine"); !strings.HasSuffix(strings.TrimSpace(row), " extended") {
		t.Errorf("the list still flags the notice: %q", row)
	}
	if a := auditOf(t, db, liisa.ID); !slices.ContainsFunc(a, func(s string) bool { return strings.HasPrefix(s, "deadline extended") }) ||
		!slices.ContainsFunc(a, func(s string) bool { return strings.HasPrefix(s, "extension notice sent") }) {
		t.Errorf("the audit trail lacks the extension or its notice: %q", a)
	}
}

func TestExtendDraftsTheNoticeThroughTheSeam(t *testing.T) {
	db := openDB(t)
	seedThree(t, db)
	liisa := caseOf(t, db, "Tarkastuspyyntö")
	d := newDriver(t, db, Options{})
	type drafted struct{}
	var asked []int64
	d.m.draftNotice = func(id int64) tea.Cmd {
		asked = append(asked, id)
		return func() tea.Msg { return drafted{} }
	}
	d.openCase("Liisa Laine")
	d.press("E", "enter", "y")
	if !slices.Equal(asked, []int64{liisa.ID}) {
		t.Fatalf("the notice's drafter was asked for %v, want [%d]", asked, liisa.ID)
	}
	d.press("E")
	d.menuTo("Draft the extension notice")
	d.press("enter")
	if len(asked) != 2 {
		t.Fatalf("the menu's draft did not reach the drafter: %v", asked)
	}
}

func TestExtendRefusedAfterTheFirstMonth(t *testing.T) {
	db := openDB(t)
	seedThree(t, db) // Matti: received 1 Sep, first month ended 1 Oct
	d := newDriver(t, db, Options{})
	d.openCase("Matti")
	d.mustNotShow("E extends it")
	d.press("E")
	d.mustRead("Not extended: the first month ended on 2026-10-01. " +
		"The deadline can be extended only while the first month runs (Art. 12(3)).")
	d.mustNotShow("Extend the deadline")
	checkFits(t, d.view(), 80, 24)

	// Liisa's first month ends on 7 Dec: on the 7th it can still be
	// extended; a yes given on the 8th is refused by the register.
	now := time.Date(2026, 12, 7, 23, 0, 0, 0, register.Helsinki)
	d = newDriver(t, db, Options{Now: func() time.Time { return now }})
	d.openCase("Liisa Laine")
	d.press("E", "enter")
	d.mustRead("Tell the requester by 2026-12-07. (y/n)")
	now = now.Add(2 * time.Hour)
	d.press("y")
	d.mustRead("Not saved:", "the first month ended on 2026-12-07: "+register.ErrExtensionTooLate.Error())
	if c := caseOf(t, db, "Tarkastuspyyntö"); !c.ExtendedAt.IsZero() {
		t.Fatal("extended after the first month")
	}
	d.press("j") // the note is read
	d.press("E")
	d.mustRead("Not extended: the first month ended on 2026-12-07.")
}

func TestExtendForAnotherReason(t *testing.T) {
	db := openDB(t)
	seedThree(t, db) // Anna: received 12 Oct, first deadline 12 Nov
	anna := caseOf(t, db, "Begäran om registerutdrag")
	d := newDriver(t, db, Options{})
	d.openCase("anna@example.se")
	d.press("E")
	d.menuTo("another reason…")
	d.press("enter")
	d.mustShow("Extend the deadline · "+anna.Tag, "The reason (the requester is told it):")
	checkFits(t, d.view(), 80, 24)

	d.press("enter")
	d.mustShow("Write the reason, or esc for the list.")
	d.press("f1")
	d.mustShow("Keys: the reason to extend (any other key types)")
	d.press("esc")
	d.send(tea.PasteMsg{Content: "arkistot\x1b[2J ja \u202etoimittajat\x07"})
	d.press("enter")
	d.mustRead("because arkistot ja ⁇toimittajat␇? Tell the requester by 2026-11-12. (y/n)")
	checkNoEscape(t, d.view())
	d.press("y")
	c := caseOf(t, db, anna.Subject)
	if c.ExtendedAt.IsZero() || strings.ContainsAny(c.ExtensionReason, "\x1b\u202e\x07") {
		t.Fatalf("extended %v for %q", c.ExtendedAt, c.ExtensionReason)
	}
	d.mustShow("Extended    2026-11-10: arkistot ja ⁇toimittajat␇")

	// Esc in the field returns to the reasons, saving nothing.
	d2 := newDriver(t, db, Options{})
	d2.openCase("Liisa Laine")
	d2.press("E")
	d2.menuTo("another reason…")
	d2.press("enter", "x", "esc")
	d2.mustShow("> another reason…")
	d2.press("esc")
	d2.mustNotShow("Extend the deadline")
}

func TestHostileExtensionReasonFromTheDatabase(t *testing.T) {
	db := openDB(t)
	seedThree(t, db)
	liisa := caseOf(t, db, "Tarkastuspyyntö")
	if err := db.Extend(context.Background(), liisa.ID, liisa.Version, "syy\x1b]0;evil\x07\u202e \x9bjotain", testNow); err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, db, Options{})
	d.openCase("Liisa Laine")
	d.mustShow("Extended    2026-11-10: syy")
	checkNoEscape(t, d.view())
	d.press("E")
	d.mustShow("Extension notice · " + liisa.Tag)
	checkNoEscape(t, d.view())
	checkFits(t, d.view(), 80, 24)
}
