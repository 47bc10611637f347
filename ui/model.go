package ui

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"dsrdesk/register"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
)

// Smallest terminal the screens are drawn in; below it only a notice shows.
const (
	minWidth  = 60
	minHeight = 16
)

// reloadEvery is how often the list is read again, so that changes by
// another officer or a cron job show up.
const reloadEvery = 2 * time.Second

// shared is what every screen reads: looks, keys and clock.
type shared struct {
	styles Styles
	keys   KeyMap
	source string           // what is shown, for the header
	now    func() time.Time // the clock
}

// screenID names the screen in front.
type screenID int

const (
	onList screenID = iota
	onDetail
	onOther   // the Other mail list
	onMessage // one message of the Other mail
)

// The results of database reads and writes. Each carries the id of the
// request that asked for it; an answer to an older request is dropped.
type (
	listLoadedMsg struct {
		req  uint64
		page listPage
		err  error
	}
	caseLoadedMsg struct {
		req  uint64
		id   int64
		data register.CaseDetail
		err  error
	}
	otherLoadedMsg struct {
		req  uint64
		msgs []register.Message
		err  error
	}
	messageLoadedMsg struct {
		req  uint64
		id   int64
		data register.Message
		err  error
	}
	// savedMsg answers a decision on a case or a message: what was
	// decided, and the error if it was not saved.
	savedMsg struct {
		req  uint64
		what string
		err  error
	}
	// caseOpenedMsg answers the opening of a case from a message.
	caseOpenedMsg struct {
		req    uint64
		caseID int64
		err    error
	}
	// seenMsg answers the clearing of a case's new-activity mark.
	seenMsg struct {
		req    uint64
		caseID int64
		err    error
	}
	// reloadTickMsg asks for the periodic reload of the list.
	reloadTickMsg struct{}
	// syncCrashedMsg says the background sync panicked: the program quits.
	syncCrashedMsg struct{}
)

// model is the root model: it owns the screens and the overlays, routes
// keys and messages to them, and starts every database read and write as a
// tea.Cmd.
type model struct {
	ctx context.Context // ends the database work when the program stops
	db  *register.DB
	sh  *shared

	width, height int
	on            screenID
	list          listScreen
	detail        detailScreen  // valid while on == onDetail
	other         otherScreen   // valid while on == onOther or onMessage
	message       messageScreen // valid while on == onMessage
	help          bool          // the help screen covers the current screen
	ask           *question     // a yes/no question waits for its answer
	kinds         *kindsPicker  // the kinds checklist is open
	ident         *identityMenu // the identity menu is open
	attach        *attachPicker // the list of attachments to remove one from is open
	status        statusLine

	seq        uint64 // request counter
	listReq    uint64 // the list read whose answer is wanted
	listBusy   bool   // that read has not answered yet
	detailReq  uint64 // the case read whose answer is wanted; 0: none
	otherReq   uint64 // the Other mail read whose answer is wanted; 0: none
	otherBusy  bool
	messageReq uint64 // the message read whose answer is wanted; 0: none
	writeReq   uint64 // the last decision sent to the database
	seenReq    uint64 // the last new-activity mark being cleared

	reloadEvery time.Duration // 0: no periodic reload

	// remove removes an attachment from a stored message (Options.RemoveAttachment).
	remove func(ctx context.Context, messageID int64, index int) (register.Attachment, error)

	// crashed, if set, is told of a panic in Update, View or a command
	// before Bubble Tea restores the terminal.
	crashed func(what string, r any, stack []byte)
}

// newModel returns the root model for opts. Database work runs under ctx.
func newModel(ctx context.Context, opts Options) *model {
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	sh := &shared{
		styles: NewStyles(colorprofile.ANSI),
		keys:   DefaultKeyMap(),
		source: opts.Source,
		now:    now,
	}
	m := &model{
		ctx:         ctx,
		db:          opts.DB,
		sh:          sh,
		list:        listScreen{sh: sh},
		other:       otherScreen{sh: sh},
		status:      statusLine{watching: opts.Watch != nil},
		reloadEvery: reloadEvery,
		remove:      opts.RemoveAttachment,
	}
	return m
}

// Init reads the list and starts the periodic reload.
func (m *model) Init() tea.Cmd {
	return tea.Batch(m.loadList(), m.tick())
}

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

