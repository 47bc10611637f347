// Package register owns dsrdesk's database and every rule about stored data:
// the schema and its migrations, stored messages, cases and their legal clock,
// and the append-only audit trail. It knows nothing of IMAP or screens.
package register

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"

	_ "github.com/mattn/go-sqlite3" // the SQLite driver, registered as "sqlite3"
)

// DB is an open dsrdesk database. It is safe for concurrent use; several
// processes may open the same file at once.
type DB struct {
	w     *sql.DB // the one writer connection of this process
	r     *sql.DB // readers; WAL lets them run while another process writes
	path  string
	actor string // who the audit trail names for changes made through this DB

	recipients []string // named recipients of the register's data, to tell of changes (Art. 19)

	watch changes // the reader connection Changed asks
}

// Open opens the database at path, creating it (file 0600, folder 0700) if
// needed, brings its schema up to date and seals audit entries written
// before the hash chain (see sealAudit). It refuses a database or folder
// that others can read, and a database written by a newer dsrdesk.
func Open(ctx context.Context, path string) (*DB, error) {
	empty, err := prepareFile(path)
	if err != nil {
		return nil, err
	}
	// Each connection keeps its last 64 prepared statements: a sync runs
	// the same few per message, and preparing them each time showed in
	// its profile.
	dsn := func(extra string) string {
		return "file:" + url.PathEscape(path) +
			"?_journal_mode=WAL&_busy_timeout=10000&_txlock=immediate&_foreign_keys=on&_synchronous=NORMAL&_stmt_cache_size=64" + extra
	}
	// secure_delete overwrites what a change frees, so that an erased
	// value does not linger in free pages. The writer's page cache holds
	// 16 MB, twice a sync's largest batch (inbox.BatchBytes): with
	// SQLite's 2 MB, a batch spilled to the WAL before its commit and was
	// read back and checksummed again: a first sync of 10,000 messages
	// took 0.9 s of system time, now 0.76 s, for 10 MB more memory.
	if empty {
		initFile(ctx, path)
	}
	w, err := sql.Open("sqlite3", dsn("&_secure_delete=on&_cache_size=-16384"))
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	r, err := sql.Open("sqlite3", dsn("&_query_only=1"))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	db := &DB{w: w, r: r, path: path, actor: Actor()}
	if err := db.migrate(ctx); err != nil {
		db.Close()
		if de := damaged(path, err); de != err {
			return nil, de
		}
		return nil, fmt.Errorf("database %s: %w", path, err)
	}
	if err := db.sealAuditOnOpen(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("database %s: %w", path, err)
	}
	return db, nil
}

// Close closes the database.
func (db *DB) Close() error {
	return errors.Join(db.closeWatch(), db.r.Close(), db.w.Close())
}

// pageSize is the page size of a new database. SQLite's default, 4 KB,
// splits a stored message into many pages, each written to the WAL and
// again by the checkpoint with system calls of its own: with 16 KB pages a
// first sync makes a quarter of them.
const pageSize = 16 << 10

// initFile gives the new, empty database file at path its page size, which
// can only be chosen before the first write and before WAL mode. It is an
// optimisation and never fails Open: another process opening the same new
// file at that moment (a second officer, a check) may set up the file
// first, or hold it while this one waits, and its settings then stand.
func initFile(ctx context.Context, path string) {
	db, err := sql.Open("sqlite3", "file:"+url.PathEscape(path)+"?_busy_timeout=10000")
	if err != nil {
		return
	}
	defer db.Close()
	db.ExecContext(ctx, fmt.Sprintf("PRAGMA page_size = %d; PRAGMA journal_mode = WAL", pageSize))
}

// prepareFile makes sure the database folder and file exist with private
// permissions before SQLite touches them (SQLite would create the file 0644),
// and refuses ones that others can read. empty says SQLite has not written
// the file yet.
func prepareFile(path string) (empty bool, err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return false, fmt.Errorf("create database folder %s: %w", dir, err)
	}
	if err := CheckPrivate(dir); err != nil {
		return false, err
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	switch {
	case err == nil:
		// A new file. In a folder shared by a group (the several-officers
		// setup: chmod 2770) the group may read and write it too.
		f.Close()
		if fi, err := os.Stat(dir); err == nil && fi.Mode().Perm()&0o070 == 0o070 {
			if err := os.Chmod(path, 0o660); err != nil {
				return false, fmt.Errorf("share database %s with the group: %w", path, err)
			}
		}
	case !errors.Is(err, fs.ErrExist):
		return false, fmt.Errorf("create database %s: %w", path, err)
	}
	if err := CheckPrivate(path); err != nil {
		return false, err
	}
	fi, err := os.Stat(path)
	if err != nil {
		return false, fmt.Errorf("check database %s: %w", path, err)
	}
	return fi.Size() == 0, nil
}

// CheckPrivate refuses a file or folder holding personal data that every
// user on the machine can read or write, naming the chmod that fixes it. Group access is allowed: several officers may share a group.
func CheckPrivate(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("check permissions of %s: %w", path, err)
	}
	if perm := fi.Mode().Perm(); perm&0o007 != 0 {
		return fmt.Errorf("%s holds personal data but every user can reach it (permissions %04o); fix it with: chmod o-rwx %s",
			path, perm, path)
	}
	return nil
}

// tx runs fn in one immediate (write) transaction and commits it, or rolls it
// back if fn fails.
func (db *DB) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin a transaction on %s: %w", db.path, err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit to %s: %w", db.path, err)
	}
	return nil
}
