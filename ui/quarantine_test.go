package ui

import (
	"context"
	"testing"
)

// TestQuarantinedMailInOtherMail: a UID that failed three fetches shows in
// Other mail, its hostile reason defused, and t asks for it to be fetched
// again.
func TestQuarantinedMailInOtherMail(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	for range 3 {
		if _, err := db.FetchFailed(ctx, "INBOX", 7, 42, "unexpected EOF \x1b[31min a literal\u202e"); err != nil {
			t.Fatal(err)
		}
	}
	d := newDriver(t, db, Options{})
	d.press("o")
	d.mustShow("INBOX UID 42", "could not be fetched: unex", "quarantined")
	checkNoEscape(t, d.view())
	checkFits(t, d.view(), 80, 24)
	d.press("t")
	_, retry, err := db.Suspects(ctx, "INBOX", 7)
	if err != nil || len(retry) != 1 || retry[0] != 42 {
		t.Errorf("after t: retry %v, %v; want UID 42", retry, err)
	}
}