// loadList starts a read of the case list.
func (m *model) loadList() tea.Cmd {
	m.listBusy = true
	today := register.Today(m.sh.now())
	return m.dbCmd(&m.listReq, "reading the case list", func(ctx context.Context, db *register.DB, req uint64) tea.Msg {
		page, err := readList(ctx, db, today)
		return listLoadedMsg{req: req, page: page, err: err}
	})
}

// loadDetail starts a read of the open case.
func (m *model) loadDetail() tea.Cmd {
	if m.on != onDetail {
		return nil
	}
	id := m.detail.caseID
	return m.dbCmd(&m.detailReq, "reading a case", func(ctx context.Context, db *register.DB, req uint64) tea.Msg {
		data, err := readCase(ctx, db, id)
		return caseLoadedMsg{req: req, id: id, data: data, err: err}
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
	return m.dbCmd(&m.writeReq, "saving: "+what, func(ctx context.Context, db *register.DB, req uint64) tea.Msg {
		return savedMsg{req: req, what: what, err: write(ctx, db)}
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

// tick schedules the next periodic reload.
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

// conflictNote is the status line's word on a decision refused because
// the case changed meanwhile.
const conflictNote = "Not saved: changed meanwhile by someone else. Shown afresh: check, retry."

// Update handles one message. It does no I/O: reads and writes are
// returned as Cmds.
func (m *model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	defer recordPanic(m.crashed, "the screen update")
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.resize()
	case tea.ColorProfileMsg:
		m.sh.styles = NewStyles(msg.Profile)
		switch m.on {
		case onDetail:
			m.detail.build()
		case onMessage:
			m.message.build()
		}
	case listLoadedMsg:
		if msg.req != m.listReq {
			break // an older read: a newer one is on its way
		}
		m.listBusy = false
		if msg.err != nil {
			m.status.loadErr = msg.err.Error()
			break
		}
		m.status.loadErr = ""
		m.list.SetPage(msg.page)
	case caseLoadedMsg:
		if msg.req != m.detailReq || m.on != onDetail || msg.id != m.detail.caseID {
			break
		}
		m.detail.SetCase(msg.data, msg.err)
		if msg.err == nil && msg.data.NewActivity {
			return m, m.markSeen(msg.id)
		}
	case otherLoadedMsg:
		if msg.req != m.otherReq {
			break
		}
		m.otherBusy = false
		if msg.err != nil {
			m.status.loadErr = msg.err.Error()
			break
		}
		m.status.loadErr = ""
		m.other.SetMessages(msg.msgs)
	case messageLoadedMsg:
		if msg.req != m.messageReq || m.on != onMessage || msg.id != m.message.msgID {
			break
		}
		m.message.SetMessage(msg.data, msg.err)
	case savedMsg:
		if msg.req == m.writeReq {
			m.noteResult(msg.what+": saved", msg.err)
		}
		return m, m.reload()
	case removedMsg:
		if msg.req == m.writeReq {
			m.noteRemoved(msg)
		}
		return m, m.reload()
	case caseOpenedMsg:
		if msg.req == m.writeReq {
			m.noteResult("case opened; its clock started when the message arrived", msg.err)
		}
		if msg.err != nil {
			return m, m.reload()
		}
		m.on, m.detailReq, m.otherReq, m.messageReq = onList, 0, 0, 0
		m.list.Select(msg.caseID)
		return m, m.loadList()
	case seenMsg:
		if msg.err != nil {
			m.status.loadErr = "marking the case seen: " + msg.err.Error()
			break
		}
		if msg.req == m.seenReq && !m.listBusy {
			return m, m.loadList()
		}
	case reloadTickMsg:
		var load, other tea.Cmd
		if !m.listBusy {
			load = m.loadList()
		}
		if !m.otherBusy {
			other = m.loadOther()
		}
		return m, tea.Batch(load, other, m.tick())
	case SyncEvent:
		m.status.sync, m.status.seen = msg, true
		if msg.changed() {
			return m, m.reload()
		}
	case syncCrashedMsg:
		return m, tea.Quit
	case tea.PasteMsg:
		if m.ident != nil && m.ident.typing && !m.help {
			m.ident.Update(msg, m.sh.keys)
		}
	case tea.KeyPressMsg:
		return m, m.key(msg)
	}
	return m, nil
}

// noteResult shows in the status line what a decision came to: ok when it
// was saved, or why not.
func (m *model) noteResult(ok string, err error) {
	switch {
	case err == nil:
		m.status.note, m.status.noteErr = ok, false
	case errors.Is(err, register.ErrConflict):
		m.status.note, m.status.noteErr = conflictNote, true
	default:
		m.status.note, m.status.noteErr = "Not saved: "+CleanLine(err.Error()), true
	}
}

// reload reads again what the screen in front shows.
func (m *model) reload() tea.Cmd {
	return tea.Batch(m.loadList(), m.loadDetail(), m.loadOther(), m.loadMessage())
}

// resize hands the new size to the screens; the status line takes one row.
func (m *model) resize() {
	m.list.SetSize(m.width, m.height-1)
	m.other.SetSize(m.width, m.height-1)
	switch m.on {
	case onDetail:
		m.detail.SetSize(m.width, m.height-1)
	case onMessage:
		m.message.SetSize(m.width, m.height-1)
	}
}

// key routes a key press: help, a question and the overlays first, then
// the screen in front.
func (m *model) key(k tea.KeyPressMsg) tea.Cmd {
	keys := m.sh.keys
	m.status.note = "" // a note lasts until the next key
	switch {
	case m.help:
		switch {
		case key.Matches(k, keys.Help.ForceQuit):
			return tea.Quit
		case key.Matches(k, keys.Help.Close):
			m.help = false
		}
		return nil
	case m.ask != nil:
		q := m.ask
		m.ask = nil // "n", Esc or any other key: no
		switch {
		case key.Matches(k, keys.Confirm.Yes):
			return q.yes()
		case key.Matches(k, keys.List.ForceQuit):
			return tea.Quit
		}
		return nil
	case m.ident != nil:
		return m.identityKey(k)
	case m.kinds != nil:
		return m.kindsKey(k)
	case m.attach != nil:
		return m.attachKey(k)
	}

	switch m.on {
	case onDetail:
		return m.detailKey(k)
	case onOther:
		return m.otherKey(k)
	case onMessage:
		return m.messageKey(k)
	}
	lk := keys.List
	switch {
	case key.Matches(k, lk.ForceQuit):
		return tea.Quit
	case key.Matches(k, lk.Help):
		m.help = true
	case key.Matches(k, lk.Quit):
		m.ask = &question{text: "Quit dsrdesk? (y/n)", yes: func() tea.Cmd { return tea.Quit }}
	case key.Matches(k, lk.Reload):
		return m.loadList()
	case key.Matches(k, lk.OtherMail):
		m.on = onOther
		m.other = otherScreen{sh: m.sh} // not what it showed the last time: read afresh
		m.other.SetSize(m.width, m.height-1)
		return m.loadOther()
	case key.Matches(k, lk.Open):
		c, ok := m.list.Selected()
		if !ok {
			return nil
		}
		m.detail = newDetail(m.sh, c.ID, m.width, m.height-1)
		m.on = onDetail
		return m.loadDetail()
	default:
		return m.list.Update(k)
	}
	return nil
}

// detailKey handles a key on the case detail.
func (m *model) detailKey(k tea.KeyPressMsg) tea.Cmd {
	dk := m.sh.keys.Detail
	c := m.detail.data
	switch {
	case key.Matches(k, dk.ForceQuit):
		return tea.Quit
	case key.Matches(k, dk.Help):
		m.help = true
	case key.Matches(k, dk.Back):
		m.on, m.detailReq = onList, 0
	case key.Matches(k, dk.Reload):
		return m.reload()
	case key.Matches(k, dk.Kinds):
		if c != nil {
			m.kinds = newKindsPicker("Kinds of request · "+CleanLine(c.Tag), c.Kinds,
				kindsTarget{caseID: c.ID, version: c.Version})
		}
	case key.Matches(k, dk.Identity):
		if c != nil {
			m.ident = newIdentityMenu(c.Case)
		}
	case key.Matches(k, dk.Wait):
		if c != nil {
			m.ask = m.waitQuestion(c.Case)
		}
	case key.Matches(k, dk.Attachment):
		if c != nil {
			m.startRemoval(*c)
		}
	default:
		return m.detail.Update(k)
	}
	return nil
}

// waitQuestion asks before case c starts or stops waiting for identifying
// information.
func (m *model) waitQuestion(c register.Case) *question {
	id, version, waiting := c.ID, c.Version, !c.WaitingForID
	text := "Start waiting for identifying information? The strict due date stays; " +
		"the date adjusted for the days of waiting is shown beside it. (y/n)"
	what := "waiting for identifying information"
	if !waiting {
		text = "Stop waiting for identifying information? The clock runs again from now. (y/n)"
		what = "identifying information received"
	}
	return &question{text: text, yes: func() tea.Cmd {
		return m.decide(what, func(ctx context.Context, db *register.DB) error {
			return db.WaitForID(ctx, id, version, waiting)
		})
	}}
}

// otherKey handles a key on the Other mail list.
func (m *model) otherKey(k tea.KeyPressMsg) tea.Cmd {
	ok := m.sh.keys.Other
	switch {
	case key.Matches(k, ok.ForceQuit):
		return tea.Quit
	case key.Matches(k, ok.Help):
		m.help = true
	case key.Matches(k, ok.Back):
		m.on, m.otherReq = onList, 0
		return m.loadList()
	case key.Matches(k, ok.Reload):
		return m.loadOther()
	case key.Matches(k, ok.Open):
		msg, found := m.other.Selected()
		if !found {
			return nil
		}
		m.message = newMessageView(m.sh, msg.ID, m.width, m.height-1)
		m.on = onMessage
		return m.loadMessage()
	case key.Matches(k, ok.MakeCase):
		if msg, found := m.other.Selected(); found {
			m.startCase(msg)
		}
	case key.Matches(k, ok.NotRequest):
		if msg, found := m.other.Selected(); found {
			m.ask = m.notRequestQuestion(msg)
		}
	default:
		return m.other.Update(k)
	}
	return nil
}

// messageKey handles a key on the message view.
func (m *model) messageKey(k tea.KeyPressMsg) tea.Cmd {
	mk := m.sh.keys.Message
	msg := m.message.data
	switch {
	case key.Matches(k, mk.ForceQuit):
		return tea.Quit
	case key.Matches(k, mk.Help):
		m.help = true
	case key.Matches(k, mk.Back):
		m.on, m.messageReq = onOther, 0
		return m.loadOther()
	case key.Matches(k, mk.MakeCase):
		if msg != nil {
			m.startCase(*msg)
		}
	case key.Matches(k, mk.NotRequest):
		if msg != nil {
			m.ask = m.notRequestQuestion(*msg)
		}
	default:
		return m.message.Update(k)
	}
	return nil
}

// startCase opens the kinds checklist for a case to be made of msg, ticked
// with the kinds the classifier saw in it.
func (m *model) startCase(msg register.Message) {
	if msg.CaseID != 0 {
		m.status.note, m.status.noteErr = "This message is already in a case.", true
		return
	}
	m.kinds = newKindsPicker("Kinds of the new case", msg.Kinds,
		kindsTarget{msgID: msg.ID, received: msg.ReceivedAt})
}

// notRequestQuestion asks before msg is recorded as not a request.
func (m *model) notRequestQuestion(msg register.Message) *question {
	id := msg.ID
	return &question{
		text: "Not a request: record that an officer checked this message? It stays in Other mail, marked =. (y/n)",
		yes: func() tea.Cmd {
			return m.decide("not a request", func(ctx context.Context, db *register.DB) error {
				return db.ConfirmNotRequest(ctx, id)
			})
		},
	}
}

// kindsKey handles a key while the kinds checklist is open.
func (m *model) kindsKey(k tea.KeyPressMsg) tea.Cmd {
	kk := m.sh.keys.Kinds
	switch {
	case key.Matches(k, kk.ForceQuit):
		return tea.Quit
	case key.Matches(k, kk.Help):
		m.help = true
		return nil
	}
	p := m.kinds
	switch p.Update(k, kk) {
	case cancel:
		m.kinds = nil
	case done:
		m.kinds = nil
		kinds, t := p.Kinds(), p.target
		if t.msgID != 0 {
			m.ask = &question{
				text: "Open a case from this message? The clock starts at its receipt, " +
					t.received.In(register.Helsinki).Format("2006-01-02 15:04") + ". (y/n)",
				yes: func() tea.Cmd { return m.openCase(t.msgID, kinds) },
			}
			return nil
		}
		return m.decide("kinds", func(ctx context.Context, db *register.DB) error {
			return db.SetKinds(ctx, t.caseID, t.version, kinds)
		})
	}
	return nil
}

// identityKey handles a key while the identity menu is open.
func (m *model) identityKey(k tea.KeyPressMsg) tea.Cmd {
	keys := m.sh.keys
	menu := m.ident
	switch {
	case key.Matches(k, keys.Identity.ForceQuit):
		return tea.Quit
	case menu.typing && key.Matches(k, keys.Input.Help), !menu.typing && key.Matches(k, keys.Identity.Help):
		m.help = true
		return nil
	}
	switch menu.Update(k, keys) {
	case cancel:
		m.ident = nil
	case done:
		m.ident = nil
		id, caseID, version := menu.Identity(), menu.caseID, menu.version
		return m.decide("identity", func(ctx context.Context, db *register.DB) error {
			return db.SetIdentity(ctx, caseID, version, id)
		})
	}
	return nil
}

// View draws the screen in the alternate screen buffer, without the mouse.
func (m *model) View() tea.View {
	defer recordPanic(m.crashed, "drawing the screen")
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeNone
	return v
}

// helpFor returns the name, keys and notes of what is in front, for the
// help screen.
func (m *model) helpFor() (string, []key.Binding, []string) {
	keys := m.sh.keys
	switch {
	case m.ident != nil && m.ident.typing:
		return "proof of authority (any other key types)", keys.Input.Bindings(), nil
	case m.ident != nil:
		return "identity", keys.Identity.Bindings(), nil
	case m.kinds != nil:
		return "kinds of request", keys.Kinds.Bindings(), []string{"Kinds: " + kindsLegend()}
	case m.attach != nil:
		return "remove an attachment", keys.Attach.Bindings(), attachNotes()
	}
	switch m.on {
	case onDetail:
		return "case", m.detail.Keys(), nil
	case onOther:
		return "other mail", m.other.Keys(), otherNotes()
	case onMessage:
		return "message", m.message.Keys(), otherNotes()
	}
	return "case list", m.list.Keys(), listNotes()
}

// render draws the whole screen: exactly height lines, none wider than the
// terminal.
func (m *model) render() string {
	w, h := m.width, m.height
	if w <= 0 || h <= 0 {
		return ""
	}
	if w < minWidth || h < minHeight {
		msg := fmt.Sprintf("dsrdesk needs a terminal of at least %d×%d (now %d×%d)", minWidth, minHeight, w, h)
		return clip(lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, ansi.Wrap(msg, w, "")), w, h)
	}

	st := m.sh.styles
	if m.help {
		name, bindings, notes := m.helpFor()
		body := helpView(st, w, h-1, name, bindings, notes, m.sh.keys.Help.Bindings())
		return clip(body+"\n"+m.status.render(st, w, m.sh.now(), ""), w, h)
	}
	var body string
	switch m.on {
	case onDetail:
		body = m.detail.View()
	case onOther:
		body = m.other.View()
	case onMessage:
		body = m.message.View()
	default:
		body = m.list.View()
	}
	switch {
	case m.ident != nil:
		body = overlay(body, m.ident.View(st, w, m.sh.keys), w, h-1)
	case m.kinds != nil:
		body = overlay(body, m.kinds.View(st, w, m.sh.keys.Kinds), w, h-1)
	case m.attach != nil:
		body = overlay(body, m.attach.View(st, w, h-1, m.sh.keys.Attach), w, h-1)
	}
	question := ""
	if m.ask != nil {
		if ansi.StringWidth(m.ask.text) <= w {
			question = m.ask.text
		} else {
			body = overlay(body, m.ask.View(st, w), w, h-1)
			question = "y/n?"
		}
	}
	return clip(body+"\n"+m.status.render(st, w, m.sh.now(), question), w, h)
}

// clip cuts s to at most h lines of at most w cells: a last guard against a
// line that would wrap and scroll the screen.
func clip(s string, w, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		if ansi.StringWidth(l) > w {
			lines[i] = ansi.Truncate(l, w, "")
		}
	}
	return strings.Join(lines, "\n")
}
