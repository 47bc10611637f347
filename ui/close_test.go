package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"dsrdesk/register"
)

// seedSix stores six requests received in November, one for each outcome
// to close with, named after it.
func seedSix(t *testing.T, db *register.DB) {
	t.Helper()
	for i, o := range register.Outcomes {
		store(t, db, request(at(2026, 11, 1+i, 9, 0), "Close "+o, o+"@example.fi", "Pyyntö "+o, "Pyyntö."))
	}
}

// closeWith closes the open case with the menu's outcome label, typing
// reason when it needs one, and says yes.
func (d *driver) closeWith(label, reason string) {
	d.t.Helper()
	d.press("C")
	d.mustShow("Answer or close · ")
	d.menuTo("Close: " + label)
	d.press("enter")
	if reason != "" {
		d.mustShow("Close as " + label)
		d.typeText(reason)
		d.press("enter")
	}
	d.mustRead("as " + label + "?")
	d.press("y")
}

func TestCloseWithEveryOutcome(t *testing.T) {
	db := openDB(t)
	seedSix(t, db)
	d := newDriver(t, db, Options{})
	for _, o := range register.Outcomes {
		c := caseOf(t, db, "Pyyntö "+o)
		label := outcomeLabels[o]
		reason := ""
		if register.OutcomeNeedsReason(o) {
			reason = "Pyyntö koskee muiden tietoja"
		}
		d.openCase("Pyyntö " + o)
		d.closeWith(label, reason)
		d.mustShow(c.Tag+" closed: "+label, c.Tag+" · closed · "+label, "Closed      2026-11-10 · "+label)
		if reason != "" {
			d.mustShow("Reasons     " + reason)
		}
		d.mustNotShow("late")
		checkFits(t, d.view(), 80, 24)
		got := caseOf(t, db, c.Subject)
		if got.Status != register.StatusClosed || got.Outcome != o || got.OutcomeReason != reason || got.Late ||
			register.ReceiptDate(got.ClosedAt) != register.Today(testNow) {
			t.Errorf("%s: status %s, outcome %q, reason %q, late %v, closed %v", o, got.Status, got.Outcome,
				got.OutcomeReason, got.Late, got.ClosedAt)
		}
		d.press("esc")
		d.mustNotShow("Pyyntö " + o) // closed: off the open list
	}
	d.mustShow("No open cases.")

	// a: every case, closed too, each with its outcome.
	d.press("a")
	d.mustShow("dsrdesk · all cases · demo mailbox")
	for i, o := range register.Outcomes {
		row := d.row(fmt.Sprintf("2026-11-%02d", i+1))
		if !strings.Contains(row, " closed ") || !strings.HasSuffix(strings.TrimSpace(row), outcomeCell(o)) {
			t.Errorf("row of the case closed %s: %q", o, row)
		}
	}
	checkFits(t, d.view(), 80, 24)
	d.press("a")
	d.mustShow("No open cases.")
	d.mustNotShow("all cases")
}

func TestRefusalNeedsItsReasons(t *testing.T) {
	db := openDB(t)
	seedSix(t, db)
	d := newDriver(t, db, Options{})
	for _, o := range []string{register.OutcomeRefused, register.OutcomePartlyRefused, register.OutcomeUnfounded} {
		d.openCase("Pyyntö " + o)
		d.press("C")
		d.menuTo("Close: " + outcomeLabels[o] + ", with the reasons")
		d.press("enter")
		checkFits(t, d.view(), 80, 24)
		d.press("enter")
		d.mustRead("The reasons are required: a refusal without them is refused.")
		d.press("space", "space", "enter")
		d.mustRead("The reasons are required")
		d.mustNotShow("(y/n)")
		d.press("esc")
		d.mustShow("> Close: " + outcomeLabels[o])
		d.press("esc", "esc")
		if c := caseOf(t, db, "Pyyntö "+o); c.Status != register.StatusOpen {
			t.Fatalf("%s closed without reasons", o)
		}
	}
	d.openCase("Pyyntö " + register.OutcomeUnfounded)
	d.press("C")
	d.menuTo("Close: manifestly unfounded")
	d.press("enter")
	d.mustRead("The controller must show it is manifestly unfounded or excessive (Art. 12(5)).", "Why it is:")

	// No: nothing changes.
	d.typeText("Sama pyyntö kymmenettä kertaa")
	d.press("enter")
	d.mustRead("Close " + caseOf(t, db, "Pyyntö "+register.OutcomeUnfounded).Tag + " as manifestly unfounded or excessive? " +
		"Reasons: Sama pyyntö kymmenettä kertaa. (y/n)")
	d.press("n")
	if c := caseOf(t, db, "Pyyntö "+register.OutcomeUnfounded); c.Status != register.StatusOpen {
		t.Fatal("closed after no")
	}
}

