package register

import (
	"bytes"
	"context"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

// linkedCase imports the link register and opens Matti Virtanen's case,
// auto-linked to L-1 by his address.
func linkedCase(t *testing.T) (*DB, Case) {
	t.Helper()
	db := openTest(t)
	mustImport(t, db, "customers-link.csv")
	c := openCaseFrom(t, db, 1, linkMsg(1, "Matti Virtanen", "matti.virtanen@esimerkki.fi", "Poistakaa tietoni."))
	if !slices.Equal(c.Customers, []string{"L-1"}) {
		t.Fatalf("linked %v", c.Customers)
	}
	return db, c
}

// changesBy returns the change log of entry number made by case caseID, as
// "field: old → new (source)".
func changesBy(t *testing.T, db *DB, number string, caseID int64) []string {
	t.Helper()
	log, err := db.CustomerChanges(context.Background(), customer(t, db, number).ID)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, ch := range log {
		if ch.CaseID == caseID {
			out = append(out, ch.Field+": "+ch.Old+" → "+ch.New+" ("+ch.Source+")")
		}
	}
	return out
}

// latestAudit returns the newest audit entry of a case.
func latestAudit(t *testing.T, db *DB, caseID int64) AuditEntry {
	t.Helper()
	trail, err := db.Audit(context.Background(), caseID)
	if err != nil || len(trail) == 0 {
		t.Fatalf("audit: %v", err)
	}
	return trail[len(trail)-1]
}

func TestObjection(t *testing.T) {
	db, c := linkedCase(t)
	ctx := context.Background()
	p, err := db.PlanObjection(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Entries) != 1 || len(p.Entries[0].Changes) != 2 || len(p.Recipients) != 0 {
		t.Fatalf("plan %+v", p)
	}
	if err := db.Carry(ctx, p); err != nil {
		t.Fatal(err)
	}
	l1 := customer(t, db, "L-1")
	if l1.Fields["direct_marketing_ban"] != "1" || l1.Fields["market_research_ban"] != "1" || l1.Fields["newsletter"] != "0" {
		t.Errorf("after the objection: %v", l1.Fields)
	}
	if l2 := customer(t, db, "L-2"); l2.Fields["direct_marketing_ban"] != "0" {
		t.Error("the namesake's entry changed")
	}
	want := []string{"direct_marketing_ban: 0 → 1 (objection)", "market_research_ban: 0 → 1 (objection)"}
	if got := changesBy(t, db, "L-1", c.ID); !slices.Equal(got, want) {
		t.Errorf("change log %q", got)
	}
	if a := latestAudit(t, db, c.ID); a.Action != "objection carried out" ||
		a.Detail != "L-1 (changed direct_marketing_ban, market_research_ban)" {
		t.Errorf("audit %+v", a)
	}
	recs, _ := db.Actions(ctx, c.ID)
	if len(recs) != 1 || recs[0].Action != ActionObjection || recs[0].Entries[0].Number != "L-1" || recs[0].Actor != db.actor {
		t.Errorf("records %+v", recs)
	}
	// Again: nothing to change, the confirmation is still recorded.
	p, _ = db.PlanObjection(ctx, c.ID)
	if !p.Empty() || len(p.Notes) == 0 {
		t.Errorf("second plan %+v", p)
	}
	if err := db.Carry(ctx, p); err != nil {
		t.Fatal(err)
	}
	if a := latestAudit(t, db, c.ID); a.Detail != "L-1 (no change)" {
		t.Errorf("audit %+v", a)
	}
}

func TestActionsRefuse(t *testing.T) {
	db, c := linkedCase(t)
	ctx := context.Background()

	// The case changed after the plan was made.
	p, _ := db.PlanObjection(ctx, c.ID)
	fresh, _ := db.CaseByID(ctx, c.ID)
	if err := db.SetKinds(ctx, c.ID, fresh.Version, []string{"objection"}); err != nil {
		t.Fatal(err)
	}
	if err := db.Carry(ctx, p); !errors.Is(err, ErrConflict) {
		t.Errorf("stale case: %v", err)
	}
	// The entry changed after the plan was made.
	p, _ = db.PlanRestriction(ctx, c.ID, false)
	if _, err := db.ImportCustomers(ctx, strings.NewReader("customer_number,title\nL-1,CEO\n"), "t.csv", false); err != nil {
		t.Fatal(err)
	}
	if err := db.Carry(ctx, p); !errors.Is(err, ErrEntryChanged) || !strings.Contains(err.Error(), "L-1") {
		t.Errorf("stale entry: %v", err)
	}
	if customer(t, db, "L-1").Restricted {
		t.Error("restricted after the refusal")
	}
	// The entry was unlinked after the plan was made.
	p, _ = db.PlanRestriction(ctx, c.ID, false)
	fresh, _ = db.CaseByID(ctx, c.ID)
	if err := db.Unlink(ctx, c.ID, fresh.Version, customer(t, db, "L-1").ID); err != nil {
		t.Fatal(err)
	}
	p.CaseVersion++ // as if the plan were made after the unlink
	if err := db.Carry(ctx, p); !errors.Is(err, ErrEntryChanged) {
		t.Errorf("unlinked entry: %v", err)
	}
	// Nothing linked.
	for name, plan := range map[string]func() (Plan, error){
		"objection":     func() (Plan, error) { return db.PlanObjection(ctx, c.ID) },
		"restriction":   func() (Plan, error) { return db.PlanRestriction(ctx, c.ID, false) },
		"erasure":       func() (Plan, error) { return db.PlanErasure(ctx, c.ID, DefaultRetention, Today(time.Now())) },
		"rectification": func() (Plan, error) { return db.PlanRectification(ctx, c.ID, "L-1", "email", "a@b.fi") },
	} {
		if _, err := plan(); !errors.Is(err, ErrNoLinkedEntry) {
			t.Errorf("%s without a linked entry: %v", name, err)
		}
	}
}

func TestRectification(t *testing.T) {
	db, c := linkedCase(t)
	ctx := context.Background()
	db.SetRecipients([]string{"Posti Oy", "Tilitoimisto Oy"})
	for _, bad := range []struct{ number, field, value, want string }{
		{"L-1", "email", "matti@nodot", "the domain after the @ needs a dot"},
		{"L-1", "business_id", "0112038-8", "wrong check digit"},
		{"L-1", "customer_since", "31.2.2020", "no date"},
		{"L-1", "phone", "abc", "no phone number"},
		{"L-1", "phone", "040 12", "no phone number"},
		{"L-1", "customer_number", "L-9", "the entry's key"},
		{"L-1", "shoe_size", "44", `no field "shoe_size"`},
		{"L-2", "email", "x@y.fi", "not linked"},
	} {
		if _, err := db.PlanRectification(ctx, c.ID, bad.number, bad.field, bad.value); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%s %s %q: %v, want %q", bad.number, bad.field, bad.value, err, bad.want)
		}
	}
	p, err := db.PlanRectification(ctx, c.ID, "L-1", "email", " matti@virtanen.fi ")
	if err != nil {
		t.Fatal(err)
	}
	if ch := p.Entries[0].Changes; len(ch) != 1 || ch[0] != (FieldChange{"email", "matti.virtanen@esimerkki.fi", "matti@virtanen.fi"}) {
		t.Fatalf("plan %+v", ch)
	}
	if err := db.Carry(ctx, p); err != nil {
		t.Fatal(err)
	}
	if got := changesBy(t, db, "L-1", c.ID); !slices.Equal(got, []string{"email: matti.virtanen@esimerkki.fi → matti@virtanen.fi (rectification)"}) {
		t.Errorf("change log %q", got)
	}
	// Search and matching follow the new address.
	if numbers, _ := searchNumbers(t, db, "matti@virtanen.fi"); !slices.Equal(numbers, []string{"L-1"}) {
		t.Errorf("search the new address: %v", numbers)
	}
	// Art. 19: the recipients to tell, ticked off one by one.
	list, _ := db.Notifications(ctx, c.ID)
	if len(list) != 2 || list[0].Recipient != "Posti Oy" || list[0].Action != ActionRectification || !list[0].NotifiedAt.IsZero() {
		t.Fatalf("notifications %+v", list)
	}
	fresh, _ := db.CaseByID(ctx, c.ID)
	if err := db.MarkNotified(ctx, c.ID, fresh.Version, "Posti Oy", ActionRectification); err != nil {
		t.Fatal(err)
	}
	if err := db.MarkNotified(ctx, c.ID, fresh.Version+1, "Posti Oy", ActionRectification); err == nil {
		t.Error("told twice")
	}
	list, _ = db.Notifications(ctx, c.ID)
	if list[0].NotifiedAt.IsZero() || list[0].Actor != db.actor || !list[1].NotifiedAt.IsZero() {
		t.Errorf("after ticking: %+v", list)
	}
	if a := latestAudit(t, db, c.ID); a.Action != "recipient told" || a.Detail != "Posti Oy told of the rectification" {
		t.Errorf("audit %+v", a)
	}
	// A second rectification: Posti Oy is to be told again.
	p, err = db.PlanRectification(ctx, c.ID, "L-1", "phone", "040 111 2222")
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Carry(ctx, p); err != nil {
		t.Fatal(err)
	}
	if list, _ = db.Notifications(ctx, c.ID); !list[0].NotifiedAt.IsZero() || !list[1].NotifiedAt.IsZero() {
		t.Errorf("after a second rectification: %+v", list)
	}
}

