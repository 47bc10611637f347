package register

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// caseReceived opens a case received at the given time and returns it.
func caseReceived(t *testing.T, db *DB, uid uint32, at time.Time) Case {
	t.Helper()
	m := request(uid, at, "anna@example.fi")
	if _, err := db.StoreBatch(context.Background(), Batch{Mailbox: "INBOX", UIDValidity: 1, LastUID: uid, Messages: []Message{m}}); err != nil {
		t.Fatal(err)
	}
	cases, _ := db.Cases(context.Background(), CaseQuery{All: true})
	for _, c := range cases {
		if c.ReceivedAt.Equal(at) {
			return c
		}
	}
	t.Fatal("no case")
	return Case{}
}

func fresh(t *testing.T, db *DB, id int64) Case {
	t.Helper()
	d, err := db.CaseByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return d.Case
}

func TestExtension(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	received := time.Date(2026, 3, 5, 10, 0, 0, 0, Helsinki) // due 2026-04-07 (Easter Monday 6.4.)
	c := caseReceived(t, db, 1, received)
	if err := db.Extend(ctx, c.ID, c.Version, " ", received); err == nil {
		t.Error("an extension without a reason")
	}
	// After the first month: refused.
	if err := db.Extend(ctx, c.ID, c.Version, ExtensionReasons[0], time.Date(2026, 4, 8, 9, 0, 0, 0, Helsinki)); !errors.Is(err, ErrExtensionTooLate) {
		t.Errorf("after the first month: %v", err)
	}
	// On the last day of the first month: allowed.
	if err := db.Extend(ctx, c.ID, c.Version, ExtensionReasons[0], time.Date(2026, 4, 7, 16, 0, 0, 0, Helsinki)); err != nil {
		t.Fatal(err)
	}
	c = fresh(t, db, c.ID)
	if c.Due != ExtendedDue(received) || c.Due.String() != "2026-06-05" || !c.NeedsExtensionNotice() || c.ExtensionReason != ExtensionReasons[0] {
		t.Errorf("after the extension: due %s, notice needed %v, reason %q", c.Due, c.NeedsExtensionNotice(), c.ExtensionReason)
	}
	if err := db.Extend(ctx, c.ID, c.Version, "again", received); err == nil {
		t.Error("extended twice")
	}
	// The notice, recorded, is not the answer.
	if err := db.RecordExtensionNotice(ctx, c.ID, c.Version, time.Date(2026, 4, 7, 17, 0, 0, 0, Helsinki)); err != nil {
		t.Fatal(err)
	}
	c = fresh(t, db, c.ID)
	if c.NeedsExtensionNotice() || !c.AnsweredAt.IsZero() {
		t.Errorf("after the notice: needs notice %v, answered %v", c.NeedsExtensionNotice(), c.AnsweredAt)
	}
	// The answer within the extension is not late.
	if err := db.RecordAnswer(ctx, c.ID, time.Date(2026, 6, 5, 15, 0, 0, 0, Helsinki)); err != nil {
		t.Fatal(err)
	}
	if c = fresh(t, db, c.ID); c.AnsweredAt.IsZero() || c.Late {
		t.Errorf("answered %v late %v", c.AnsweredAt, c.Late)
	}
}

func TestCloseAndReopen(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	received := time.Date(2026, 3, 5, 10, 0, 0, 0, Helsinki)
	c := caseReceived(t, db, 1, received)
	for _, bad := range []struct{ outcome, reason, want string }{
		{"done", "", "want one of"},
		{OutcomeRefused, "  ", "needs its reasons"},
		{OutcomeUnfounded, "", "needs its reasons"},
	} {
		if err := db.CloseCase(ctx, c.ID, c.Version, bad.outcome, bad.reason, received); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("close %s %q: %v", bad.outcome, bad.reason, err)
		}
	}
	// Answered in time, closed later: not late.
	if err := db.RecordAnswer(ctx, c.ID, time.Date(2026, 4, 7, 12, 0, 0, 0, Helsinki)); err != nil {
		t.Fatal(err)
	}
	c = fresh(t, db, c.ID)
	if err := db.CloseCase(ctx, c.ID, c.Version, OutcomeFulfilled, "", time.Date(2026, 4, 20, 12, 0, 0, 0, Helsinki)); err != nil {
		t.Fatal(err)
	}
	if c = fresh(t, db, c.ID); c.Status != StatusClosed || c.Outcome != OutcomeFulfilled || c.Late || c.ClosedAt.IsZero() {
		t.Errorf("closed: %+v", c)
	}
	if err := db.CloseCase(ctx, c.ID, c.Version, OutcomeFulfilled, "", received); err == nil {
		t.Error("closed twice")
	}
	if err := db.ReopenCase(ctx, c.ID, c.Version, "the requester wrote again"); err != nil {
		t.Fatal(err)
	}
	if c = fresh(t, db, c.ID); c.Status != StatusOpen || c.Outcome != "" {
		t.Errorf("reopened: %+v", c)
	}

	// Never answered, refused after the deadline: late, and stays late.
	late := caseReceived(t, db, 2, received.Add(time.Hour))
	if err := db.CloseCase(ctx, late.ID, late.Version, OutcomeRefused, "Art. 15(4): the data would reveal another person's", time.Date(2026, 4, 8, 9, 0, 0, 0, Helsinki)); err != nil {
		t.Fatal(err)
	}
	late = fresh(t, db, late.ID)
	if !late.Late || late.OutcomeReason == "" {
		t.Errorf("late refusal: %+v", late)
	}
	db.ReopenCase(ctx, late.ID, late.Version, "")
	if late = fresh(t, db, late.ID); !late.Late {
		t.Error("reopening cleared the late mark")
	}
	// Withdrawn after the deadline: no answer was owed.
	w := caseReceived(t, db, 3, received.Add(2*time.Hour))
	if err := db.CloseCase(ctx, w.ID, w.Version, OutcomeWithdrawn, "", time.Date(2026, 5, 1, 9, 0, 0, 0, Helsinki)); err != nil {
		t.Fatal(err)
	}
	if w = fresh(t, db, w.ID); w.Late {
		t.Error("a withdrawn request marked late")
	}
	trail, _ := db.Audit(ctx, late.ID)
	var actions []string
	for _, e := range trail {
		actions = append(actions, e.Action+": "+e.Detail)
	}
	if got := strings.Join(actions, "\n"); !strings.Contains(got, "case closed: refused, late") || !strings.Contains(got, "case reopened: was refused") {
		t.Errorf("audit:\n%s", got)
	}
}
