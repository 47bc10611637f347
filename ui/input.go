package ui

import (
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// lineInput is a one-line text field: what the officer types, with a
// cursor. Typed and pasted text passes Clean, so the value holds no
// control characters, escape sequences or line breaks.
type lineInput struct {
	value []rune
	pos   int // cursor, 0..len(value)
	limit int // most runes kept; 0: no limit
}

// Value returns the text typed so far.
func (in *lineInput) Value() string { return string(in.value) }

// SetValue replaces the text and puts the cursor at its end.
func (in *lineInput) SetValue(s string) {
	in.value = nil
	in.pos = 0
	in.insert(s)
}

// insert puts s at the cursor, cleaned, its line breaks made spaces.
func (in *lineInput) insert(s string) {
	var add []rune
	for _, r := range Clean(s) {
		switch {
		case r == '\n':
			add = append(add, ' ')
		case unicode.IsPrint(r) || r == ' ':
			add = append(add, r)
		}
	}
	if in.limit > 0 {
		add = add[:max(0, min(len(add), in.limit-len(in.value)))]
	}
	if len(add) == 0 {
		return
	}
	v := make([]rune, 0, len(in.value)+len(add))
	v = append(append(append(v, in.value[:in.pos]...), add...), in.value[in.pos:]...)
	in.value, in.pos = v, in.pos+len(add)
}

// Update edits the text for one key press or paste. Keys that leave the
// field (save, cancel, help) are the caller's.
func (in *lineInput) Update(msg tea.Msg, keys InputKeys) {
	switch msg := msg.(type) {
	case tea.PasteMsg:
		in.insert(msg.Content)
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, keys.Left):
			in.pos = max(0, in.pos-1)
		case key.Matches(msg, keys.Right):
			in.pos = min(len(in.value), in.pos+1)
		case key.Matches(msg, keys.Home):
			in.pos = 0
		case key.Matches(msg, keys.End):
			in.pos = len(in.value)
		case key.Matches(msg, keys.DeleteBack):
			if in.pos > 0 {
				in.value = append(in.value[:in.pos-1], in.value[in.pos:]...)
				in.pos--
			}
		case key.Matches(msg, keys.DeleteForward):
			if in.pos < len(in.value) {
				in.value = append(in.value[:in.pos], in.value[in.pos+1:]...)
			}
		case key.Matches(msg, keys.Clear):
			in.value, in.pos = nil, 0
		case msg.Text != "":
			in.insert(msg.Text)
		}
	}
}

// View draws the field in exactly width cells: the part of the text around
// the cursor, the cursor cell in the cursor style.
func (in *lineInput) View(width int, cursor lipgloss.Style) string {
	if width < 2 {
		width = 2
	}
	// The window [from, to) of runes shown, with the cursor in it and one
	// cell left for the cursor at the end.
	w := func(r rune) int { return max(1, ansi.StringWidth(string(r))) }
	from := 0
	used := 1 // the cursor cell at the end
	for i := in.pos - 1; i >= 0; i-- {
		if used+w(in.value[i]) > width {
			break
		}
		used += w(in.value[i])
		from = i
	}
	var b strings.Builder
	cells := 0
	for i := from; i <= len(in.value); i++ {
		ch := " "
		if i < len(in.value) {
			ch = string(in.value[i])
		}
		cw := max(1, ansi.StringWidth(ch))
		if cells+cw > width {
			break
		}
		if i == in.pos {
			b.WriteString(cursor.Render(ch))
		} else {
			b.WriteString(ch)
		}
		cells += cw
		if i == len(in.value) {
			break
		}
	}
	if cells < width {
		b.WriteString(strings.Repeat(" ", width-cells))
	}
	return b.String()
}

// valueField is a box with a one-line field the officer types into: a
// rectification's new value, the reason of an extension, a closing or a
// reopening. Save hands the text to submit; a refusal (the register's, or
// required's when the text is empty) shows under the field, which keeps
// what was typed.
type valueField struct {
	title    string
	name     string   // what the help screen calls it: "new value"
	intro    []string // clean lines above the prompt
	prompt   string   // the line over the field: "New value:"
	action   string   // what Save does, for the key legend: "show the plan"
	busyText string   // shown while submit's answer is awaited; "": submit closes the field
	required string   // refusal of an empty text; "": empty is allowed
	input    lineInput
	problem  string // why the last text was refused; "" for none
	busy     bool   // submit's answer is awaited
	back     *choiceMenu
	submit   func(value string) tea.Cmd
}

// valueBoxWidth is the widest the value field's box is drawn.
const valueBoxWidth = 72

// Update edits the text; Save submits it unless an answer is awaited or it
// is empty and required, Cancel closes the field.
func (v *valueField) Update(msg tea.Msg, keys InputKeys) outcome {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, keys.Save):
			if v.busy {
				return stay
			}
			if v.required != "" && strings.TrimSpace(v.input.Value()) == "" {
				v.problem = v.required
				return stay
			}
			return done
		case key.Matches(k, keys.Cancel):
			return cancel
		}
	}
	v.input.Update(msg, keys)
	v.problem = ""
	return stay
}

// View draws the field as a box at most width cells wide.
func (v *valueField) View(st Styles, width int, keys InputKeys) string {
	inner := boxInner(width, valueBoxWidth)
	var lines []string
	for _, l := range v.intro {
		lines = append(lines, wrapLines(l, inner)...)
	}
	if len(v.intro) > 0 {
		lines = append(lines, "")
	}
	lines = append(lines, v.prompt, "> "+v.input.View(inner-2, st.Selected), "")
	switch {
	case v.busy:
		lines = append(lines, st.Muted.Render(v.busyText))
	case v.problem != "":
		for _, l := range wrapLines(v.problem, inner) {
			lines = append(lines, st.Error.Render(l))
		}
	}
	lines = append(lines, st.Muted.Render(hints(
		hint{keys.Save, v.action}, hint{keys.Cancel, "back"}, hint{keys.Help, "keys"})))
	return box(st, v.title, lines, width, valueBoxWidth)
}

// valueKey handles a key while the value field is open.
func (m *model) valueKey(k tea.KeyPressMsg) tea.Cmd {
	ik := m.sh.keys.Input
	switch {
	case key.Matches(k, ik.ForceQuit):
		return tea.Quit
	case key.Matches(k, ik.Help):
		m.help = true
		return nil
	}
	v := m.value
	switch v.Update(k, ik) {
	case cancel:
		m.value, m.menu, m.planReq = nil, v.back, 0
	case done:
		v.problem = ""
		if v.busyText == "" {
			m.value = nil
		} else {
			v.busy = true
		}
		return v.submit(v.input.Value())
	}
	return nil
}
