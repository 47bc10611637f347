package register

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestBackupWhileWriting: a backup taken while another process's
// connection stores batch after batch is a consistent database: restored
// into a fresh place it opens, its cases match its messages and its audit
// chain verifies. The copy is 0600 and an existing file is never replaced.
func TestBackupWhileWriting(t *testing.T) {
	ctx := context.Background()
	dir := privateDir(t)
	path := filepath.Join(dir, "dsrdesk.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	writer, err := Open(ctx, path) // another officer's dsrdesk
	if err != nil {
		t.Fatal(err)
	}
	defer writer.Close()
	at := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	store := func(d *DB, uid uint32) error {
		_, err := d.StoreBatch(ctx, Batch{Mailbox: "INBOX", UIDValidity: 1, LastUID: uid,
			Messages: []Message{request(uid, at.Add(time.Duration(uid)*time.Minute), "r@example.fi")}})
		return err
	}
	for uid := uint32(1); uid <= 50; uid++ {
		if err := store(db, uid); err != nil {
			t.Fatal(err)
		}
	}

	stop := make(chan struct{})
	var wg sync.WaitGroup
	var writeErr error
	wg.Add(1)
	go func() {
		defer wg.Done()
		for uid := uint32(51); ; uid++ {
			select {
			case <-stop:
				return
			default:
			}
			if err := store(writer, uid); err != nil {
				writeErr = err
				return
			}
		}
	}()
	backup := filepath.Join(t.TempDir(), "backup.db")
	time.Sleep(20 * time.Millisecond)
	err = db.Backup(ctx, backup)
	close(stop)
	wg.Wait()
	if err != nil || writeErr != nil {
		t.Fatalf("backup: %v; writer: %v", err, writeErr)
	}
	if fi, err := os.Stat(backup); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("backup file: %v %v, want mode 0600", fi, err)
	}
	if err := db.Backup(ctx, backup); err == nil || !strings.Contains(err.Error(), "exists") {
		t.Errorf("a second backup to the same file: %v, want a refusal", err)
	}

	// Restore: copy the backup into a fresh place and open it there.
	restored := filepath.Join(privateDir(t), "dsrdesk.db")
	b, err := os.ReadFile(backup)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(restored, b, 0o600); err != nil {
		t.Fatal(err)
	}
	back, err := Open(ctx, restored)
	if err != nil {
		t.Fatalf("open the restored copy: %v", err)
	}
	defer back.Close()
	if err := back.QuickCheck(ctx); err != nil {
		t.Fatal(err)
	}
	msgs, err := back.Messages(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cases, err := back.Cases(ctx, CaseQuery{All: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) < 50 || len(cases) != len(msgs) {
		t.Errorf("restored: %d messages, %d cases; want at least 50, one case each", len(msgs), len(cases))
	}
	res, err := back.VerifyAudit(ctx)
	if err != nil || res.Break != nil || res.Entries == 0 {
		t.Errorf("restored audit trail: %+v, %v; want an intact chain", res, err)
	}
	t.Logf("backup holds %d of the messages, %d audit entries", len(msgs), res.Entries)
}

// TestQuickCheckFindsDamage: a database whose pages were overwritten is
// reported as damaged, with the way out, by Open or by QuickCheck.
func TestQuickCheckFindsDamage(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(privateDir(t), "dsrdesk.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	var msgs []Message
	for uid := uint32(1); uid <= 200; uid++ {
		msgs = append(msgs, request(uid, at, "r@example.fi"))
	}
	if _, err := db.StoreBatch(ctx, Batch{Mailbox: "INBOX", UIDValidity: 1, LastUID: 200, Messages: msgs}); err != nil {
		t.Fatal(err)
	}
	if err := db.QuickCheck(ctx); err != nil {
		t.Fatalf("a sound database: %v", err)
	}
	db.Close() // checkpoints the WAL into the file

	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	fi, _ := f.Stat()
	junk := []byte(strings.Repeat("\xa5", 4096))
	for off := int64(4096); off+4096 < fi.Size(); off += 3 * 4096 { // every third page after the first
		f.WriteAt(junk, off)
	}
	f.Close()

	db, err = Open(ctx, path)
	if err == nil {
		err = db.QuickCheck(ctx)
		db.Close()
	}
	var de *DamagedError
	if !errors.As(err, &de) || !strings.Contains(err.Error(), "the database "+path+" is damaged") || !strings.Contains(err.Error(), "README") {
		t.Fatalf("damaged database: %v, want a *DamagedError naming the file and README", err)
	}
}

// BenchmarkQuickCheck times PRAGMA quick_check on the register of a
// million entries: run it with -bench QuickCheck -benchtime 3x.
func BenchmarkQuickCheck(b *testing.B) {
	db := benchRegister(b)
	ctx := context.Background()
	for b.Loop() {
		if err := db.QuickCheck(ctx); err != nil {
			b.Fatal(err)
		}
	}
	if fi, err := os.Stat(db.path); err == nil {
		b.ReportMetric(float64(fi.Size())/1e6, "MB")
	}
}
