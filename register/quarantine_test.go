package register

import (
	"context"
	"testing"
)

// TestQuarantine: failures count per UID, quarantine shows after
// QuarantineAfter, a retry request is used up by the next failure, and a
// fetch forgets it all.
func TestQuarantine(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	for i := 1; i <= QuarantineAfter; i++ {
		n, err := db.FetchFailed(ctx, "INBOX", 7, 42, "connection closed")
		if err != nil || n != i {
			t.Fatalf("failure %d: tries %d, %v", i, n, err)
		}
	}
	if _, err := db.FetchFailed(ctx, "INBOX", 7, 43, "once"); err != nil {
		t.Fatal(err)
	}
	q, err := db.QuarantinedMail(ctx)
	if err != nil || len(q) != 1 || q[0].UID != 42 || q[0].Tries != QuarantineAfter || q[0].Reason != "connection closed" {
		t.Fatalf("quarantined %+v, %v; want UID 42 only", q, err)
	}
	if n, err := db.RetryQuarantined(ctx); err != nil || n != 1 {
		t.Fatalf("retry asked for %d, %v; want 1", n, err)
	}
	failed, retry, err := db.Suspects(ctx, "INBOX", 7)
	if err != nil || failed[42] != QuarantineAfter || failed[43] != 1 || len(retry) != 1 || retry[0] != 42 {
		t.Fatalf("suspects %v retry %v, %v", failed, retry, err)
	}
	if _, retry, _ := db.Suspects(ctx, "INBOX", 8); len(retry) != 0 {
		t.Fatal("another UIDVALIDITY has suspects")
	}
	if n, _ := db.FetchFailed(ctx, "INBOX", 7, 42, "again"); n != QuarantineAfter+1 {
		t.Fatalf("tries after a failed retry: %d", n)
	}
	if _, retry, _ := db.Suspects(ctx, "INBOX", 7); len(retry) != 0 {
		t.Fatalf("retry not used up: %v", retry)
	}
	if err := db.Fetched(ctx, "INBOX", 7, 42); err != nil {
		t.Fatal(err)
	}
	if q, _ := db.QuarantinedMail(ctx); len(q) != 0 {
		t.Fatalf("still quarantined after a fetch: %+v", q)
	}
}
