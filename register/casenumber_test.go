package register

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"
)

// TestCaseNumbers: each receipt year numbers its cases from 0001, a late
// message from last year taking last year's next number, and the numbers
// go on past 9999 in order.
func TestCaseNumbers(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	in2026 := time.Date(2026, 5, 4, 10, 0, 0, 0, time.UTC)
	in2025 := time.Date(2025, 12, 31, 20, 0, 0, 0, time.UTC) // 31 December in Helsinki
	var tags []string
	store := func(uid uint32, at time.Time) {
		t.Helper()
		m := request(uid, at, fmt.Sprintf("p%d@example.fi", uid))
		m.Subject = fmt.Sprintf("Tietopyyntö %d", uid)
		if _, err := db.StoreBatch(ctx, Batch{Mailbox: "INBOX", UIDValidity: 1, LastUID: uid, Messages: []Message{m}}); err != nil {
			t.Fatal(err)
		}
		var tag string
		if err := db.r.QueryRow(`SELECT tag FROM cases ORDER BY id DESC LIMIT 1`).Scan(&tag); err != nil {
			t.Fatal(err)
		}
		tags = append(tags, tag)
	}
	store(1, in2026)
	store(2, in2025)
	store(3, in2026)
	store(4, in2025)
	// A year of 9,999 cases: the last of them, as the store left it.
	if _, err := db.w.Exec(`UPDATE cases SET tag = 'DSR-2026-9999' WHERE tag = 'DSR-2026-0002'`); err != nil {
		t.Fatal(err)
	}
	store(5, in2026)
	store(6, in2026)
	want := []string{"DSR-2026-0001", "DSR-2025-0001", "DSR-2026-0002", "DSR-2025-0002", "DSR-2026-10000", "DSR-2026-10001"}
	if !slices.Equal(tags, want) {
		t.Errorf("tags %v, want %v", tags, want)
	}
}
