package register

import (
	"context"
	"strings"
	"testing"
	"time"
)

// threadMsg is a message of the thread tests.
func threadMsg(uid uint32, disposition, from, subject string) Message {
	m := request(uid, time.Date(2026, 11, 2, 9, int(uid), 0, 0, time.UTC), from)
	m.Disposition, m.Subject = disposition, subject
	base := strings.ToLower(subject)
	for _, p := range []string{"re: ", "sv: ", "vs: "} {
		if strings.HasPrefix(base, p) {
			base, m.Thread.Reply = strings.TrimPrefix(base, p), true
		}
	}
	m.Thread.BaseSubject = base
	return m
}

// TestFollowUpsJoinTheirCase: a reply with threading headers, one without
// them (same sender, reply prefix, same subject), and one carrying the case
// tag all join the case; an auto-reply with headers and a new request from
// the same person on another subject do not.
func TestFollowUpsJoinTheirCase(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	first := threadMsg(1, DispositionRequest, "anna@example.fi", "Tietopyyntö")
	withHeaders := threadMsg(2, DispositionOther, "anna@example.fi", "Re: Tietopyyntö")
	withHeaders.InReplyTo = []string{first.MessageID}
	noHeaders := threadMsg(3, DispositionRequest, "ANNA@example.fi", "VS: Tietopyyntö")
	tagged := threadMsg(4, DispositionOther, "colleague@example.com", "Asiakasnumero")
	tagged.Thread.Tag = "DSR-2026-0001"
	autoReply := threadMsg(5, DispositionAutoReply, "anna@example.fi", "Re: Tietopyyntö")
	autoReply.InReplyTo = []string{first.MessageID}
	other := threadMsg(6, DispositionRequest, "anna@example.fi", "Poistakaa tietoni")

	res, err := db.StoreBatch(ctx, Batch{Mailbox: "INBOX", UIDValidity: 1, LastUID: 6,
		Messages: []Message{first, withHeaders, noHeaders, tagged, autoReply, other}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Cases != 2 {
		t.Fatalf("%d cases opened, want 2 (the first request and the other subject)", res.Cases)
	}
	cases, _ := db.Cases(ctx, CaseQuery{})
	var c Case
	for _, k := range cases {
		if k.Subject == "Tietopyyntö" {
			c = k
		}
	}
	d, err := db.CaseByID(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Messages) != 4 {
		t.Fatalf("thread of %d messages, want 4", len(d.Messages))
	}
	for _, m := range d.Messages[1:] {
		if m.Disposition != DispositionFollowup || len(m.Reasons) == 0 {
			t.Errorf("message %d: disposition %s reasons %v, want a follow-up with its reason", m.UID, m.Disposition, m.Reasons)
		}
	}
	if !d.NewActivity {
		t.Error("the case is not marked as having new activity")
	}
	msgs, _ := db.OtherMail(ctx)
	if len(msgs) != 1 || msgs[0].UID != 5 {
		t.Errorf("other mail %+v, want only the auto-reply", msgs)
	}
	trail, _ := db.Audit(ctx, c.ID)
	if n := countAction(trail, "follow-up attached"); n != 3 {
		t.Errorf("%d follow-up audit entries, want 3", n)
	}
	if err := db.MarkSeen(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if d, _ := db.CaseByID(ctx, c.ID); d.NewActivity || d.Version != c.Version {
		t.Errorf("after MarkSeen: new activity %v, version %d (was %d): want cleared, version kept", d.NewActivity, d.Version, c.Version)
	}
}

// TestSubjectMatchOnlyWhileOpen: without threading headers, a reply joins a
// case only while it is open.
func TestSubjectMatchOnlyWhileOpen(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	db.StoreBatch(ctx, Batch{Mailbox: "INBOX", UIDValidity: 1, LastUID: 1,
		Messages: []Message{threadMsg(1, DispositionRequest, "anna@example.fi", "Tietopyyntö")}})
	if _, err := db.w.Exec(`UPDATE cases SET status = 'closed'`); err != nil {
		t.Fatal(err)
	}
	res, _ := db.StoreBatch(ctx, Batch{Mailbox: "INBOX", UIDValidity: 1, LastUID: 2,
		Messages: []Message{threadMsg(2, DispositionRequest, "anna@example.fi", "Re: Tietopyyntö")}})
	if res.Cases != 1 {
		t.Fatalf("%+v: a reply to a closed case by subject alone must open a new case", res)
	}
}

func countAction(trail []AuditEntry, action string) int {
	n := 0
	for _, e := range trail {
		if e.Action == action {
			n++
		}
	}
	return n
}

// TestClosedAndPurgedCasesTakeNoNewRequests: thanks to a closed case join
// it; a new request in its thread opens a case of its own; a purged case
// takes nothing.
func TestClosedAndPurgedCasesTakeNoNewRequests(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	first := threadMsg(1, DispositionRequest, "anna@example.fi", "Tietopyyntö")
	first.ReceivedAt = time.Date(2019, 3, 5, 10, 0, 0, 0, Helsinki)
	if _, err := db.StoreBatch(ctx, Batch{Mailbox: "INBOX", UIDValidity: 1, LastUID: 1, Messages: []Message{first}}); err != nil {
		t.Fatal(err)
	}
	c := fresh(t, db, 1)
	if err := db.CloseCase(ctx, c.ID, c.Version, OutcomeFulfilled, "", time.Date(2019, 3, 20, 10, 0, 0, 0, Helsinki)); err != nil {
		t.Fatal(err)
	}
	thanks := threadMsg(2, DispositionOther, "anna@example.fi", "Re: Tietopyyntö")
	thanks.InReplyTo = []string{first.MessageID}
	again := threadMsg(3, DispositionRequest, "anna@example.fi", "Re: ["+c.Tag+"] Poistakaa nyt kaikki")
	again.Thread.Tag = c.Tag
	res, err := db.StoreBatch(ctx, Batch{Mailbox: "INBOX", UIDValidity: 1, LastUID: 3, Messages: []Message{thanks, again}})
	if err != nil || res.Cases != 1 {
		t.Fatalf("%+v %v: want the new request to open a case", res, err)
	}
	if d, _ := db.CaseByID(ctx, c.ID); len(d.Messages) != 2 {
		t.Errorf("the closed case holds %d messages, want the request and the thanks", len(d.Messages))
	}
	if _, err := db.Purge(ctx, time.Date(2025, 1, 1, 0, 0, 0, 0, Helsinki)); err != nil {
		t.Fatal(err)
	}
	late := threadMsg(4, DispositionOther, "anna@example.fi", "Re: ["+c.Tag+"] vielä")
	late.Thread.Tag = c.Tag
	if _, err := db.StoreBatch(ctx, Batch{Mailbox: "INBOX", UIDValidity: 1, LastUID: 4, Messages: []Message{late}}); err != nil {
		t.Fatal(err)
	}
	if d, _ := db.CaseByID(ctx, c.ID); len(d.Messages) != 2 {
		t.Errorf("the purged case took new mail: %d messages", len(d.Messages))
	}
}
