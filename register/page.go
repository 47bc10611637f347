package register

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
)

// Paging the case list. The list is ordered by due date, receipt and id,
// which for open cases is the cases_by_due index (status, due_date,
// received_at, id): a page's ids are read from the index alone and only the
// page's rows are read whole, so the list costs the same on its first page
// and its last, whatever the size of the register.

// listWhere is the filter of the case list: open cases, or all.
func listWhere(all bool) string {
	if all {
		return ""
	}
	return ` WHERE status = 'open'`
}

// ListSize returns how many cases the list holds (open ones, or with all
// every case) and how many of the open ones the classifier was unsure of.
func (db *DB) ListSize(ctx context.Context, all bool) (total, uncertain int, err error) {
	err = db.r.QueryRowContext(ctx, `SELECT
	(SELECT count(*) FROM cases`+listWhere(all)+`),
	(SELECT count(*) FROM cases WHERE status = 'open' AND uncertain)`).Scan(&total, &uncertain)
	if err != nil {
		return 0, 0, fmt.Errorf("count the case list: %w", err)
	}
	return total, uncertain, nil
}

// CasePosition returns the index of case id in the list (open cases, or
// with all every case), or -1 when the list does not hold it.
func (db *DB) CasePosition(ctx context.Context, id int64, all bool) (int, error) {
	var due string
	var received int64
	var status string
	err := db.r.QueryRowContext(ctx, `SELECT due_date, received_at, status FROM cases WHERE id = ?`, id).
		Scan(&due, &received, &status)
	if err == sql.ErrNoRows || (err == nil && !all && status != StatusOpen) {
		return -1, nil
	}
	if err != nil {
		return 0, fmt.Errorf("find case %d in the list: %w", id, err)
	}
	where := ` WHERE (due_date, received_at, id) < (?, ?, ?)`
	if !all {
		where += ` AND status = 'open'`
	}
	var n int
	if err := db.r.QueryRowContext(ctx, `SELECT count(*) FROM cases`+where, due, received, id).Scan(&n); err != nil {
		return 0, fmt.Errorf("find case %d in the list: %w", id, err)
	}
	return n, nil
}

// changes is the reader connection that watches the database for commits:
// PRAGMA data_version is per connection, so it must be one and the same.
type changes struct {
	mu   sync.Mutex
	conn *sql.Conn
}

// Changed returns the database's data version as this process's watching
// connection sees it: a number that changes whenever another connection
// (another officer's dsrdesk, a cron sync, or this process's own writer)
// commits. Comparing it with the last value tells cheaply whether anything
// needs reading again. The connection is taken from the reader pool on the
// first call and kept until Close.
func (db *DB) Changed(ctx context.Context) (uint64, error) {
	w := &db.watch
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.conn == nil {
		conn, err := db.r.Conn(ctx)
		if err != nil {
			return 0, fmt.Errorf("watch %s for changes: %w", db.path, err)
		}
		w.conn = conn
	}
	var v uint64
	if err := w.conn.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&v); err != nil {
		w.conn.Close() // a fresh connection next time
		w.conn = nil
		return 0, fmt.Errorf("check %s for changes: %w", db.path, err)
	}
	return v, nil
}

// closeWatch gives back the watching connection.
func (db *DB) closeWatch() error {
	w := &db.watch
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.conn == nil {
		return nil
	}
	err := w.conn.Close()
	w.conn = nil
	return err
}