func TestRestriction(t *testing.T) {
	db, c := linkedCase(t)
	ctx := context.Background()
	p, err := db.PlanRestriction(ctx, c.ID, false)
	if err != nil || p.Empty() {
		t.Fatalf("plan %+v %v", p, err)
	}
	if err := db.Carry(ctx, p); err != nil {
		t.Fatal(err)
	}
	if !customer(t, db, "L-1").Restricted || customer(t, db, "L-2").Restricted {
		t.Error("restriction not on L-1 only")
	}
	if p, _ := db.PlanRestriction(ctx, c.ID, false); !p.Empty() {
		t.Errorf("restricting twice plans %+v", p)
	}
	p, _ = db.PlanRestriction(ctx, c.ID, true)
	if err := db.Carry(ctx, p); err != nil {
		t.Fatal(err)
	}
	if customer(t, db, "L-1").Restricted {
		t.Error("still restricted after lifting")
	}
	want := []string{"restricted: 0 → 1 (restriction)", "restricted: 1 → 0 (restriction lifted)"}
	if got := changesBy(t, db, "L-1", c.ID); !slices.Equal(got, want) {
		t.Errorf("change log %q", got)
	}
}

func TestErasure(t *testing.T) {
	db, c := linkedCase(t)
	ctx := context.Background()
	// An earlier change leaves the old phone number in the change log.
	if _, err := db.ImportCustomers(ctx, strings.NewReader("customer_number,phone,contact_history\nL-1,040 999 8877,Soitti 3.3. tilauksesta\n"), "p.csv", false); err != nil {
		t.Fatal(err)
	}
	// A value an import once set and then emptied stays in the log's old
	// values; the erasure removes it there too.
	for _, title := range []string{"Toimitusjohtaja", ""} {
		if _, err := db.ImportCustomers(ctx, strings.NewReader("customer_number,title\nL-1,"+title+"\n"), "t.csv", false); err != nil {
			t.Fatal(err)
		}
	}
	today := MakeDate(2026, time.November, 24)
	p, err := db.PlanErasure(ctx, c.ID, DefaultRetention, today)
	if err != nil {
		t.Fatal(err)
	}
	e := p.Entries[0]
	if len(e.Kept) != 1 || e.Kept[0].Until != MakeDate(2036, time.December, 31) ||
		!slices.Equal(e.Kept[0].Fields, []string{"customer_number", "company_name", "business_id", "first_name", "last_name"}) {
		t.Errorf("kept %+v", e.Kept) // the link register has no voucher fields
	}
	if err := db.Carry(ctx, p); err != nil {
		t.Fatal(err)
	}
	l1 := customer(t, db, "L-1")
	for f, want := range map[string]string{"email": "", "phone": "", "contact_history": "", "contact_person": "",
		"last_name": "Virtanen", "business_id": "0112038-9", "direct_marketing_ban": "1"} {
		if l1.Fields[f] != want {
			t.Errorf("%s = %q, want %q", f, l1.Fields[f], want)
		}
	}
	if l1.ErasedAt.IsZero() {
		t.Error("not marked erased")
	}
	// No trace of the erased values: not in the change log, not in the
	// search index, not in the audit trail, not in the database file.
	log, _ := db.CustomerChanges(ctx, l1.ID)
	for _, ch := range log {
		if strings.Contains(ch.Old+ch.New, "040") || strings.Contains(ch.Old+ch.New, "Soitti") {
			t.Errorf("change log keeps %+v", ch)
		}
	}
	if numbers, _ := searchNumbers(t, db, "esimerkki.fi"); len(numbers) != 0 {
		t.Errorf("the erased address is still found: %v", numbers)
	}
	if numbers, _ := searchNumbers(t, db, "040 999 8877"); len(numbers) != 0 {
		t.Errorf("the erased phone is still found: %v", numbers)
	}
	a := latestAudit(t, db, c.ID)
	if a.Action != "erasure carried out" || strings.Contains(a.Detail, "040") || !strings.Contains(a.Detail, "kept customer_number") {
		t.Errorf("audit %+v", a)
	}
	recs, _ := db.Actions(ctx, c.ID)
	if r := recs[len(recs)-1]; r.Action != ActionErasure || len(r.Entries[0].Kept) != 1 || r.Entries[0].Kept[0].Why != whyBooks {
		t.Errorf("record %+v", r)
	}
	// The link's evidence quoted the address: gone too.
	if cands, _ := db.Candidates(ctx, c.ID); len(cands) == 0 || len(cands[0].Evidence) != 0 {
		t.Errorf("link evidence after the erasure: %+v", cands)
	}
	raw, err := os.ReadFile(db.path)
	if err != nil {
		t.Fatal(err)
	}
	wal, _ := os.ReadFile(db.path + "-wal")
	for _, gone := range []string{"040 999 8877", "358409998877", "Soitti 3.3.", "+358 40 123 4567", "Toimitusjohtaja"} {
		if bytes.Contains(raw, []byte(gone)) || bytes.Contains(wal, []byte(gone)) {
			t.Errorf("the database file or its WAL still holds %q", gone)
		}
	}
}

