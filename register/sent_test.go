package register

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

// sent returns a message found in the Sent folder, to the given address.
func sent(uid uint32, at time.Time, to, tag, subject string, inReplyTo ...string) Message {
	return Message{
		UID: uid, MessageID: fmt.Sprintf("sent%d@sesoma.fi", uid), Hash: fmt.Sprintf("sent-hash-%d", uid),
		ReceivedAt: at, From: Person{Email: "tietosuoja@sesoma.fi", Name: "Sesoma tietosuoja"}, Subject: subject,
		InReplyTo: inReplyTo, References: inReplyTo,
		Headers:     fmt.Sprintf("From: Sesoma tietosuoja <tietosuoja@sesoma.fi>\nTo: \"Anna A.\" <%s>\nSubject: %s\n", to, subject),
		Disposition: DispositionSent, Thread: Thread{Tag: tag}, Raw: []byte(fmt.Sprintf("sent %d", uid)), Size: 6,
		Text: "Hei, tässä tietosi.",
	}
}

func storeSentBatch(t *testing.T, db *DB, validity, last uint32, msgs ...Message) BatchResult {
	t.Helper()
	res, err := db.StoreBatch(context.Background(), Batch{Mailbox: "Sent", UIDValidity: validity, LastUID: last, Messages: msgs})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestSentMarksTheCaseAnswered: a sent message of a case — by its tag or
// by In-Reply-To — joins the case's thread and dates its answer; one of no
// case is not kept; none opens a case or shows as other mail.
func TestSentMarksTheCaseAnswered(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	received := time.Date(2026, 3, 5, 10, 0, 0, 0, Helsinki)
	byTag := caseReceived(t, db, 1, received)
	byReply := caseReceived(t, db, 2, received.Add(time.Hour))
	answer := received.Add(10 * 24 * time.Hour)

	res := storeSentBatch(t, db, 7, 4,
		sent(1, answer, "anna@example.fi", byTag.Tag, "Re: ["+byTag.Tag+"] Tietopyyntö"),
		sent(2, answer.Add(time.Hour), "ANNA@example.fi", "", "Re: Tietopyyntö", "m2@example.fi"),
		sent(3, answer, "someone@example.fi", "", "Tarjous"),      // no case: not kept
		sent(4, answer, "anna@example.fi", "", "Re: Tietopyyntö"), // a subject alone ties nothing
	)
	if res.Stored != 2 || res.Answered != 2 || res.Cases != 0 {
		t.Errorf("stored %+v, want 2 stored, 2 answered, no case opened", res)
	}
	if st, _ := db.SyncState(ctx, "Sent"); st.LastUID != 4 || st.UIDValidity != 7 {
		t.Errorf("Sent watermark %+v, want UID 4 of validity 7", st)
	}
	if c := fresh(t, db, byTag.ID); !c.AnsweredAt.Equal(answer) || c.Late {
		t.Errorf("tagged case answered %v late %v, want %v", c.AnsweredAt, c.Late, answer)
	}
	if c := fresh(t, db, byReply.ID); !c.AnsweredAt.Equal(answer.Add(time.Hour)) {
		t.Errorf("replied case answered %v, want %v", c.AnsweredAt, answer.Add(time.Hour))
	}
	d, err := db.CaseByID(ctx, byTag.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Messages) != 2 || d.Messages[1].Disposition != DispositionSent || d.Messages[1].MessageID != "sent1@sesoma.fi" {
		t.Errorf("thread %+v: want the request and the sent answer", d.Messages)
	}
	if other, _ := db.OtherMail(ctx); len(other) != 0 {
		t.Errorf("other mail %+v: sent mail is never other mail", other)
	}
	all, _ := db.Messages(ctx)
	if len(all) != 4 {
		t.Errorf("%d messages stored, want 4 (2 requests, 2 sent answers)", len(all))
	}
	if cases, _ := db.Cases(ctx, CaseQuery{All: true}); len(cases) != 2 {
		t.Errorf("%d cases, want 2", len(cases))
	}

	// A second answer keeps the first date; the same message found again
	// under a new UIDVALIDITY is not stored twice.
	storeSentBatch(t, db, 7, 5, sent(5, answer.Add(48*time.Hour), "anna@example.fi", byTag.Tag, "["+byTag.Tag+"] Lisäksi"))
	if c := fresh(t, db, byTag.ID); !c.AnsweredAt.Equal(answer) {
		t.Errorf("answered %v after a second answer, want the first, %v", c.AnsweredAt, answer)
	}
	res = storeSentBatch(t, db, 8, 1, sent(1, answer, "anna@example.fi", byTag.Tag, "Re: ["+byTag.Tag+"] Tietopyyntö"))
	if res.Stored != 0 {
		t.Errorf("the known sent message stored again: %+v", res)
	}
	m, _ := db.messages(ctx, listColumns, `WHERE message_id = 'sent1@sesoma.fi'`)
	if len(m) != 1 || m[0].UIDValidity != 8 || m[0].UID != 1 {
		t.Errorf("relocated %+v, want UID 1 of validity 8", m)
	}

	// The requester's reply to the answer joins the case by In-Reply-To.
	reply := request(9, answer.Add(72*time.Hour), "anna@example.fi")
	reply.Subject, reply.InReplyTo = "Kiitos", []string{"sent1@sesoma.fi"}
	if r, err := db.StoreBatch(ctx, Batch{Mailbox: "INBOX", UIDValidity: 1, LastUID: 9, Messages: []Message{reply}}); err != nil || r.Cases != 0 {
		t.Fatalf("reply: %+v, %v", r, err)
	}
	if d, _ := db.CaseByID(ctx, byTag.ID); len(d.Messages) != 4 {
		t.Errorf("thread of %d messages, want 4 (request, two answers, the reply)", len(d.Messages))
	}
}

// TestSentToAColleagueIsNoAnswer: a tagged message to someone who never
// wrote to the case is kept in its thread but does not answer it.
func TestSentToAColleagueIsNoAnswer(t *testing.T) {
	db := openTest(t)
	c := caseReceived(t, db, 1, time.Date(2026, 3, 5, 10, 0, 0, 0, Helsinki))
	res := storeSentBatch(t, db, 1, 1, sent(1, time.Date(2026, 3, 6, 9, 0, 0, 0, Helsinki), "it@sesoma.fi", c.Tag, "Fwd: ["+c.Tag+"] Tietopyyntö"))
	if res.Stored != 1 || res.Answered != 0 {
		t.Errorf("%+v: want the message kept, no answer", res)
	}
	if c = fresh(t, db, c.ID); !c.AnsweredAt.IsZero() {
		t.Errorf("answered %v by a note to a colleague", c.AnsweredAt)
	}
}

// TestSentExtensionNotice: after an extension, the first message sent
// within the first month is the notice, the next one the answer.
func TestSentExtensionNotice(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	received := time.Date(2026, 3, 5, 10, 0, 0, 0, Helsinki)
	c := caseReceived(t, db, 1, received)
	if err := db.Extend(ctx, c.ID, c.Version, ExtensionReasons[0], received.Add(24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	notice := received.Add(48 * time.Hour)
	storeSentBatch(t, db, 1, 1, sent(1, notice, "anna@example.fi", c.Tag, "["+c.Tag+"] Määräajan pidennys"))
	if c = fresh(t, db, c.ID); c.NeedsExtensionNotice() || !c.AnsweredAt.IsZero() {
		t.Errorf("after the notice: needs notice %v, answered %v", c.NeedsExtensionNotice(), c.AnsweredAt)
	}
	answer := time.Date(2026, 5, 20, 12, 0, 0, 0, Helsinki)
	storeSentBatch(t, db, 1, 2, sent(2, answer, "anna@example.fi", c.Tag, "["+c.Tag+"] Vastaus"))
	if c = fresh(t, db, c.ID); !c.AnsweredAt.Equal(answer) || c.Late {
		t.Errorf("answered %v late %v, want %v on time", c.AnsweredAt, c.Late, answer)
	}
}

func TestRecipients(t *testing.T) {
	got := recipients("From: a@sesoma.fi\nTo: \"Mäkinen, Päivi\" <Paivi@Example.fi>, b@example.fi\nCC: c@example.fi (Cecilia)\nSubject: x@y.fi\n")
	for _, want := range []string{"paivi@example.fi", "b@example.fi", "c@example.fi"} {
		if !got[want] {
			t.Errorf("recipients %v: missing %s", got, want)
		}
	}
	if got["a@sesoma.fi"] || got["x@y.fi"] || len(got) != 3 {
		t.Errorf("recipients %v: want only To and Cc", got)
	}
}

// TestSentAcknowledgementIsNoAnswer: an acknowledgement or a request for
// identifying information that dsrdesk wrote is filed in the thread but
// leaves the case unanswered; the answer that follows dates it.
func TestSentAcknowledgementIsNoAnswer(t *testing.T) {
	db := openTest(t)
	c := caseReceived(t, db, 1, time.Date(2026, 3, 5, 10, 0, 0, 0, Helsinki))
	ack := sent(1, time.Date(2026, 3, 5, 12, 0, 0, 0, Helsinki), "anna@example.fi", c.Tag, "Re: ["+c.Tag+"] Tietopyyntö")
	ack.Headers += "X-Dsrdesk-Letter: acknowledgement\n"
	id := sent(2, time.Date(2026, 3, 6, 12, 0, 0, 0, Helsinki), "anna@example.fi", c.Tag, "Re: ["+c.Tag+"] Tietopyyntö")
	id.Headers += "X-Dsrdesk-Letter: identification\n"
	if res := storeSentBatch(t, db, 1, 2, ack, id); res.Stored != 2 || res.Answered != 0 {
		t.Errorf("%+v: want both kept, no answer", res)
	}
	if c = fresh(t, db, c.ID); !c.AnsweredAt.IsZero() {
		t.Errorf("answered %v by an acknowledgement", c.AnsweredAt)
	}
	answer := sent(3, time.Date(2026, 3, 20, 12, 0, 0, 0, Helsinki), "anna@example.fi", c.Tag, "Re: ["+c.Tag+"] Tietopyyntö")
	answer.Headers += "X-Dsrdesk-Letter: access\n"
	if res := storeSentBatch(t, db, 1, 3, answer); res.Answered != 1 {
		t.Errorf("the answer: %+v", res)
	}
	trail, _ := db.Audit(context.Background(), c.ID)
	var acts []string
	for _, e := range trail {
		acts = append(acts, e.Action)
	}
	if fmt.Sprint(acts) != "[case opened sent message attached acknowledgement sent sent message attached identification sent sent message attached answer sent]" {
		t.Errorf("audit %v", acts)
	}
}

// TestSentLetterKinds: a letter that says what it is is taken for it,
// whenever it is sent: a late extension notice is no answer, and an answer
// sent soon after an extension is no notice.
func TestSentLetterKinds(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	received := time.Date(2026, 3, 5, 10, 0, 0, 0, Helsinki)
	late := caseReceived(t, db, 1, received)
	if err := db.Extend(ctx, late.ID, late.Version, ExtensionReasons[0], received.Add(24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	notice := sent(1, time.Date(2026, 4, 20, 9, 0, 0, 0, Helsinki), "anna@example.fi", late.Tag, "["+late.Tag+"] Pidennys")
	notice.Headers += "X-Dsrdesk-Letter: extension\n"
	storeSentBatch(t, db, 1, 1, notice)
	if c := fresh(t, db, late.ID); c.NeedsExtensionNotice() || !c.AnsweredAt.IsZero() {
		t.Errorf("a late notice: needs notice %v, answered %v", c.NeedsExtensionNotice(), c.AnsweredAt)
	}
	trail, _ := db.Audit(ctx, late.ID)
	if e := trail[len(trail)-1]; e.Action != "extension notice sent" || !strings.HasSuffix(e.Detail, "after the first month") {
		t.Errorf("audit %+v", e)
	}

	quick := caseReceived(t, db, 2, received.Add(time.Hour))
	if err := db.Extend(ctx, quick.ID, quick.Version, ExtensionReasons[0], received.Add(24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	answer := sent(2, received.Add(72*time.Hour), "anna@example.fi", quick.Tag, "["+quick.Tag+"] Vastaus")
	answer.Headers += "X-Dsrdesk-Letter: access\n"
	storeSentBatch(t, db, 1, 2, answer)
	if c := fresh(t, db, quick.ID); c.AnsweredAt.IsZero() || !c.ExtensionNotifiedAt.IsZero() || c.NeedsExtensionNotice() {
		t.Errorf("an answer after an extension: answered %v, needs notice %v", c.AnsweredAt, c.NeedsExtensionNotice())
	}
}
