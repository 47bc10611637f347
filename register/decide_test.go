package register

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestOpenCaseFromOtherMail(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	received := time.Date(2026, 10, 30, 8, 0, 0, 0, time.UTC)
	bulk := request(1, received, "news@example.com")
	bulk.Disposition, bulk.Kinds = DispositionBulk, nil
	db.StoreBatch(ctx, Batch{Mailbox: "INBOX", UIDValidity: 1, LastUID: 1, Messages: []Message{bulk}})
	others, _ := db.OtherMail(ctx)
	if len(others) != 1 {
		t.Fatalf("%d in other mail, want 1", len(others))
	}
	id, err := db.OpenCaseFromMessage(ctx, others[0].ID, []string{"objection"})
	if err != nil {
		t.Fatal(err)
	}
	d, _ := db.CaseByID(ctx, id)
	if d.Due != Due(received) || strings.Join(d.Kinds, ",") != "objection" || d.Requester.Email != "news@example.com" {
		t.Errorf("case due %s kinds %v requester %v; want the clock from the original receipt (%s)", d.Due, d.Kinds, d.Requester, Due(received))
	}
	if m := d.Messages[0]; m.Disposition != DispositionRequest || !m.Confirmed {
		t.Errorf("message %+v: want a confirmed request", m)
	}
	trail, _ := db.Audit(ctx, id)
	if len(trail) != 1 || !strings.Contains(trail[0].Detail, "by an officer (it was bulk)") {
		t.Errorf("audit %+v", trail)
	}
	if _, err := db.OpenCaseFromMessage(ctx, others[0].ID, nil); err == nil {
		t.Error("a message opened a second case")
	}
	if others, _ := db.OtherMail(ctx); len(others) != 0 {
		t.Errorf("still in other mail: %+v", others)
	}
}

func TestConfirmNotRequest(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	q := request(1, time.Now(), "buyer@example.fi")
	q.Disposition, q.Uncertain = DispositionOther, true
	db.StoreBatch(ctx, Batch{Mailbox: "INBOX", UIDValidity: 1, LastUID: 1, Messages: []Message{q}})
	others, _ := db.OtherMail(ctx)
	if err := db.ConfirmNotRequest(ctx, others[0].ID); err != nil {
		t.Fatal(err)
	}
	m, _ := db.MessageByID(ctx, others[0].ID)
	trail, _ := db.Audit(ctx, 0)
	if !m.Confirmed || m.Uncertain || countAction(trail, "confirmed not a request") != 1 {
		t.Errorf("message %+v, audit %+v", m, trail)
	}
}

func TestSetKindsChecksVersion(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	r := request(1, time.Now(), "a@example.fi")
	r.Kinds, r.Uncertain = []string{"access"}, true
	db.StoreBatch(ctx, Batch{Mailbox: "INBOX", UIDValidity: 1, LastUID: 1, Messages: []Message{r}})
	cases, _ := db.Cases(ctx, CaseQuery{})
	c := cases[0]
	if !c.Uncertain || strings.Join(c.Kinds, ",") != "access" {
		t.Fatalf("case %+v", c)
	}
	if err := db.SetKinds(ctx, c.ID, c.Version, []string{"erasure", "access"}); err != nil {
		t.Fatal(err)
	}
	// A second officer still holding the old version is refused.
	if err := db.SetKinds(ctx, c.ID, c.Version, []string{"objection"}); !errors.Is(err, ErrConflict) {
		t.Fatalf("stale version: %v, want ErrConflict", err)
	}
	if err := db.SetKinds(ctx, c.ID, c.Version+1, []string{"everything"}); err == nil {
		t.Fatal("an unknown kind was accepted")
	}
	d, _ := db.CaseByID(ctx, c.ID)
	if strings.Join(d.Kinds, ",") != "access,erasure" || d.Uncertain {
		t.Errorf("kinds %v uncertain %v; want access,erasure and the doubt settled", d.Kinds, d.Uncertain)
	}
	trail, _ := db.Audit(ctx, c.ID)
	if last := trail[len(trail)-1]; last.Action != "kinds changed" || last.Detail != "access → access, erasure" {
		t.Errorf("audit %+v", last)
	}
}

