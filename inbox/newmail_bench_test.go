package inbox_test

import (
	"testing"
	"time"

	"dsrdesk/inbox"
	"dsrdesk/inbox/mailgen"

	"github.com/emersion/go-imap/v2"
)

// BenchmarkNewMail parses and classifies a fixed mailbox of 500 generated
// messages (plain text, HTML and about 5% with a 100–500 KB attachment) per
// iteration, as sync does for each new message.
func BenchmarkNewMail(b *testing.B) {
	var raws [][]byte
	var total int64
	for m := range mailgen.Generate(500, 1) {
		raws = append(raws, m.Raw)
		total += int64(len(m.Raw))
	}
	received := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	b.SetBytes(total)
	b.ReportAllocs()
	for b.Loop() {
		for i, raw := range raws {
			inbox.NewMail("INBOX", 1, imap.UID(1+i), received, int64(len(raw)), raw, nil)
		}
	}
}
