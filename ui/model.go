package ui

import (
	"context"
	"fmt"
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

// reloadEvery is how often the database is asked whether anyone committed
// a change (PRAGMA data_version, see checkChanged); what the screen shows
// is read again only then, so that changes by another officer or a cron
// job show up within a second.
const reloadEvery = 500 * time.Millisecond

// shared is what every screen reads: looks, keys and clock.
type shared struct {
	styles Styles
	look   look // the terminal's colours, which styles follow
	keys   KeyMap
	source string           // what is shown, for the header
	now    func() time.Time // the clock
}

// screenID names the screen in front.
type screenID int

const (
	onList screenID = iota
	onDetail
	onOther    // the Other mail list
	onMessage  // one message of the Other mail
	onRegister // the customer register: search, link and unlink
	onCard     // the card of one register entry
	onReport   // the accountability report
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
		req   uint64
		id    int64
		data  register.CaseDetail
		links caseLinks
		tell  tellRead
		err   error
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
		done string         // the status line's words when saved; "" for "what: saved"
		then func() tea.Cmd // called once it is saved; nil for nothing
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
	detail        detailScreen   // valid while on == onDetail
	other         otherScreen    // valid while on == onOther or onMessage
	message       messageScreen  // valid while on == onMessage
	register      registerScreen // valid while on == onRegister, or onCard opened from it
	card          cardScreen     // valid while on == onCard
	report        reportScreen   // valid while on == onReport
	help          bool           // the help screen covers the current screen
	helpAt        helpScroll     // how far the help screen is scrolled
	ask           *question      // a yes/no question waits for its answer
	kinds         *kindsPicker   // the kinds checklist is open
	ident         *identityMenu  // the identity menu is open
	attach        *attachPicker  // the list of attachments to remove one from is open
	menu          *choiceMenu    // a menu: the rights to carry out, an entry or field to rectify, a language
	value         *valueField    // a text is being typed: a rectification's new value, a reason
	plan          *planView      // a plan waits for yes or no
	tell          *tellList      // the case's checklist of recipients to tell is open
	editor        *letterEditor  // the built-in editor of a letter covers the screen
	status        statusLine

	seq         uint64 // request counter
	listReq     uint64 // the list read whose answer is wanted
	listBusy    bool   // that read has not answered yet
	detailReq   uint64 // the case read whose answer is wanted; 0: none
	otherReq    uint64 // the Other mail read whose answer is wanted; 0: none
	otherBusy   bool
	messageReq  uint64     // the message read whose answer is wanted; 0: none
	registerReq uint64     // the register screen's case read whose answer is wanted; 0: none
	searchReq   uint64     // the register search whose answer is wanted; 0: none
	cardReq     uint64     // the customer card read whose answer is wanted; 0: none
	planReq     uint64     // the plan read whose answer is wanted; 0: none
	reportReq   uint64     // the report read whose answer is wanted; 0: none
	purgeReq    uint64     // the purge of closed cases under way
	checkReq    uint64     // the integrity check at start
	writeReq    uint64     // the last decision sent to the database
	letterReq   uint64     // the letter being suggested, composed or edited; 0: none
	deliverReq  uint64     // the last letter handed over to be saved or sent
	seenReq     uint64     // the last new-activity mark being cleared
	watch       watchState // the database's data version, checked every reloadEvery

	reloadEvery time.Duration // 0: no periodic reload

	// remove removes an attachment from a stored message (Options.RemoveAttachment).
	remove      func(ctx context.Context, messageID int64, index int) (register.Attachment, error)
	acts        actOptions    // where access reports go, how long records are kept
	replies     replyOptions  // how letters are written, edited and handed over
	closedYears int           // purge the cases closed longer ago (Options.ClosedCaseYears); 0: never
	purgedOn    register.Date // the day the last purge started
	// draftNotice, when set, drafts the letter that tells the requester of
	// case caseID's extension: the reply feature's (extend.go's seam).
	draftNotice func(caseID int64) tea.Cmd

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
	keys, err := KeyMapFrom(opts.Keys)
	if err != nil {
		keys = DefaultKeyMap() // Run refuses such options before it gets here
	}
	sh := &shared{
		styles: NewStyles(colorprofile.ANSI),
		keys:   keys,
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
		acts:        newActOptions(opts),
		replies:     newReplyOptions(opts),
		closedYears: opts.ClosedCaseYears,
	}
	m.list.read = m.readMore
	if m.replies.saveDraft != nil {
		m.draftNotice = func(id int64) tea.Cmd { return m.draftLetter(id, register.LetterExtension) }
	}
	return m
}

// Init reads the list, starts the periodic reload and purges the closed
// cases whose time is over.
func (m *model) Init() tea.Cmd {
	return tea.Batch(m.loadList(), m.purge(), m.checkDB(), m.tick(), tea.RequestBackgroundColor)
}

// conflictNote is the status line's word on a decision refused because
// the case changed meanwhile.
const conflictNote = "Not saved: another officer changed this case. Shown afresh: check, retry."

// Update handles one message. It does no I/O: reads and writes are
// returned as Cmds.
func (m *model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	defer recordPanic(m.crashed, "the screen update")
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.resize()
		if m.list.needsRead() {
			return m, m.readMore()
		}
	case tea.ColorProfileMsg, tea.BackgroundColorMsg:
		m.sh.styles = m.sh.look.update(msg)
		switch m.on {
		case onDetail:
			m.detail.build()
		case onMessage:
			m.message.build()
		case onCard:
			m.card.build()
		case onReport:
			m.report.build()
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
		if m.list.needsRead() {
			return m, m.loadList() // the cursor moved on meanwhile
		}
	case caseLoadedMsg:
		if msg.req != m.detailReq || m.on != onDetail || msg.id != m.detail.caseID {
			break
		}
		if msg.err == nil {
			m.detail.SetLinks(msg.links)
			m.detail.tell = msg.tell
			if m.tell != nil {
				m.tell.SetItems(msg.tell.list)
			}
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
	case registerCaseMsg, searchedMsg, cardLoadedMsg:
		m.registerAnswer(msg)
	case reportLoadedMsg:
		if msg.req == m.reportReq && m.on == onReport {
			m.report.SetFigures(msg.fig, msg.err)
		}
	case purgedMsg:
		return m, m.purged(msg)
	case checkedMsg:
		m.checked(msg)
		return m, nil
	case suggestedMsg:
		m.suggested(msg)
	case composedMsg:
		return m, m.composed(msg)
	case letterFileMsg:
		return m, m.letterFile(msg)
	case editedMsg:
		m.edited(msg)
	case deliveredMsg:
		return m, m.delivered(msg)
	case savedMsg:
		var then tea.Cmd
		if msg.req == m.writeReq {
			ok := msg.done
			if ok == "" {
				ok = msg.what + ": saved"
			}
			m.noteResult(ok, msg.err)
			if msg.err == nil && msg.then != nil {
				then = msg.then()
			}
		}
		return m, tea.Batch(m.reload(), then)
	case plannedMsg:
		m.planned(msg)
	case exportedMsg:
		if msg.req == m.writeReq {
			m.noteResult(exportedNote(msg.res), msg.err)
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
		return m, tea.Batch(m.checkChanged(), m.purge(), m.tick())
	case changedMsg:
		return m, m.changed(msg)
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
		if m.value != nil && !m.help {
			m.value.input.Update(msg, m.sh.keys.Input)
		}
		if m.editor != nil && !m.help && m.ask == nil {
			return m, m.editor.Update(tea.PasteMsg{Content: Clean(msg.Content)})
		}
		return m, m.pasteIntoSearch(msg)
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
	case refusalNote(err, m.sh.keys.Detail) != "":
		m.status.note, m.status.noteErr = refusalNote(err, m.sh.keys.Detail), true
	default:
		m.status.note, m.status.noteErr = "Not saved: "+CleanLine(err.Error()), true
	}
}

// reload reads again what the screen in front shows.
func (m *model) reload() tea.Cmd {
	return tea.Batch(m.loadList(), m.loadDetail(), m.loadOther(), m.loadMessage(), m.loadRegister(), m.loadCard(),
		m.loadReport())
}

// resize hands the new size to the screens, those behind the one in front
// too, which esc brings back; the status line takes one row.
func (m *model) resize() {
	w, h := m.width, m.height-1
	m.list.SetSize(w, h)
	m.other.SetSize(w, h)
	if m.detail.sh != nil {
		m.detail.SetSize(w, h)
	}
	if m.message.sh != nil {
		m.message.SetSize(w, h)
	}
	if m.register.sh != nil {
		m.register.SetSize(w, h)
	}
	if m.card.sh != nil {
		m.card.SetSize(w, h)
	}
	if m.report.sh != nil {
		m.report.SetSize(w, h)
	}
	if m.editor != nil {
		m.editor.SetSize(w, h)
	}
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
	case m.editor != nil:
		return "the letter (any other key types)", keys.Editor.Bindings(), editorNotes()
	case m.ident != nil && m.ident.typing:
		return "proof of authority (any other key types)", keys.Input.Bindings(), nil
	case m.ident != nil:
		return "identity", keys.Identity.Bindings(), nil
	case m.kinds != nil:
		return "kinds of request", keys.Kinds.Bindings(), []string{"Kinds: " + kindsLegend()}
	case m.attach != nil:
		return "remove an attachment", keys.Attach.Bindings(), attachNotes()
	case m.plan != nil:
		return "the plan: carry it out?", keys.Plan.Bindings(), planNotes()
	case m.value != nil:
		return m.value.name + " (any other key types)", keys.Input.Bindings(), nil
	case m.tell != nil:
		return "recipients to tell", keys.Tell.Bindings(), tellNotes()
	case m.menu != nil:
		return m.menu.name, keys.Menu.Bindings(), nil
	}
	switch m.on {
	case onDetail:
		return "case", m.detail.Keys(), nil
	case onOther:
		return "other mail", m.other.Keys(), otherNotes()
	case onMessage:
		return "message", m.message.Keys(), otherNotes()
	case onRegister:
		if m.register.typing {
			return "register search field (any other key types)", m.register.Keys(), registerNotes(true)
		}
		return "customer register", m.register.Keys(), registerNotes(false)
	case onCard:
		return "customer card", m.card.Keys(), nil
	case onReport:
		return "accountability report", m.report.Keys(), reportNotes()
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
		msg := fmt.Sprintf("dsrdesk needs at least %d×%d; this window is %d×%d", minWidth, minHeight, w, h)
		return clip(lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, ansi.Wrap(msg, w, "")), w, h)
	}

	st := m.sh.styles
	if m.help {
		name, bindings, notes := m.helpFor()
		body := helpView(st, w, h-1, name, bindings, notes, m.sh.keys.Help, &m.helpAt)
		return clip(body+"\n"+m.status.render(st, w, m.sh.now(), ""), w, h)
	}
	var body string
	switch {
	case m.editor != nil:
		body = m.editor.View(st, w, h-1, m.sh.keys.Editor)
	case m.on == onDetail:
		body = m.detail.View()
	case m.on == onOther:
		body = m.other.View()
	case m.on == onMessage:
		body = m.message.View()
	case m.on == onRegister:
		body = m.register.View()
	case m.on == onCard:
		body = m.card.View()
	case m.on == onReport:
		body = m.report.View()
	default:
		body = m.list.View()
	}
	switch {
	case m.ident != nil:
		body = overlay(body, m.ident.View(st, w, h-1, m.sh.keys), w, h-1)
	case m.kinds != nil:
		body = overlay(body, m.kinds.View(st, w, m.sh.keys.Kinds), w, h-1)
	case m.attach != nil:
		body = overlay(body, m.attach.View(st, w, h-1, m.sh.keys.Attach), w, h-1)
	case m.plan != nil:
		body = overlay(body, m.plan.View(st, w, h-2, m.sh.keys.Plan), w, h-1)
	case m.value != nil:
		body = overlay(body, m.value.View(st, w, m.sh.keys.Input), w, h-1)
	case m.tell != nil:
		body = overlay(body, m.tell.View(st, w, h-2, m.sh.keys.Tell), w, h-1)
	case m.menu != nil:
		body = overlay(body, m.menu.View(st, w, h-2, m.sh.keys.Menu), w, h-1)
	}
	if m.status.noteErr && !m.overlaid() && ansi.StringWidth(m.status.note) > w-len("? keys")-1 {
		// An error too long for the status line is shown whole until the next key.
		body = overlay(body, textBox(st, "Please read", m.status.note, st.Error, w), w, h-1)
	}
	question := ""
	if m.plan != nil {
		question = m.plan.question
	}
	if m.ask != nil {
		if ansi.StringWidth(m.ask.text) <= w {
			question = m.ask.text
		} else {
			body = overlay(body, m.ask.View(st, w), w, h-1)
			question = "y/n?"
		}
	}
	status := m.status
	if (m.ident != nil && m.ident.typing) || m.value != nil || m.editor != nil || (m.on == onRegister && m.register.typing) {
		status.helpKey = m.sh.keys.Input.Help.Help().Key
	} else {
		status.helpKey = m.helpKey()
	}
	return clip(body+"\n"+status.render(st, w, m.sh.now(), question), w, h)
}

// overlaid says whether an overlay or a question covers the screen.
func (m *model) overlaid() bool {
	return m.ask != nil || m.ident != nil || m.kinds != nil || m.attach != nil ||
		m.menu != nil || m.value != nil || m.plan != nil || m.tell != nil || m.editor != nil
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