func TestSetLanguage(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	r := request(1, time.Now(), "karin@example.se")
	r.Lang = "sv"
	db.StoreBatch(ctx, Batch{Mailbox: "INBOX", UIDValidity: 1, LastUID: 1, Messages: []Message{r}})
	cases, _ := db.Cases(ctx, CaseQuery{})
	c := cases[0]
	if c.Lang != "sv" {
		t.Fatalf("case language %q, want the opening message's sv", c.Lang)
	}
	d, _ := db.CaseByID(ctx, c.ID)
	if m := d.Messages[0]; m.Lang != "sv" {
		t.Errorf("message language %q, want sv", m.Lang)
	} else if js, err := json.Marshal(m); err != nil || !strings.Contains(string(js), `"lang":"sv"`) {
		t.Errorf("message JSON %s (%v) lacks \"lang\":\"sv\"", js, err)
	}

	for _, bad := range []string{"", "de", "SV", "sv-FI"} {
		if err := db.SetLanguage(ctx, c.ID, c.Version, bad); err == nil || !strings.Contains(err.Error(), "fi, sv, en") {
			t.Errorf("language %q: error %v, want a refusal naming fi, sv, en", bad, err)
		}
	}
	if err := db.SetLanguage(ctx, c.ID, c.Version, "en"); err != nil {
		t.Fatal(err)
	}
	if err := db.SetLanguage(ctx, c.ID, c.Version, "fi"); !errors.Is(err, ErrConflict) {
		t.Fatalf("stale version: %v, want ErrConflict", err)
	}
	d, _ = db.CaseByID(ctx, c.ID)
	if d.Lang != "en" || d.Version != c.Version+1 {
		t.Errorf("language %q version %d; want en, version %d", d.Lang, d.Version, c.Version+1)
	}
	trail, _ := db.Audit(ctx, c.ID)
	if last := trail[len(trail)-1]; last.Action != "language set" || last.Detail != "sv → en" {
		t.Errorf("audit %+v", last)
	}

	// A case an officer opens from other mail takes the message's language.
	q := request(2, time.Now(), "buyer@example.fi")
	q.Disposition, q.Lang = DispositionOther, "fi"
	db.StoreBatch(ctx, Batch{Mailbox: "INBOX", UIDValidity: 1, LastUID: 2, Messages: []Message{q}})
	others, _ := db.OtherMail(ctx)
	id, err := db.OpenCaseFromMessage(ctx, others[0].ID, []string{"access"})
	if err != nil {
		t.Fatal(err)
	}
	if d, _ := db.CaseByID(ctx, id); d.Lang != "fi" {
		t.Errorf("case opened from other mail: language %q, want fi", d.Lang)
	}
}

func TestIdentityAndSuspension(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	received := time.Now().AddDate(0, 0, -10)
	db.StoreBatch(ctx, Batch{Mailbox: "INBOX", UIDValidity: 1, LastUID: 1, Messages: []Message{request(1, received, "a@example.fi")}})
	read := func() Case {
		cases, _ := db.Cases(ctx, CaseQuery{})
		return cases[0]
	}
	c := read()
	if c.Identity.Status != IdentityUnverified {
		t.Fatalf("identity %+v, want unverified", c.Identity)
	}
	if err := db.SetIdentity(ctx, c.ID, c.Version, Identity{Status: IdentityVerified}); err == nil {
		t.Error("verified without a method was accepted")
	}
	if err := db.SetIdentity(ctx, c.ID, c.Version, Identity{Status: IdentityAgent}); err == nil {
		t.Error("an agent without proof of authority was accepted")
	}

	if err := db.WaitForID(ctx, c.ID, c.Version, true); err != nil {
		t.Fatal(err)
	}
	c = read()
	if !c.WaitingForID || c.AdjustedDue != c.Due {
		t.Fatalf("waiting %v adjusted %s due %s: want waiting, no days yet", c.WaitingForID, c.AdjustedDue, c.Due)
	}
	// The officer asked five days ago.
	db.w.Exec(`UPDATE suspensions SET started_at = ?`, time.Now().AddDate(0, 0, -5).Unix())
	c = read()
	if c.SuspendedDays != 5 || c.AdjustedDue != AdjustedDue(received, 5) || c.Due != Due(received) {
		t.Fatalf("suspended %d adjusted %s due %s; want 5 days, the strict date unchanged", c.SuspendedDays, c.AdjustedDue, c.Due)
	}
	if err := db.WaitForID(ctx, c.ID, c.Version, false); err != nil {
		t.Fatal(err)
	}
	if err := db.SetIdentity(ctx, c.ID, c.Version+1, Identity{Status: IdentityVerified, Method: MethodIDChecked}); err != nil {
		t.Fatal(err)
	}
	c = read()
	if c.WaitingForID || c.SuspendedDays != 5 || c.Identity != (Identity{Status: IdentityVerified, Method: MethodIDChecked}) {
		t.Errorf("case %+v", c)
	}
	trail, _ := db.Audit(ctx, c.ID)
	var actions []string
	for _, e := range trail {
		actions = append(actions, e.Action+": "+e.Detail)
	}
	all := strings.Join(actions, "\n")
	for _, want := range []string{"waiting for identifying information: clock suspended", "identifying information received: clock runs again; 5 days suspended",
		"identity: unverified → verified (id_checked)"} {
		if !strings.Contains(all, want) {
			t.Errorf("audit lacks %q:\n%s", want, all)
		}
	}
}