func TestErasureAfterTheRetention(t *testing.T) {
	db, c := linkedCase(t)
	ctx := context.Background()
	if _, err := db.ImportCustomers(ctx, strings.NewReader("customer_number,customer_until,city,billing\nL-1,2018-06-30,Helsinki,lasku 123\n"), "u.csv", false); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		today Date
		kept  []string // until dates
	}{
		{MakeDate(2024, time.December, 31), []string{"2028-12-31", "2024-12-31"}}, // both periods still run
		{MakeDate(2025, time.January, 1), []string{"2028-12-31"}},                 // the vouchers' is over
		{MakeDate(2029, time.January, 1), nil},                                    // everything may go
	} {
		p, err := db.PlanErasure(ctx, c.ID, DefaultRetention, tc.today)
		if err != nil {
			t.Fatal(err)
		}
		var kept []string
		for _, k := range p.Entries[0].Kept {
			kept = append(kept, k.Until.String())
		}
		if !slices.Equal(kept, tc.kept) {
			t.Errorf("%s: kept until %v, want %v", tc.today, kept, tc.kept)
		}
		erasesCity := slices.ContainsFunc(p.Entries[0].Changes, func(ch FieldChange) bool { return ch.Field == "city" })
		if erasesCity != (len(tc.kept) < 2) {
			t.Errorf("%s: city erased %v", tc.today, erasesCity)
		}
	}
	if n, err := ParseRetention("6y"); n != 6 || err != nil {
		t.Errorf("6y: %d %v", n, err)
	}
	for _, bad := range []string{"6", "y", "0y", "6y1", "six years", "-1y"} {
		if _, err := ParseRetention(bad); err == nil {
			t.Errorf("retention %q accepted", bad)
		}
	}
}