func TestCloseLateAndReopen(t *testing.T) {
	db := openDB(t)
	seedThree(t, db) // Matti: due 1 Oct, overdue
	matti := caseOf(t, db, "Poistakaa tietoni")
	d := newDriver(t, db, Options{})
	d.openCase("Matti")
	d.press("C")
	d.mustRead("No answer is recorded: closing counts as the answer, today. It is past its deadline: " +
		"the case will be marked late, unless withdrawn or not a request.")
	checkFits(t, d.view(), 80, 24)
	d.press("esc")
	d.closeWith("refused", "Tiedot on säilytettävä kirjanpitolain vuoksi")
	d.mustShow(matti.Tag+" · closed · refused · late", "Closed      2026-11-10 · refused · late",
		"Reasons     Tiedot on säilytettävä kirjanpitolain vuoksi", "Due         2026-10-01")
	d.mustNotShow("40 d late")
	if c := caseOf(t, db, matti.Subject); !c.Late || c.Outcome != register.OutcomeRefused {
		t.Fatalf("late %v, outcome %q", c.Late, c.Outcome)
	}
	d.press("E")
	d.mustShow("The case is closed: C reopens it.")

	// C on a closed case reopens it, after why.
	d.press("C")
	d.mustShow("Reopen · "+matti.Tag, "Why reopen it? (kept in the audit trail)")
	d.mustRead("Closed 2026-11-10 as refused. Reopened, its outcome is cleared; a late mark stays.")
	checkFits(t, d.view(), 80, 24)
	d.press("enter")
	d.mustRead("Write why, or esc.")
	d.typeText("Uusi selvitys saapui")
	d.press("enter")
	d.mustShow(matti.Tag+" reopened", matti.Tag+" · open · late",
		"Late        marked late: closed after its deadline before it was reopened")
	c := caseOf(t, db, matti.Subject)
	if c.Status != register.StatusOpen || c.Outcome != "" || c.OutcomeReason != "" || !c.Late {
		t.Fatalf("reopened: status %s, outcome %q, reason %q, late %v", c.Status, c.Outcome, c.OutcomeReason, c.Late)
	}
	if a := auditOf(t, db, matti.ID); !slices.Contains(a, "case reopened: was refused; Uusi selvitys saapui") {
		t.Errorf("the audit trail lacks the reopening: %q", a)
	}
	d.press("esc")
	if lead := d.leadOf("Matti"); lead[2] != '!' {
		t.Errorf("the reopened late case is not marked: %q", d.row("Matti"))
	}
}

func TestHostileOutcomeReasonFromTheDatabase(t *testing.T) {
	db := openDB(t)
	seedThree(t, db)
	matti := caseOf(t, db, "Poistakaa tietoni")
	if err := db.CloseCase(context.Background(), matti.ID, matti.Version, register.OutcomeRefused,
		"syy\x1b[2J\x1b]8;;http://evil\x07linkki\u202e\x9b31m", testNow); err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, db, Options{})
	d.press("a")
	d.openCase("Matti")
	d.mustShow("Reasons     syy")
	checkNoEscape(t, d.view())
	d.press("C")
	checkNoEscape(t, d.view())
	checkFits(t, d.view(), 80, 24)
}

func TestAnswerSentByOtherMeans(t *testing.T) {
	db := openDB(t)
	seedThree(t, db)
	liisa, matti := caseOf(t, db, "Tarkastuspyyntö"), caseOf(t, db, "Poistakaa tietoni")
	d := newDriver(t, db, Options{})

	d.openCase("Liisa Laine")
	d.press("C")
	d.mustShow("> Answer sent by other means (letter, secure mail): record it")
	d.press("enter")
	d.mustRead("Record that the answer to " + liisa.Tag + " was sent today, 2026-11-10, by other means? (y/n)")
	d.press("y")
	d.mustShow("Answer recorded as sent 2026-11-10", liisa.Tag+" · open · answered",
		"Answered    2026-11-10 · C closes the case", "Due         2026-12-07")
	d.mustNotShow("27 d left", "late")
	if c := caseOf(t, db, liisa.Subject); register.ReceiptDate(c.AnsweredAt) != register.Today(testNow) || c.Late {
		t.Fatalf("answered %v, late %v", c.AnsweredAt, c.Late)
	}
	d.press("C")
	d.mustRead("Answered 2026-11-10.")
	d.press("enter")
	d.mustRead("The answer was recorded as sent on 2026-11-10.")
	d.press("esc", "esc")
	if row := d.row("Liisa Laine"); !strings.Contains(row, " answered ") || d.leadOf("Liisa Laine")[2] != ' ' {
		t.Errorf("the answered case's row: %q", row)
	}

	// Answered after the deadline: late, and it stays so when closed.
	d.openCase("Matti")
	d.press("C", "enter")
	d.mustRead("It is past its deadline: the case is marked late. (y/n)")
	d.press("y")
	d.mustShow("Answer recorded as sent 2026-11-10, late", "Answered    2026-11-10 · late · C closes the case")
	d.closeWith("fulfilled", "")
	d.mustShow(matti.Tag+" · closed · fulfilled · late", "Answered    2026-11-10 · late", "Closed      2026-11-10 · fulfilled")
	if c := caseOf(t, db, matti.Subject); !c.Late || c.Outcome != register.OutcomeFulfilled {
		t.Fatalf("late %v, outcome %q", c.Late, c.Outcome)
	}
}

