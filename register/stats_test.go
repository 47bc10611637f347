package register

import (
	"context"
	"reflect"
	"testing"
	"time"
)

// TestReport checks the accountability report on six cases whose figures
// are worked out by hand below.
func TestReport(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	h := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 10, 0, 0, 0, Helsinki) }
	open := func(uid uint32, at time.Time, kinds ...string) Case {
		c := caseReceived(t, db, uid, at)
		if err := db.SetKinds(ctx, c.ID, c.Version, kinds); err != nil {
			t.Fatal(err)
		}
		return fresh(t, db, c.ID)
	}
	// A, 5 March: answered 20 March, in the month, 15 days.
	a := open(1, h(2026, 3, 5), "access")
	db.RecordAnswer(ctx, a.ID, h(2026, 3, 20))
	// B, 10 March (due 10 April): extended, answered 1 May, 52 days.
	b := open(2, h(2026, 3, 10), "access", "erasure")
	if err := db.Extend(ctx, b.ID, b.Version, ExtensionReasons[0], h(2026, 3, 20)); err != nil {
		t.Fatal(err)
	}
	b = fresh(t, db, b.ID)
	db.RecordExtensionNotice(ctx, b.ID, b.Version, h(2026, 3, 21))
	db.RecordAnswer(ctx, b.ID, h(2026, 5, 1))
	// C, 31 March: never answered, open: late now.
	open(3, h(2026, 3, 31), "objection")
	// D, 2 April: not a request: not counted.
	d := open(4, h(2026, 4, 2), "access")
	if err := db.CloseCase(ctx, d.ID, d.Version, OutcomeNotRequest, "", h(2026, 4, 3)); err != nil {
		t.Fatal(err)
	}
	// E, 15 April (due 15 May): answered 20 May, late, 35 days; closed.
	e := open(5, h(2026, 4, 15), "rectification")
	db.RecordAnswer(ctx, e.ID, h(2026, 5, 20))
	e = fresh(t, db, e.ID)
	if err := db.CloseCase(ctx, e.ID, e.Version, OutcomeFulfilled, "", h(2026, 5, 21)); err != nil {
		t.Fatal(err)
	}
	// F, 20 November: open, not yet due.
	open(6, h(2026, 11, 20), "access")

	fig, err := db.Report(ctx, Date{}, Date{}, MakeDate(2026, 11, 24))
	if err != nil {
		t.Fatal(err)
	}
	want := Figures{
		Months: []MonthFigures{
			{Month: "2026-03", Received: 3, Kinds: map[string]int{"access": 2, "erasure": 1, "objection": 1},
				InMonth: 1, InExtension: 1, Late: 1, MedianDays: 33.5},
			{Month: "2026-04", Received: 1, Kinds: map[string]int{"rectification": 1}, Late: 1, MedianDays: 35},
			{Month: "2026-11", Received: 1, Kinds: map[string]int{"access": 1}, Unanswered: 1},
		},
		OpenNow: 4, Overdue: 1, // A and B are answered but not yet closed
	}
	if !reflect.DeepEqual(fig, want) {
		t.Errorf("report\n%+v\nwant\n%+v", fig, want)
	}
	// A range: April only.
	fig, _ = db.Report(ctx, MakeDate(2026, 4, 1), MakeDate(2026, 4, 30), MakeDate(2026, 11, 24))
	if len(fig.Months) != 1 || fig.Months[0].Month != "2026-04" || fig.OpenNow != 4 {
		t.Errorf("April: %+v", fig)
	}
}

// TestReportWithdrawnAndRefused: a withdrawn request is no unanswered one;
// a refusal is late after one month even when the case was extended.
func TestReportWithdrawnAndRefused(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	h := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 10, 0, 0, 0, Helsinki) }
	w := caseReceived(t, db, 1, h(2026, 3, 5))
	if err := db.CloseCase(ctx, w.ID, w.Version, OutcomeWithdrawn, "", h(2026, 3, 10)); err != nil {
		t.Fatal(err)
	}
	r := caseReceived(t, db, 2, h(2026, 3, 6))
	if err := db.Extend(ctx, r.ID, r.Version, ExtensionReasons[0], h(2026, 3, 7)); err != nil {
		t.Fatal(err)
	}
	r = fresh(t, db, r.ID)
	if err := db.CloseCase(ctx, r.ID, r.Version, OutcomeRefused, "Art. 15(4)", h(2026, 4, 20)); err != nil {
		t.Fatal(err)
	}
	if r = fresh(t, db, r.ID); !r.Late {
		t.Error("a refusal after the first month of an extended case is not late")
	}
	fig, _ := db.Report(ctx, Date{}, Date{}, MakeDate(2026, 11, 24))
	if m := fig.Months[0]; m.Received != 2 || m.Withdrawn != 1 || m.Late != 1 || m.Unanswered != 0 {
		t.Errorf("March: %+v", m)
	}
}
