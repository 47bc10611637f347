package register

import (
	"context"
	"strings"
	"testing"
	"time"
)

func TestRedactKeepsTheRestAndAudits(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	m := request(1, time.Now(), "a@example.fi")
	m.Raw = []byte("before: PASSPORT-BYTES")
	m.Attachments = []Attachment{{Name: "passi.jpg", Type: "image/jpeg", Size: 14}, {Name: "valtakirja.pdf", Type: "application/pdf", Size: 99}}
	db.StoreBatch(ctx, Batch{Mailbox: "INBOX", UIDValidity: 1, LastUID: 1, Messages: []Message{m}})
	msgs, _ := db.Messages(ctx)
	id := msgs[0].ID

	r := Redaction{MessageID: id, Before: []byte("stale"), After: []byte("x")}
	if err := db.Redact(ctx, r); err == nil {
		t.Fatal("a redaction of bytes that are no longer stored was accepted")
	}
	r = Redaction{MessageID: id, Before: m.Raw, After: []byte("before: [removed]"), Removed: m.Attachments[0],
		Remaining: m.Attachments[1:], Text: "Haluan nähdä tietoni. [removed]"}
	if err := db.Redact(ctx, r); err != nil {
		t.Fatal(err)
	}
	raw, _ := db.MessageRaw(ctx, id)
	got, _ := db.MessageByID(ctx, id)
	if string(raw) != "before: [removed]" || len(got.Attachments) != 1 || got.Attachments[0].Name != "valtakirja.pdf" ||
		!strings.Contains(got.Redacted, "passi.jpg (image/jpeg, 14 bytes) removed on") || got.Hash != m.Hash {
		t.Fatalf("after redaction: raw %q, message %+v", raw, got)
	}
	trail, _ := db.Audit(ctx, got.CaseID)
	last := trail[len(trail)-1]
	if last.Action != "attachment removed" || !strings.Contains(last.Detail, "passi.jpg") || strings.Contains(last.Detail, "PASSPORT-BYTES") {
		t.Errorf("audit %+v", last)
	}
}