func TestAnswerWaitsForTheExtensionNotice(t *testing.T) {
	db := openDB(t)
	seedThree(t, db)
	liisa := caseOf(t, db, "Tarkastuspyyntö")
	if err := db.Extend(context.Background(), liisa.ID, liisa.Version, register.ExtensionReasons[1], testNow.Add(-1e9)); err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, db, Options{})
	d.openCase("Liisa Laine")
	d.press("C", "enter")
	d.mustRead("The extension notice is not recorded yet, and what is sent in the first month counts as it. " +
		"Esc, then E records the notice; then record the answer here.")
	d.mustNotShow("(y/n)")
	d.press("esc", "E", "enter")
	d.mustShow("Extension notice recorded as sent 2026-11-10")
	d.press("C", "enter", "y")
	d.mustShow("Answer recorded as sent 2026-11-10")
	if c := caseOf(t, db, liisa.Subject); c.AnsweredAt.IsZero() || c.ExtensionNotifiedAt.IsZero() {
		t.Fatalf("answered %v, notice %v", c.AnsweredAt, c.ExtensionNotifiedAt)
	}
}

func TestListMarks(t *testing.T) {
	db := openDB(t)
	seedThree(t, db)
	ctx := context.Background()
	liisa, anna, matti := caseOf(t, db, "Tarkastuspyyntö"), caseOf(t, db, "Begäran om registerutdrag"), caseOf(t, db, "Poistakaa tietoni")
	if err := db.Extend(ctx, liisa.ID, liisa.Version, register.ExtensionReasons[0], testNow); err != nil {
		t.Fatal(err)
	}
	if err := db.RecordAnswer(ctx, anna.ID, testNow); err != nil {
		t.Fatal(err)
	}
	if err := db.CloseCase(ctx, matti.ID, matti.Version, register.OutcomeRefused, "Ei tietoja", testNow); err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, db, Options{})
	for _, c := range []struct{ who, lead, due, status string }{
		{"Liisa Laine", "      ", "87 d", "notice due"},
		{"anna@example", "      ", "answered", "open"},
	} {
		row := d.row(c.who)
		if lead := d.leadOf(c.who); lead[1:] != c.lead[1:] {
			t.Errorf("row of %s: marks %q, want %q: %q", c.who, lead, c.lead, row)
		}
		if !strings.Contains(row, " "+c.due) || !strings.HasSuffix(strings.TrimSpace(row), c.status) {
			t.Errorf("row of %s: want due %q and status %q: %q", c.who, c.due, c.status, row)
		}
	}
	d.mustNotShow("Matti")
	d.press("a")
	if row := d.row("Matti"); d.leadOf("Matti")[2] != '!' || !strings.Contains(row, " closed ") || !strings.HasSuffix(strings.TrimSpace(row), "refused") {
		t.Errorf("the closed late case's row: %q", row)
	}
	checkFits(t, d.view(), 80, 24)

	d.press("?")
	text := strings.Join(strings.Fields(d.text()), " ")
	for _, want := range []string{"! overdue, or answered or closed late",
		"notice due: tell of the extension by the first deadline",
		"DUE answered: answer sent, close it", "a show all cases, closed too", "M the monthly report"} {
		if !strings.Contains(text, want) {
			t.Errorf("the list's help lacks %q:\n%s", want, d.text())
		}
	}
	checkFits(t, d.view(), 80, 24)
}

func TestHelpOfTheCaseEnd(t *testing.T) {
	db := openDB(t)
	seedThree(t, db)
	d := newDriver(t, db, Options{})
	d.openCase("Liisa Laine")
	d.press("?")
	for _, b := range d.m.sh.keys.Detail.Bindings() {
		d.mustShow(b.Help().Key, b.Help().Desc)
	}
	d.mustShow("E  ", "extend the deadline by two months; record the notice sent",
		"C  ", "record the answer sent; close with an outcome; reopen")
	checkFits(t, d.view(), 80, 24)
	d.press("esc", "C", "?")
	d.mustShow("Keys: the end of the case")
	checkFits(t, d.view(), 80, 24)
	d.press("esc")
	d.menuTo("Close: refused")
	d.press("enter", "f1")
	d.mustShow("Keys: the reasons (any other key types)")
	checkFits(t, d.view(), 80, 24)
}
