package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"dsrdesk/register"
)

// TestListReadsOnlyAWindow: a list of 300 cases holds only the rows about
// the cursor, yet G, g, pgdown and j reach every row, and the header counts
// the whole list.
func TestListReadsOnlyAWindow(t *testing.T) {
	db := openDB(t)
	var msgs []register.Message
	for i := range 300 {
		msgs = append(msgs, request(at(2026, 10, 1, 8, 0).Add(time.Duration(i)*time.Hour),
			fmt.Sprintf("Person %03d", i), fmt.Sprintf("p%d@example.fi", i), "Pyyntö", "Teksti"))
	}
	store(t, db, msgs...)
	d := newDriver(t, db, Options{})
	d.mustShow("300 open", "Person 000")
	held := func() {
		t.Helper()
		if n := len(d.m.list.page.cases); n >= 300 || n < d.m.list.rows() {
			t.Fatalf("the list holds %d rows of 300", n)
		}
	}
	held()
	d.press("G")
	held()
	if got := d.selected(); !strings.Contains(got, "Person 299") {
		t.Fatalf("after G the cursor is on %q, want Person 299", got)
	}
	d.press("g")
	for range 10 {
		d.press("pgdown")
	}
	held()
	if got := d.selected(); !strings.Contains(got, "Person 210") {
		t.Fatalf("after 10 × pgdown the cursor is on %q, want Person 210", got)
	}
	for range 60 {
		d.press("j")
		if _, ok := d.m.list.Selected(); !ok {
			t.Fatalf("the row under the cursor is not read:\n%s", d.text())
		}
	}
	if got := d.selected(); !strings.Contains(got, "Person 270") {
		t.Fatalf("after 60 × j the cursor is on %q, want Person 270", got)
	}
	held()
}

// openTwice opens the database file of one test twice, as two officers'
// dsrdesk processes do.
func openTwice(t *testing.T) (*register.DB, *register.DB) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "data", "shared.db")
	var dbs [2]*register.DB
	for i := range dbs {
		db, err := register.Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		dbs[i] = db
	}
	return dbs[0], dbs[1]
}

// TestOtherOfficerSeesChange: what one officer saves shows in another's
// list at the next check of the data version, and not before.
func TestOtherOfficerSeesChange(t *testing.T) {
	dbA, dbB := openTwice(t)
	seedMixed(t, dbA)
	a, b := newDriver(t, dbA, Options{}), newDriver(t, dbB, Options{})
	b.send(reloadTickMsg{}) // B's first check: the version it starts from
	b.mustShow("Ei enää mainoksia")

	a.selectRow("Pekka Puro")
	a.press("enter")
	a.press("K", "space", "enter") // tick access too
	a.mustShow("Kinds       access, objection")

	if row := b.row("Pekka Puro"); strings.Contains(row, " A ") {
		t.Fatalf("B shows the change before checking: %q", row)
	}
	b.send(reloadTickMsg{})
	if row := b.row("Pekka Puro"); !strings.Contains(row, " A") {
		t.Fatalf("B does not show A's change after a check: %q", row)
	}
	v := b.m.watch.version
	b.send(reloadTickMsg{})
	if b.m.watch.version != v {
		t.Fatal("the data version moved with no commit")
	}
}

// TestTwoOfficersConflict: two officers open the same case; the first
// changes it; the second's change on the stale state is refused, says
// another officer changed the case, and shows the fresh state.
func TestTwoOfficersConflict(t *testing.T) {
	dbA, dbB := openTwice(t)
	seedMixed(t, dbA)
	a, b := newDriver(t, dbA, Options{}), newDriver(t, dbB, Options{})
	for _, d := range []*driver{a, b} {
		d.selectRow("Pekka Puro")
		d.press("enter")
		d.mustShow("Kinds       objection")
	}
	a.press("K", "space", "enter")
	a.mustShow("Kinds       access, objection")

	b.press("K", "down", "space", "enter") // B ticks erasure on what it saw
	b.mustShow(conflictNote, "Kinds       access, objection")
	if k := caseOf(t, dbB, "Ei enää mainoksia").Kinds; !slices.Equal(k, []string{"access", "objection"}) {
		t.Fatalf("B's stale change overwrote A's: %v", k)
	}
}
