package ui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// choice is one entry of a menu.
type choice struct {
	label   string         // clean, one line
	refusal string         // why it cannot be chosen now; "" when it can
	pick    func() tea.Cmd // what choosing it starts; nil in a menu whose owner acts on the choice
}

// choiceMenu is a box of choices with a cursor, scrolled when they do not
// all fit: the menu of rights to carry out, of linked entries, of fields,
// of languages, and the identity menu's list. Choosing a refused choice
// shows why, in the box, and leaves the menu open.
type choiceMenu struct {
	rowCursor
	title   string   // clean
	name    string   // what the help screen calls it
	intro   []string // clean lines above the choices
	items   []choice
	want    int    // the box's width, at most
	problem string // why the last choice was refused; "" for none
	shown   int    // how many choices the last View showed, for paging
	// onCancel, if set, is called once Cancel has closed the menu: it may
	// ask before what is in the menu is dropped.
	onCancel func()
}

// menuChrome is how many lines of a menu's box are not choices, besides
// its intro and its problem: the frame, the blank line and the key legend.
const menuChrome = 4

// Chosen returns the choice under the cursor.
func (c *choiceMenu) Chosen() choice { return c.items[c.cursor] }

// Update moves the cursor; Choose closes the menu unless the choice is
// refused, Cancel closes it.
func (c *choiceMenu) Update(k tea.KeyPressMsg, keys MenuKeys) outcome {
	switch {
	case key.Matches(k, keys.Choose):
		if r := c.Chosen().refusal; r != "" {
			c.problem = r
			return stay
		}
		return done
	case key.Matches(k, keys.Cancel):
		return cancel
	}
	c.problem = ""
	c.move(k, keys.ScrollKeys, len(c.items), max(1, c.shown))
	return stay
}

// View draws the menu as a box at most width cells wide and height lines
// high, the cursor always in sight.
func (c *choiceMenu) View(st Styles, width, height int, keys MenuKeys) string {
	inner := boxInner(width, c.want)
	var problem []string
	if c.problem != "" {
		for _, l := range wrapLines(c.problem, inner) {
			problem = append(problem, st.Error.Render(l))
		}
	}
	lines := make([]string, 0, height)
	for _, l := range c.intro {
		for _, w := range wrapLines(l, inner) {
			lines = append(lines, st.Muted.Render(w))
		}
	}
	rows := max(1, height-menuChrome-len(lines)-len(problem))
	c.shown = rows
	c.clamp(len(c.items), rows)
	end := min(len(c.items), c.offset+rows)
	for i := c.offset; i < end; i++ {
		line := "  " + c.items[i].label
		if i == c.cursor {
			line = st.Selected.Render(fit("> "+c.items[i].label, inner))
		} else if c.items[i].refusal != "" {
			line = st.Muted.Render(line)
		}
		lines = append(lines, line)
	}
	lines = append(lines, "")
	lines = append(lines, problem...)
	more := ""
	if len(c.items) > rows {
		more = fmt.Sprintf("%d–%d of %d · ", c.offset+1, end, len(c.items))
	}
	lines = append(lines, st.Muted.Render(more+hints(
		hint{keys.Choose, "choose"}, hint{keys.Cancel, "cancel"}, hint{keys.Help, "keys"})))
	return box(st, c.title, lines, width, c.want)
}