// TestImportRespectsErasureAndObjection: a later import from another
// system brings back neither erased data nor lifts a ban.
func TestImportRespectsErasureAndObjection(t *testing.T) {
	db, c := linkedCase(t)
	ctx := context.Background()
	p, _ := db.PlanObjection(ctx, c.ID)
	if err := db.Carry(ctx, p); err != nil {
		t.Fatal(err)
	}
	res, err := db.ImportCustomers(ctx, strings.NewReader("customer_number,direct_marketing_ban,market_research_ban,newsletter\nL-1,0,0,1\nL-2,0,0,1\n"), "crm.csv", false)
	if err != nil {
		t.Fatal(err)
	}
	l1 := customer(t, db, "L-1")
	if l1.Fields["direct_marketing_ban"] != "1" || l1.Fields["market_research_ban"] != "1" || l1.Fields["newsletter"] != "0" {
		t.Errorf("the import lifted the objection: %v", l1.Fields)
	}
	if customer(t, db, "L-2").Fields["newsletter"] != "1" || len(res.Notes) != 3 {
		t.Errorf("L-2 newsletter %q, notes %q", customer(t, db, "L-2").Fields["newsletter"], res.Notes)
	}
	c = fresh(t, db, c.ID)
	p, _ = db.PlanErasure(ctx, c.ID, DefaultRetention, Today(time.Now()))
	if err := db.Carry(ctx, p); err != nil {
		t.Fatal(err)
	}
	res, err = db.ImportCustomers(ctx, strings.NewReader("customer_number,email,phone\nL-1,matti.virtanen@esimerkki.fi,+358 40 123 4567\n"), "crm.csv", false)
	if err != nil {
		t.Fatal(err)
	}
	if l1 = customer(t, db, "L-1"); l1.Fields["email"] != "" || l1.Fields["phone"] != "" || res.Kept != 1 || res.Changed != 0 ||
		len(res.Notes) != 1 || !strings.Contains(res.Notes[0], "L-1: erased on") {
		t.Errorf("the import refilled an erased entry: %v, %+v", l1.Fields, res)
	}
}

