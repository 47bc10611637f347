package register

import (
	"bytes"
	"context"
	"os"
	"reflect"
	"testing"
	"time"
)

func TestPurge(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	mustImport(t, db, "customers-link.csv")
	old := linkMsg(1, "Matti Virtanen", "matti.virtanen@esimerkki.fi", "Poistakaa kaikki tietoni, salasana-vihje: KISSANPENTU.")
	old.ReceivedAt = time.Date(2020, 3, 5, 10, 0, 0, 0, Helsinki)
	if _, err := db.StoreBatch(ctx, Batch{Mailbox: "INBOX", UIDValidity: 1, LastUID: 1, Messages: []Message{old}}); err != nil {
		t.Fatal(err)
	}
	a := fresh(t, db, 1)
	p, _ := db.PlanObjection(ctx, a.ID)
	if err := db.Carry(ctx, p); err != nil {
		t.Fatal(err)
	}
	a = fresh(t, db, a.ID)
	db.SetKinds(ctx, a.ID, a.Version, []string{"erasure"})
	a = fresh(t, db, a.ID)
	if err := db.CloseCase(ctx, a.ID, a.Version, OutcomeFulfilled, "", time.Date(2020, 3, 20, 10, 0, 0, 0, Helsinki)); err != nil {
		t.Fatal(err)
	}
	recent := caseReceived(t, db, 2, time.Date(2026, 3, 5, 10, 0, 0, 0, Helsinki))
	if err := db.CloseCase(ctx, recent.ID, recent.Version, OutcomeFulfilled, "", time.Date(2026, 3, 20, 10, 0, 0, 0, Helsinki)); err != nil {
		t.Fatal(err)
	}
	before, _ := db.Report(ctx, Date{}, Date{}, MakeDate(2026, 11, 24))

	cutoff := time.Date(2021, 11, 24, 0, 0, 0, 0, Helsinki) // five years before 2026-11-24
	list, err := db.Purgeable(ctx, cutoff)
	if err != nil || len(list) != 1 || list[0].Tag != a.Tag || list[0].Messages != 1 {
		t.Fatalf("purgeable %+v %v", list, err)
	}
	if got := fresh(t, db, a.ID); got.Purged || got.Requester.Email == "" {
		t.Fatal("listing purged something")
	}
	done, err := db.Purge(ctx, cutoff)
	if err != nil || len(done) != 1 {
		t.Fatalf("purge %+v %v", done, err)
	}
	got := fresh(t, db, a.ID)
	if !got.Purged || got.Requester != (Person{}) || got.Subject != "" || len(got.Customers) != 0 ||
		got.Outcome != OutcomeFulfilled || got.Kinds[0] != "erasure" || got.ReceivedAt.IsZero() {
		t.Errorf("purged case %+v", got)
	}
	if d, _ := db.CaseByID(ctx, a.ID); len(d.Messages) != 1 || d.Messages[0].Text != "" || d.Messages[0].From.Email != "" {
		t.Errorf("purged message %+v", d.Messages)
	}
	if raw, err := db.MessageRaw(ctx, 1); err != nil || len(raw) != 0 {
		t.Errorf("raw bytes %d %v", len(raw), err)
	}
	if recs, err := db.Actions(ctx, a.ID); err != nil || len(recs) != 1 || recs[0].Action != ActionObjection || len(recs[0].Entries) != 0 {
		t.Errorf("action records %+v %v", recs, err)
	}
	if fresh(t, db, recent.ID).Purged {
		t.Error("a recent case was purged")
	}
	// The report still counts the purged case.
	after, _ := db.Report(ctx, Date{}, Date{}, MakeDate(2026, 11, 24))
	if !reflect.DeepEqual(after, before) {
		t.Errorf("report before %+v, after %+v", before.Months, after.Months)
	}
	// The same message fetched again is known by its hash: no new case.
	res, err := db.StoreBatch(ctx, Batch{Mailbox: "INBOX", UIDValidity: 2, LastUID: 1, Messages: []Message{old}})
	if err != nil || res.Stored != 0 || res.Cases != 0 {
		t.Errorf("re-fetched after the purge: %+v %v", res, err)
	}
	// Nothing of it is left in the file.
	if _, err := db.w.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(db.path)
	if bytes.Contains(raw, []byte("KISSANPENTU")) {
		t.Error("the purged text is still in the database file")
	}
	if again, _ := db.Purge(ctx, cutoff); len(again) != 0 {
		t.Errorf("purged twice: %+v", again)
	}
}
