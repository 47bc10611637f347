package register

import (
	"context"
	"sync"
	"testing"
	"time"
)

// benchCaseCount is how many open cases the case-list benchmarks add to
// the sample register of a million entries.
const benchCaseCount = 100_000

var benchCasesOnce sync.Once

// benchCases returns the benchmarks' register (benchRegister) with
// 100,000 open cases added straight with SQL (FillSample: StoreBatch would
// take minutes).
func benchCases(b *testing.B) *DB {
	b.Helper()
	db := benchRegister(b)
	benchCasesOnce.Do(func() {
		if err := db.FillSample(context.Background(), 0, benchCaseCount); err != nil {
			b.Fatal(err)
		}
	})
	return db
}

// BenchmarkCaseListPage reads what the case list needs for one screen at
// 80×24: the list's size, 101 rows about the cursor (the 21 shown and a
// margin of 40 either way) at the top, the middle and the end of 100,000
// open cases, and the header's figures.
func BenchmarkCaseListPage(b *testing.B) {
	db := benchCases(b)
	ctx := context.Background()
	today := Today(time.Now())
	timeEach(b, 3, func(i int) {
		total, _, err := db.ListSize(ctx, false)
		if err != nil {
			b.Fatal(err)
		}
		from := []int{0, total / 2, total - 101}[i]
		rows, err := db.Cases(ctx, CaseQuery{Offset: from, Limit: 101})
		if err != nil || len(rows) != 101 {
			b.Fatalf("%d rows, %v", len(rows), err)
		}
		if _, err := db.Counts(ctx, today); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkChanged is the check for others' commits the TUI makes every
// half second: one PRAGMA data_version.
func BenchmarkChanged(b *testing.B) {
	db := benchCases(b)
	ctx := context.Background()
	timeEach(b, 1, func(int) {
		if _, err := db.Changed(ctx); err != nil {
			b.Fatal(err)
		}
	})
}
