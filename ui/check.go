package ui

import (
	"context"

	tea "charm.land/bubbletea/v2"
	"dsrdesk/register"
)

// The integrity check at start: SQLite's quick_check reads the whole file
// (about 2 s at a million register entries), so it runs in the background
// and the screen does not wait for it. Opening the database already
// refuses a damaged header or schema; this finds damage further in.

// checkedMsg answers the integrity check.
type checkedMsg struct {
	req uint64
	err error
}

// checkDB starts the integrity check.
func (m *model) checkDB() tea.Cmd {
	return m.dbCmd(&m.checkReq, "checking the database", func(ctx context.Context, db *register.DB, req uint64) tea.Msg {
		return checkedMsg{req: req, err: db.QuickCheck(ctx)}
	})
}

// checked says in the status line, and in full in the box that waits for
// a key, when the database is damaged.
func (m *model) checked(msg checkedMsg) {
	if msg.req != m.checkReq || msg.err == nil || m.ctx.Err() != nil {
		return
	}
	// What to do first: the path and SQLite's words, which may be long, last.
	m.status.note, m.status.noteErr = "The database is damaged: restore a backup (README, Backup and restore). "+
		CleanLine(msg.err.Error()), true
}
