package ui

import (
	"context"
	"runtime/debug"
	"time"

	tea "charm.land/bubbletea/v2"
	"dsrdesk/register"
)

// dbCmd is how the model reaches the database: work runs in a tea.Cmd,
// never in Update, and its answer carries a fresh request id, which is also
// stored in *want so that an older answer can be told apart and dropped. A
// panic in work is recorded for the crash log, naming what.
func (m *model) dbCmd(want *uint64, what string, work func(ctx context.Context, db *register.DB, req uint64) tea.Msg) tea.Cmd {
	m.seq++
	req := m.seq
	*want = req
	ctx, db, crashed := m.ctx, m.db, m.crashed
	return func() tea.Msg {
		defer recordPanic(crashed, what)
		return work(ctx, db, req)
	}
}

// loadList starts a read of the case list: the rows about the cursor.
func (m *model) loadList() tea.Cmd {
	m.listBusy = true
	q := m.list.readFor(register.Today(m.sh.now()))
	return m.dbCmd(&m.listReq, "reading the case list", func(ctx context.Context, db *register.DB, req uint64) tea.Msg {
		page, err := readList(ctx, db, q)
		return listLoadedMsg{req: req, page: page, err: err}
	})
}

// readMore starts a read of the rows the list's cursor has moved to,
// unless a read is under way: its answer is checked for them in turn.
func (m *model) readMore() tea.Cmd {
	if m.listBusy {
		return nil
	}
	return m.loadList()
}

// changedMsg answers a check for changes: the data version, or why it
// could not be read.
type changedMsg struct {
	req     uint64
	version uint64
	err     error
}

// checkChanged starts the cheap check for commits by others: one PRAGMA on
// the database's watching connection.
func (m *model) checkChanged() tea.Cmd {
	return m.dbCmd(&m.watch.req, "checking the database for changes", func(ctx context.Context, db *register.DB, req uint64) tea.Msg {
		v, err := db.Changed(ctx)
		return changedMsg{req: req, version: v, err: err}
	})
}

// watchState is what the model knows of the database's data version.
type watchState struct {
	req     uint64        // the check whose answer is wanted
	version uint64        // the version last seen; 0: none yet
	day     register.Date // the day of the last reads
}

// changed takes the answer to a check and returns the reads of what the
// screen shows when someone committed since the last check, or the day
// turned (the deadlines' figures are as of a day).
func (m *model) changed(msg changedMsg) tea.Cmd {
	if msg.req != m.watch.req {
		return nil
	}
	if msg.err != nil {
		m.status.loadErr = msg.err.Error()
		return nil
	}
	today := register.Today(m.sh.now())
	if msg.version == m.watch.version && today == m.watch.day {
		return nil
	}
	m.watch.version, m.watch.day = msg.version, today
	return m.reload()
}

// loadDetail starts a read of the open case.
func (m *model) loadDetail() tea.Cmd {
	if m.on != onDetail {
		return nil
	}
	id := m.detail.caseID
	return m.dbCmd(&m.detailReq, "reading a case", func(ctx context.Context, db *register.DB, req uint64) tea.Msg {
		data, links, err := readCase(ctx, db, id)
		var tell tellRead
		if err == nil {
			tell = readTell(ctx, db, id)
		}
		return caseLoadedMsg{req: req, id: id, data: data, links: links, tell: tell, err: err}
	})
}

// loadOther starts a read of the Other mail.
func (m *model) loadOther() tea.Cmd {
	if m.on != onOther && m.on != onMessage {
		return nil
	}
	m.otherBusy = true
	return m.dbCmd(&m.otherReq, "reading the other mail", func(ctx context.Context, db *register.DB, req uint64) tea.Msg {
		msgs, err := readOther(ctx, db)
		return otherLoadedMsg{req: req, msgs: msgs, err: err}
	})
}

// loadMessage starts a read of the message in the message view.
func (m *model) loadMessage() tea.Cmd {
	if m.on != onMessage {
		return nil
	}
	id := m.message.msgID
	return m.dbCmd(&m.messageReq, "reading a message", func(ctx context.Context, db *register.DB, req uint64) tea.Msg {
		data, err := readMessage(ctx, db, id)
		return messageLoadedMsg{req: req, id: id, data: data, err: err}
	})
}

// decide starts one of the officer's decisions, described by what, as a
// write to the database.
func (m *model) decide(what string, write func(context.Context, *register.DB) error) tea.Cmd {
	return m.decideSaying(what, "", write)
}

// decideSaying is decide with the status line's words once it is saved:
// done, or "what: saved" when done is "".
func (m *model) decideSaying(what, done string, write func(context.Context, *register.DB) error) tea.Cmd {
	return m.decideThen(what, done, nil, write)
}

// decideThen is decideSaying with what follows once it is saved: then,
// if not nil, is called in Update and its command started.
func (m *model) decideThen(what, done string, then func() tea.Cmd, write func(context.Context, *register.DB) error) tea.Cmd {
	return m.dbCmd(&m.writeReq, "saving: "+what, func(ctx context.Context, db *register.DB, req uint64) tea.Msg {
		return savedMsg{req: req, what: what, done: done, then: then, err: write(ctx, db)}
	})
}

// openCase starts opening a case from message id with kinds.
func (m *model) openCase(id int64, kinds []string) tea.Cmd {
	return m.dbCmd(&m.writeReq, "opening a case", func(ctx context.Context, db *register.DB, req uint64) tea.Msg {
		caseID, err := db.OpenCaseFromMessage(ctx, id, kinds)
		return caseOpenedMsg{req: req, caseID: caseID, err: err}
	})
}

// markSeen starts clearing the new-activity mark of case id.
func (m *model) markSeen(id int64) tea.Cmd {
	return m.dbCmd(&m.seenReq, "marking a case seen", func(ctx context.Context, db *register.DB, req uint64) tea.Msg {
		return seenMsg{req: req, caseID: id, err: db.MarkSeen(ctx, id)}
	})
}

// tick schedules the next check for changes (reloadTickMsg).
func (m *model) tick() tea.Cmd {
	if m.reloadEvery <= 0 {
		return nil
	}
	return tea.Tick(m.reloadEvery, func(time.Time) tea.Msg { return reloadTickMsg{} })
}

// recordPanic, deferred, tells crashed of a panic in what and lets the
// panic go on.
func recordPanic(crashed func(what string, r any, stack []byte), what string) {
	if r := recover(); r != nil {
		if crashed != nil {
			crashed(what, r, debug.Stack())
		}
		panic(r)
	}
}
