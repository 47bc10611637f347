package ui

import (
	"context"
	"strings"
	"testing"

	"dsrdesk/register"
)

// seedReport stores seedThree's requests and one of June 2025, then, as of
// testNow (10 Nov 2026): Matti's (due 1 Oct) closed as refused, late;
// Anna's (received 12 Oct) answered in its month, after 29 days; Liisa's
// (5 Nov) and the one of June 2025 left open, the latter overdue.
func seedReport(t *testing.T, db *register.DB) {
	t.Helper()
	seedThree(t, db)
	store(t, db, request(at(2025, 6, 2, 10, 0), "Vanha Pyytäjä", "vanha@example.fi", "Vanha pyyntö", "Tietoni, kiitos."))
	ctx := context.Background()
	matti, anna := caseOf(t, db, "Poistakaa tietoni"), caseOf(t, db, "Begäran om registerutdrag")
	if err := db.CloseCase(ctx, matti.ID, matti.Version, register.OutcomeRefused, "Ei tietoja", testNow); err != nil {
		t.Fatal(err)
	}
	if err := db.RecordAnswer(ctx, anna.ID, testNow); err != nil {
		t.Fatal(err)
	}
}

// reportRowOf returns the screen's line of month, its cells one space
// apart.
func (d *driver) reportRowOf(month string) string {
	d.t.Helper()
	return strings.Join(strings.Fields(d.row(month+" ")), " ")
}

func TestReportScreen(t *testing.T) {
	db := openDB(t)
	seedReport(t, db)
	today := register.Today(testNow)
	fig, err := db.Report(context.Background(), register.MakeDate(2025, 12, 1), register.Date{}, today)
	if err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, db, Options{})
	d.press("M")
	d.mustShow("Accountability report · the last 12 months", "Now: 3 open, of them 1 overdue and unanswered")
	if got := d.reportRowOf("MONTH"); got != "MONTH RECEIVED A R E S P O IN MONTH IN EXTENSION LATE UNANSWERED MEDIAN DAYS" {
		t.Errorf("the table's header: %q", got)
	}
	checkFits(t, d.view(), 80, 24)

	// By hand: MONTH RECEIVED A R E S P O IN-MONTH IN-EXTENSION LATE
	// UNANSWERED MEDIAN-DAYS.
	want := map[string]string{
		"2026-09": "2026-09 1 0 0 0 0 0 0 0 0 1 0 70", // Matti: closed late on 10 Nov, day 70
		"2026-10": "2026-10 1 0 0 0 0 0 0 1 0 0 0 29", // Anna: answered on day 29
		"2026-11": "2026-11 1 0 0 0 0 0 0 0 0 0 1 0",  // Liisa: open, not due yet
	}
	for month, row := range want {
		if got := d.reportRowOf(month); got != row {
			t.Errorf("month %s: %q, want %q", month, got, row)
		}
	}
	// And as the register counts them.
	if len(fig.Months) != len(want) {
		t.Fatalf("the register reports %d months, the test expects %d", len(fig.Months), len(want))
	}
	for _, r := range reportRows(fig)[1:] {
		if got := d.reportRowOf(r[0]); got != strings.Join(r, " ") {
			t.Errorf("the screen shows %q, the register %q", got, strings.Join(r, " "))
		}
	}
	d.mustNotShow("2025-06")

	// a: every month.
	d.press("a")
	d.mustShow("Accountability report · every month")
	if got := d.reportRowOf("2025-06"); got != "2025-06 1 0 0 0 0 0 0 0 0 1 0 0" {
		t.Errorf("June 2025: %q", got)
	}
	d.press("G")
	d.mustShow("purged cases still are.")
	checkFits(t, d.view(), 80, 24)

	d.press("?")
	for _, b := range d.m.sh.keys.Report.Bindings() {
		d.mustShow(b.Help().Key, b.Help().Desc)
	}
	d.mustShow("Keys: accountability report")
	checkFits(t, d.view(), 80, 24)
	d.press("esc", "esc")
	d.mustShow("3 open", "DUE")
}

func TestReportScreenEmpty(t *testing.T) {
	db := openDB(t)
	d := newDriver(t, db, Options{})
	d.press("M")
	d.mustShow("Now: 0 open, of them 0 overdue and unanswered", "No requests were received in these months. a shows every month.")
	checkFits(t, d.view(), 80, 24)
}

func TestPurgeAtStart(t *testing.T) {
	db := openDB(t)
	seedThree(t, db)
	store(t, db, request(at(2020, 10, 1, 9, 0), "Vanha Pyytäjä", "vanha@example.fi", "Vanha pyyntö", "Poistakaa tietoni."))
	old := caseOf(t, db, "Vanha pyyntö")
	if err := db.CloseCase(context.Background(), old.ID, old.Version, register.OutcomeFulfilled, "", testNow.AddDate(-6, 0, 0)); err != nil {
		t.Fatal(err)
	}

	// Not configured: nothing is purged.
	d := newDriver(t, db, Options{})
	d.mustNotShow("Purged")
	if c, err := db.CaseByID(context.Background(), old.ID); err != nil || c.Purged {
		t.Fatalf("purged without retention configured: %v %v", c.Purged, err)
	}

	d = newDriver(t, db, Options{ClosedCaseYears: 5})
	d.mustShow("Purged 1 closed case: closed over 5 years ago; the figures are kept.")
	checkFits(t, d.view(), 80, 24)
	c, err := db.CaseByID(context.Background(), old.ID)
	if err != nil || !c.Purged || c.Requester.Email != "" || c.Subject != "" {
		t.Fatalf("after the purge: purged %v, requester %q, subject %q, %v", c.Purged, c.Requester.Email, c.Subject, err)
	}
	d.press("a")
	d.openCase("2020-10-01")
	d.mustShow("Purged      personal data removed after the retention period; figures kept")
	d.press("C")
	d.mustShow("Its personal data was purged: the case cannot be reopened.")

	// Once a day: the next reload the same day does not purge again; the
	// next start has nothing to purge and says nothing.
	d.m.status.note = ""
	d.send(reloadTickMsg{})
	d.mustNotShow("Purged 1")
	d = newDriver(t, db, Options{ClosedCaseYears: 5})
	d.mustNotShow("Purged")
}
