package ui

import (
	"context"
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"dsrdesk/register"
)

// The recipients to tell (Art. 19): a rectification, erasure or
// restriction carried out leaves a checklist of the recipients the data
// was disclosed to. The case screen says how many are still to tell; the
// checklist ticks them off, each tick recorded with the officer's name.

// tellRead is a case's checklist as read with the case, or why it could
// not be read.
type tellRead struct {
	list []register.Notification
	err  error
}

// readTell reads case id's checklist. It runs inside a tea.Cmd.
func readTell(ctx context.Context, db *register.DB, id int64) tellRead {
	list, err := db.Notifications(ctx, id)
	return tellRead{list: list, err: err}
}

// open counts the recipients still to tell.
func (t tellRead) open() int {
	n := 0
	for _, r := range t.list {
		if r.NotifiedAt.IsZero() {
			n++
		}
	}
	return n
}

// summary says how the checklist stands: "2 to tell of 3", "all 3 told".
func (t tellRead) summary() string {
	if n := t.open(); n > 0 {
		return fmt.Sprintf("%d to tell of %d", n, len(t.list))
	}
	return fmt.Sprintf("all %d told", len(t.list))
}

// writeTell writes the case screen's Recipients line, when there is a
// checklist or it could not be read.
func writeTell(b *textBuilder, t tellRead, keys DetailKeys) {
	switch {
	case t.err != nil:
		b.field("Recipients", "could not be read: "+CleanLine(t.err.Error()), b.st.Error)
	case len(t.list) == 0:
	case t.open() > 0:
		b.field("Recipients", fmt.Sprintf("%d to tell (Art. 19) · %s, then Recipients, ticks them off", t.open(),
			keys.Act.Help().Key), b.st.Warn)
	default:
		b.field("Recipients", t.summary()+" (Art. 19)", lipgloss.NewStyle())
	}
}

// tellNotes explain the checklist, for its help screen.
func tellNotes() []string {
	return []string{
		"Art. 19: tell each recipient the data was disclosed to of a rectification, erasure or restriction, " +
			"then tick it off here; the tick records when and by whom.",
	}
}

// tellList is the checklist overlay.
type tellList struct {
	rowCursor
	title   string
	items   []register.Notification
	problem string // why the last tick did nothing
}

// tellBoxWidth is the widest the checklist's box is drawn.
const tellBoxWidth = 76

// newTellList returns the checklist of items, titled title.
func newTellList(title string, items []register.Notification) *tellList {
	return &tellList{title: title, items: items}
}

// SetItems shows the checklist as read again, the cursor on its row.
func (l *tellList) SetItems(items []register.Notification) {
	l.items = items
	l.cursor = max(0, min(l.cursor, len(items)-1))
}

// Selected returns the recipient under the cursor.
func (l *tellList) Selected() (register.Notification, bool) {
	if l.cursor < 0 || l.cursor >= len(l.items) {
		return register.Notification{}, false
	}
	return l.items[l.cursor], true
}

// stateText says where a recipient stands: "to tell", or "told
// 2026-11-10 12:00 by anna".
func stateText(n register.Notification) string {
	if n.NotifiedAt.IsZero() {
		return "to tell"
	}
	return "told " + n.NotifiedAt.In(register.Helsinki).Format("2006-01-02 15:04") + " by " + CleanLine(n.Actor)
}

// View draws the checklist as a box at most width cells wide and height
// lines high.
func (l *tellList) View(st Styles, width, height int, keys TellKeys) string {
	inner := boxInner(width, tellBoxWidth)
	rows := max(1, height-7) // the frame, the column names, the blank line, the selected one, the problem, the legend
	l.clamp(len(l.items), rows)
	const who, what = 26, 20
	row := func(lead, mark, recipient, action, state string) string {
		return lead + cell(mark, 4) + cell(recipient, who) + " " + cell(action, what) + " " + state
	}
	lines := []string{st.ColumnHeader.Render(row("  ", "", "RECIPIENT", "OF THE", "STATE"))}
	if len(l.items) == 0 {
		lines = append(lines, st.Muted.Render("No recipient is waiting to be told."))
	}
	end := min(len(l.items), l.offset+rows)
	for i := l.offset; i < end; i++ {
		n := l.items[i]
		mark, state := "[ ]", "to tell"
		if !n.NotifiedAt.IsZero() {
			mark, state = "[x]", "told "+n.NotifiedAt.In(register.Helsinki).Format("01-02 15:04")
		}
		lead := "  "
		if i == l.cursor {
			lead = "> "
		}
		line := row(lead, mark, CleanLine(n.Recipient), CleanLine(n.Action), state)
		if i == l.cursor {
			line = st.Selected.Render(fit(line, inner))
		}
		lines = append(lines, line)
	}
	lines = append(lines, "")
	if n, ok := l.Selected(); ok {
		lines = append(lines, st.Muted.Render(CleanLine(n.Recipient)+": "+stateText(n)))
	}
	if l.problem != "" {
		lines = append(lines, st.Error.Render(l.problem))
	}
	lines = append(lines, st.Muted.Render(hints(hint{keys.Tick, "tick off"}, hint{keys.Close, "close"}, hint{keys.Help, "keys"})))
	return box(st, l.title, lines, width, tellBoxWidth)
}

// tellKey handles a key while the checklist is open: a tick is recorded at
// the version of the case the screen shows.
func (m *model) tellKey(k tea.KeyPressMsg) tea.Cmd {
	tk := m.sh.keys.Tell
	l := m.tell
	l.problem = ""
	switch {
	case key.Matches(k, tk.ForceQuit):
		return tea.Quit
	case key.Matches(k, tk.Help):
		m.help = true
	case key.Matches(k, tk.Close):
		m.tell = nil
	case key.Matches(k, tk.Down):
		l.cursor = min(l.cursor+1, len(l.items)-1)
	case key.Matches(k, tk.Up):
		l.cursor = max(l.cursor-1, 0)
	case key.Matches(k, tk.Tick):
		n, ok := l.Selected()
		c := m.detail.data
		switch {
		case !ok || c == nil:
		case !n.NotifiedAt.IsZero():
			l.problem = CleanLine(n.Recipient) + " is ticked off already."
		default:
			id, version, recipient, action := c.ID, c.Version, n.Recipient, n.Action
			done := "Ticked off: " + CleanLine(recipient) + " told of the " + CleanLine(action)
			return m.decideSaying("recipient told", done, func(ctx context.Context, db *register.DB) error {
				return db.MarkNotified(ctx, id, version, recipient, action)
			})
		}
	}
	return nil
}
