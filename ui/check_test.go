package ui

import (
	"context"
	"os"
	"strings"
	"testing"

	"dsrdesk/register"
)

// TestDamagedDatabaseIsSaid: damage deep in the file, which opening does
// not notice, is found by the check at start and said on screen.
func TestDamagedDatabaseIsSaid(t *testing.T) {
	db := openDB(t)
	for i := range 300 {
		store(t, db, request(at(2026, 11, 2, 9, i%60), "Anna", "anna@example.fi", "Tietopyyntö", strings.Repeat("Haluan tietoni. ", 40)))
	}
	path := db.Path()
	db.Close()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	fi, _ := f.Stat()
	junk := []byte(strings.Repeat("\xa5", 4096))
	for off := fi.Size() - 12*4096; off < fi.Size()-4096; off += 2 * 4096 { // pages near the end: the messages
		f.WriteAt(junk, off)
	}
	f.Close()
	db, err = register.Open(context.Background(), path)
	if err != nil {
		t.Skipf("the damage reached what opening reads: %v", err)
	}
	defer db.Close()
	d := newDriver(t, db, Options{})
	d.mustShow("The database is damaged: restore a backup")
}
