package ui

import (
	"context"
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
)

// The results of database reads. Each carries the id of the request that
// asked for it; an answer to an older request is dropped.
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
	// reloadTickMsg asks for the periodic reload of the list.
	reloadTickMsg struct{}
	// syncCrashedMsg says the background sync panicked: the program quits.
	syncCrashedMsg struct{}
)

// model is the root model: it owns the screens, routes keys and messages to
// them, and starts every database read as a tea.Cmd.
type model struct {
	ctx context.Context // ends the database reads when the program stops
	db  *register.DB
	sh  *shared

	width, height int
	on            screenID
	list          listScreen
	detail        detailScreen // valid while on == onDetail
	help          bool         // the help screen covers the current screen
	confirmQuit   bool         // "Quit dsrdesk? (y/n)" is asked
	status        statusLine

	seq       uint64 // request counter
	listReq   uint64 // the list read whose answer is wanted
	listBusy  bool   // that read has not answered yet
	detailReq uint64 // the case read whose answer is wanted; 0: none

	reloadEvery time.Duration // 0: no periodic reload

	// crashed, if set, is told of a panic in Update, View or a command
	// before Bubble Tea restores the terminal.
	crashed func(what string, r any, stack []byte)
}

// newModel returns the root model for opts. Database reads run under ctx.
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
		status:      statusLine{watching: opts.Watch != nil},
		reloadEvery: reloadEvery,
	}
	return m
}

// Init reads the list and starts the periodic reload.
func (m *model) Init() tea.Cmd {
	return tea.Batch(m.loadList(), m.tick())
}

// loadList starts a read of the case list.
func (m *model) loadList() tea.Cmd {
	m.seq++
	req := m.seq
	m.listReq, m.listBusy = req, true
	ctx, db, today, crashed := m.ctx, m.db, register.Today(m.sh.now()), m.crashed
	return func() tea.Msg {
		defer recordPanic(crashed, "reading the case list")
		page, err := readList(ctx, db, today)
		return listLoadedMsg{req: req, page: page, err: err}
	}
}

// loadDetail starts a read of the open case.
func (m *model) loadDetail() tea.Cmd {
	if m.on != onDetail {
		return nil
	}
	m.seq++
	req := m.seq
	m.detailReq = req
	ctx, db, id, crashed := m.ctx, m.db, m.detail.caseID, m.crashed
	return func() tea.Msg {
		defer recordPanic(crashed, "reading a case")
		data, err := readCase(ctx, db, id)
		return caseLoadedMsg{req: req, id: id, data: data, err: err}
	}
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

// Update handles one message. It does no I/O: reads are returned as Cmds.
func (m *model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	defer recordPanic(m.crashed, "the screen update")
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.resize()
	case tea.ColorProfileMsg:
		m.sh.styles = NewStyles(msg.Profile)
		if m.on == onDetail {
			m.detail.build()
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
	case reloadTickMsg:
		var load tea.Cmd
		if !m.listBusy {
			load = m.loadList()
		}
		return m, tea.Batch(load, m.tick())
	case SyncEvent:
		m.status.sync, m.status.seen = msg, true
		if msg.changed() {
			return m, m.reload()
		}
	case syncCrashedMsg:
		return m, tea.Quit
	case tea.KeyPressMsg:
		return m, m.key(msg)
	}
	return m, nil
}

// reload reads the list and the open case again.
func (m *model) reload() tea.Cmd {
	return tea.Batch(m.loadList(), m.loadDetail())
}

// resize hands the new size to the screens; the status line takes one row.
func (m *model) resize() {
	m.list.SetSize(m.width, m.height-1)
	if m.on == onDetail {
		m.detail.SetSize(m.width, m.height-1)
	}
}

// key routes a key press: quitting and help first, then the screen in front.
func (m *model) key(k tea.KeyPressMsg) tea.Cmd {
	keys := m.sh.keys
	switch {
	case m.help:
		switch {
		case key.Matches(k, keys.Help.ForceQuit):
			return tea.Quit
		case key.Matches(k, keys.Help.Close):
			m.help = false
		}
		return nil
	case m.confirmQuit:
		switch {
		case key.Matches(k, keys.Confirm.Yes), key.Matches(k, keys.List.ForceQuit):
			return tea.Quit
		}
		m.confirmQuit = false // "n", Esc or any other key: stay
		return nil
	}

	switch m.on {
	case onDetail:
		dk := keys.Detail
		switch {
		case key.Matches(k, dk.ForceQuit):
			return tea.Quit
		case key.Matches(k, dk.Help):
			m.help = true
		case key.Matches(k, dk.Back):
			m.on, m.detailReq = onList, 0
		case key.Matches(k, dk.Reload):
			return m.reload()
		default:
			return m.detail.Update(k)
		}
	default:
		lk := keys.List
		switch {
		case key.Matches(k, lk.ForceQuit):
			return tea.Quit
		case key.Matches(k, lk.Help):
			m.help = true
		case key.Matches(k, lk.Quit):
			m.confirmQuit = true
		case key.Matches(k, lk.Reload):
			return m.loadList()
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
	var body string
	switch {
	case m.help && m.on == onDetail:
		body = helpView(st, w, h-1, "case", m.detail.Keys(), m.sh.keys.Help.Bindings())
	case m.help:
		body = helpView(st, w, h-1, "case list", m.list.Keys(), m.sh.keys.Help.Bindings())
	case m.on == onDetail:
		body = m.detail.View()
	default:
		body = m.list.View()
	}
	question := ""
	if m.confirmQuit {
		question = "Quit dsrdesk? (y/n)"
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
