package ui

import (
	"context"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"dsrdesk/register"
)

// Rectification (Art. 16) from the case screen: the entry, when several
// are linked; the field, from a menu of labels with their values; the new
// value, typed into a field that starts with the present one; then the
// plan, old → new, and yes or no. The register checks the value: its
// refusal shows in the field, which keeps what was typed.

// startRectify opens the menu of linked entries, or with only one linked,
// the menu of its fields.
func (m *model) startRectify() tea.Cmd {
	c := m.detail.data
	if c == nil {
		return nil
	}
	linked := m.detail.links.linked()
	if len(linked) == 1 {
		m.menu = m.fieldMenu(c.Case, linked[0])
		return nil
	}
	menu := &choiceMenu{title: "Rectify · " + CleanLine(c.Tag) + " · which entry?", name: "rectification: the entry",
		want: 68}
	for _, e := range linked {
		e := e
		menu.items = append(menu.items, choice{label: flagged(e), pick: func() tea.Cmd {
			m.menu = m.fieldMenu(c.Case, e)
			return nil
		}})
	}
	m.menu = menu
	return nil
}

// rectifiable are the fields a rectification offers, in the privacy
// notice's groups: all but the customer number, the entry's key.
func rectifiable() []string {
	var out []string
	for _, g := range register.FieldGroups {
		for _, f := range g.Fields {
			if f != "customer_number" {
				out = append(out, f)
			}
		}
	}
	return out
}

// fieldLabelWidth is the label column of the menu of fields.
const fieldLabelWidth = 28

// fieldMenu returns the menu of the fields of entry e to rectify for case c.
func (m *model) fieldMenu(c register.Case, e register.Customer) *choiceMenu {
	menu := &choiceMenu{title: "Rectify " + CleanLine(e.Number) + " · which field?", name: "rectification: the field",
		intro: []string{flagged(e)}, want: 76}
	for _, f := range rectifiable() {
		f := f
		menu.items = append(menu.items, choice{
			label: cell(register.FieldLabel(f), fieldLabelWidth) + fieldValue(f, e.Fields[f]),
			pick: func() tea.Cmd {
				m.value = m.valueFieldFor(c, e, f, menu)
				return nil
			},
		})
	}
	return menu
}

// valueFieldFor returns the field in which the new value of field f of
// entry e is typed, starting with the present one; esc returns to back.
func (m *model) valueFieldFor(c register.Case, e register.Customer, f string, back *choiceMenu) *valueField {
	now := fieldValue(f, e.Fields[f])
	v := &valueField{
		title: "Rectify " + CleanLine(e.Number) + " · " + register.FieldLabel(f),
		now:   now,
		back:  back,
	}
	v.input.limit = 500
	if now != "—" {
		v.input.SetValue(now)
	}
	id, number := c.ID, e.Number
	v.submit = func(value string) tea.Cmd {
		return m.readPlan(func(ctx context.Context, db *register.DB) (register.Plan, error) {
			return db.PlanRectification(ctx, id, number, f, value)
		})
	}
	return v
}

// valueField is the one-line field for a rectification's new value, with
// the register's refusal of the last value under it.
type valueField struct {
	title   string
	now     string // the value now, clean; "—" for none
	input   lineInput
	problem string // why the register refused the value; "" for none
	busy    bool   // the plan is being worked out
	back    *choiceMenu
	submit  func(value string) tea.Cmd // works the plan out
}

// valueBoxWidth is the widest the value field's box is drawn.
const valueBoxWidth = 72

// Update edits the value; Save submits it unless a plan is already being
// worked out, Cancel closes the field.
func (v *valueField) Update(msg tea.Msg, keys InputKeys) outcome {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, keys.Save):
			if v.busy {
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
	lines := []string{"Now: " + v.now, "", "New value:", "> " + v.input.View(inner-2, st.Selected), ""}
	switch {
	case v.busy:
		lines = append(lines, st.Muted.Render("Working out the plan…"))
	case v.problem != "":
		for _, l := range wrapLines(v.problem, inner) {
			lines = append(lines, st.Error.Render(l))
		}
	}
	lines = append(lines, st.Muted.Render(hints(
		hint{keys.Save, "show the plan"}, hint{keys.Cancel, "back"}, hint{keys.Help, "keys"})))
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
		v.busy, v.problem = true, ""
		return v.submit(v.input.Value())
	}
	return nil
}
