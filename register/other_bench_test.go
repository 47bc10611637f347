package register

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

// benchOtherCount is how many messages of other mail BenchmarkOtherMail
// stores: a year of a busy company mailbox, nearly all of it not requests.
const benchOtherCount = 20_000

// BenchmarkOtherMail reads the Other mail list of a database holding
// benchOtherCount messages that belong to no case, each with 4 KB of text,
// 1 KB of headers and 12 KB of raw bytes, as the TUI does when the officer
// presses o and again at every change another officer commits.
func BenchmarkOtherMail(b *testing.B) {
	ctx := context.Background()
	db, err := Open(ctx, privateDir(b)+"/other.db")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	text := strings.Repeat("Hei, kiitos tarjouksesta. Palaamme asiaan ensi viikolla. ", 72)[:4096]
	headers := strings.Repeat("Received: from mx.example.fi by mail.sesoma.fi\n", 22)[:1024]
	raw := []byte(strings.Repeat("x", 12<<10))
	start := time.Unix(1_750_000_000, 0)
	for i := 0; i < benchOtherCount; i += 500 {
		batch := Batch{Mailbox: "INBOX", UIDValidity: 1, LastUID: uint32(i + 500)}
		for j := i; j < i+500; j++ {
			batch.Messages = append(batch.Messages, Message{
				UID: uint32(j + 1), MessageID: fmt.Sprintf("m%d@example.fi", j), Hash: fmt.Sprintf("hash-%d", j),
				ReceivedAt: start.Add(time.Duration(j) * time.Minute), From: Person{Email: "sales@example.fi", Name: "Myynti"},
				Subject: fmt.Sprintf("Tarjous %d", j), Disposition: DispositionOther, Headers: headers, Text: text,
				Raw: raw, Size: int64(len(raw)),
			})
		}
		if _, err := db.StoreBatch(ctx, batch); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		msgs, err := db.OtherMail(ctx)
		if err != nil || len(msgs) != benchOtherCount {
			b.Fatalf("%d messages, %v", len(msgs), err)
		}
	}
}