// TestKeptDataIsErasedWhenItsPeriodEnds: what an erasure kept for the
// Accounting Act goes when its period is over, as the letter promised.
func TestKeptDataIsErasedWhenItsPeriodEnds(t *testing.T) {
	db, c := linkedCase(t)
	ctx := context.Background()
	if _, err := db.ImportCustomers(ctx, strings.NewReader("customer_number,customer_until,city\nL-1,2018-06-30,Helsinki\n"), "u.csv", false); err != nil {
		t.Fatal(err)
	}
	p, err := db.PlanErasure(ctx, c.ID, DefaultRetention, MakeDate(2024, time.December, 31))
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Carry(ctx, p); err != nil {
		t.Fatal(err)
	}
	if l1 := customer(t, db, "L-1"); l1.Fields["city"] != "Helsinki" || l1.Fields["last_name"] != "Virtanen" {
		t.Fatalf("kept %v", l1.Fields)
	}
	if done, _ := db.EraseExpired(ctx, MakeDate(2024, time.December, 31)); len(done) != 0 {
		t.Errorf("erased before the end: %+v", done)
	}
	// 2025: the vouchers' period (2018 + 6) is over; the books' runs on.
	done, err := db.EraseExpired(ctx, MakeDate(2025, time.January, 1))
	if err != nil || len(done) != 2 { // city and customer_until: the link register has no other voucher fields
		t.Fatalf("2025: %+v %v", done, err)
	}
	l1 := customer(t, db, "L-1")
	if l1.Fields["city"] != "" || l1.Fields["customer_until"] != "" || l1.Fields["last_name"] != "Virtanen" {
		t.Errorf("2025: %v", l1.Fields)
	}
	// 2029: the books' too.
	if done, _ = db.EraseExpired(ctx, MakeDate(2029, time.January, 1)); len(done) != 4 {
		t.Errorf("2029: %+v", done)
	}
	if l1 = customer(t, db, "L-1"); l1.Fields["last_name"] != "" || l1.Fields["business_id"] != "" {
		t.Errorf("2029: %v", l1.Fields)
	}
	if numbers, _ := searchNumbers(t, db, "virtanen"); slices.Contains(numbers, "L-1") {
		t.Error("the erased name is still found")
	}
	if log, _ := db.CustomerChanges(ctx, l1.ID); slices.ContainsFunc(log, func(ch CustomerChange) bool {
		return strings.Contains(ch.Old+ch.New, "Helsinki") || strings.Contains(ch.Old+ch.New, "2018-06-30")
	}) {
		t.Error("the change log keeps an erased value")
	}
	if a := latestAudit(t, db, 0); a.Action != "kept data erased at the end of its period" || strings.Contains(a.Detail, "Virtanen") {
		t.Errorf("audit %+v", a)
	}
}
