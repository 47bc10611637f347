package ui

import (
	"context"

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
		title:    "Rectify " + CleanLine(e.Number) + " · " + register.FieldLabel(f),
		name:     "new value",
		intro:    []string{"Now: " + now},
		prompt:   "New value:",
		action:   "show the plan",
		busyText: "Working out the plan…",
		back:     back,
	}
	v.input.limit = 500
	if now != "—" {
		v.input.SetValue(now)
	}
	id, number, raw := c.ID, e.Number, e.Fields[f]
	v.submit = func(value string) tea.Cmd {
		if now != "—" && value == now {
			// Left as shown: the value itself, not its cleaned display,
			// whose marks for hidden characters would replace them.
			value = raw
		}
		return m.readPlan(func(ctx context.Context, db *register.DB) (register.Plan, error) {
			return db.PlanRectification(ctx, id, number, f, value)
		})
	}
	return v
}
