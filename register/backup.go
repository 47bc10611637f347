package register

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/mattn/go-sqlite3"
)

// DamagedError is a database file SQLite finds damaged: the message says
// what to do about it.
type DamagedError struct {
	Path   string
	Detail string // what SQLite reported, first problem only
}

// Error names the file, the problem and the way out.
func (e *DamagedError) Error() string {
	return fmt.Sprintf("the database %s is damaged: %s; restore it from a backup: see README \"Backup and restore\"", e.Path, e.Detail)
}

// damaged turns SQLite's "file is damaged" and "not a database" errors
// into a *DamagedError for path, and returns other errors unchanged.
func damaged(path string, err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) && (se.Code == sqlite3.ErrCorrupt || se.Code == sqlite3.ErrNotADB) {
		return &DamagedError{Path: path, Detail: se.Error()}
	}
	return err
}

// QuickCheck runs SQLite's PRAGMA quick_check over the whole file and
// returns a *DamagedError for the first problem it reports. It reads every
// page: on a register of a million entries it takes about a second (see
// BenchmarkQuickCheck), so dsrdesk runs it in `dsrdesk check` and
// `dsrdesk backup`, not on every start.
func (db *DB) QuickCheck(ctx context.Context) error {
	rows, err := db.r.QueryContext(ctx, "PRAGMA quick_check")
	if err != nil {
		return damaged(db.path, fmt.Errorf("check database %s: %w", db.path, err))
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return fmt.Errorf("check database %s: %w", db.path, err)
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); err != nil {
		return damaged(db.path, fmt.Errorf("check database %s: %w", db.path, err))
	}
	if len(problems) > 0 {
		detail := problems[0]
		if len(problems) > 1 {
			detail += fmt.Sprintf(" (and %d more problems)", len(problems)-1)
		}
		return &DamagedError{Path: db.path, Detail: detail}
	}
	return nil
}

// Backup writes a consistent copy of the database to the new file dest
// (0600), while other connections and processes go on reading and writing:
// VACUUM INTO copies one read transaction's snapshot, the WAL included. It
// refuses a dest that exists and removes a half-written copy on failure.
// To restore: stop every dsrdesk, copy the backup over the database file
// (removing its -wal and -shm files), and run `dsrdesk audit verify`.
func (db *DB) Backup(ctx context.Context, dest string) error {
	if strings.HasPrefix(dest, "file:") || strings.ContainsRune(dest, '?') {
		return fmt.Errorf("backup to %s: name a plain file path", dest)
	}
	// Create the file first, so that it is private whatever the umask and
	// an existing file is never overwritten; VACUUM INTO accepts an empty one.
	f, err := os.OpenFile(dest, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("backup to %s: the file exists; name a new file (dsrdesk never overwrites a backup)", dest)
	}
	if err != nil {
		return fmt.Errorf("backup to %s: %w", dest, err)
	}
	err = f.Chmod(0o600)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		_, err = db.w.ExecContext(ctx, "VACUUM INTO ?", dest)
		err = damaged(db.path, err)
	}
	if err != nil {
		os.Remove(dest)
		var de *DamagedError
		if errors.As(err, &de) {
			return err
		}
		return fmt.Errorf("back up %s to %s: %w", db.path, dest, err)
	}
	return nil
}

// Path is the database file's path.
func (db *DB) Path() string { return db.path }
