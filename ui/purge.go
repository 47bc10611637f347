package ui

import (
	"context"
	"fmt"

	tea "charm.land/bubbletea/v2"
	"dsrdesk/register"
)

// Retention of closed cases (issue 6 point 7): once a day, at start and
// when the day changes, the personal data of the cases closed longer ago
// than Options.ClosedCaseYears is removed; the anonymous record stays for
// the report. A purge with nothing to do is one quick query.

// purgedMsg answers a purge.
type purgedMsg struct {
	req   uint64
	items []register.PurgeItem
	err   error
}

// purge starts the day's purge of the closed cases whose time is over,
// unless none is configured or it already started today.
func (m *model) purge() tea.Cmd {
	now := m.sh.now()
	today := register.Today(now)
	if m.closedYears <= 0 || m.purgedOn == today {
		return nil
	}
	m.purgedOn = today
	cutoff := now.AddDate(-m.closedYears, 0, 0)
	return m.dbCmd(&m.purgeReq, "purging closed cases", func(ctx context.Context, db *register.DB, req uint64) tea.Msg {
		items, err := db.Purge(ctx, cutoff)
		if err == nil {
			// What erasures kept for the Accounting Act goes when its period ends.
			_, err = db.EraseExpired(ctx, today)
		}
		return purgedMsg{req: req, items: items, err: err}
	})
}

// purged says in the status line what a purge did, when it did anything
// or failed, and reads again what the screen shows.
func (m *model) purged(msg purgedMsg) tea.Cmd {
	if msg.req != m.purgeReq {
		return nil
	}
	switch {
	case msg.err != nil:
		m.status.note, m.status.noteErr = "Purging the closed cases failed: "+CleanLine(msg.err.Error()), true
		return nil
	case len(msg.items) == 0:
		return nil
	}
	n := len(msg.items)
	m.status.note, m.status.noteErr = fmt.Sprintf("Purged %d closed %s: closed over %d %s ago; the figures are kept.",
		n, plural(n, "case", "cases"), m.closedYears, plural(m.closedYears, "year", "years")), false
	return m.reload()
}
