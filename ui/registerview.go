package ui

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// registerColumns are the widths of the register screen's columns; link is
// 0 when the screen searches for no case.
type registerColumns struct {
	number, mark, link, name, company, contact int
}

// searchHint says what the field searches by, for an empty screen.
const searchHint = "Type a name, company, customer number, business ID, e-mail address or phone number."

// columns returns the widths for the rows listed and the width.
func (r *registerScreen) columns() registerColumns {
	c := registerColumns{number: len("NUMBER"), mark: 2}
	for _, row := range r.rows {
		c.number = max(c.number, ansi.StringWidth(CleanLine(row.entry.Number)))
	}
	c.number = min(c.number, 14)
	rest := r.width - 2 - c.number - 1 - 2 // the cursor, the gaps
	if r.caseID != 0 {
		c.link = len("auto-linked")
		rest -= c.link + 1
	}
	c.name = max(8, rest*3/10)
	c.company = max(8, rest*3/10)
	c.contact = max(8, rest-c.name-c.company-c.mark-1) // the marks take their cells from the contact
	return c
}

// formatRow lays out one row from clean cells; mark is entryMark's.
func (r *registerScreen) formatRow(c registerColumns, lead, number, mark, link, name, company, contact string) string {
	s := cell(lead, 2) + cell(number, c.number) + " " + cell(mark, c.mark) + " "
	if c.link > 0 {
		s += cell(link, c.link) + " "
	}
	return s + cell(name, c.name) + " " + cell(company, c.company) + " " + cell(contact, c.contact)
}

// contactCell is the last column of row: the phone number or business ID
// when the search matched it, else the e-mail address, else the phone.
func contactCell(row registerRow) string {
	switch row.found {
	case "phone":
		return entryField(row.entry, "phone")
	case "business ID":
		return entryField(row.entry, "business_id")
	}
	if e := entryField(row.entry, "email"); e != "" {
		return e
	}
	return entryField(row.entry, "phone")
}

// View draws the title, the search field, the column names, the rows, two
// lines on the selected entry and the key legend: exactly height lines of
// width cells.
func (r *registerScreen) View() string {
	st := r.sh.styles
	c := r.columns()
	lines := []string{
		spread(r.title(), st.Title, r.count(), r.width),
		r.field(),
		fit(st.ColumnHeader.Render(r.formatRow(c, "", "NUMBER", "", "LINK", "NAME", "COMPANY", "E-MAIL / PHONE")), r.width),
	}
	if note, style := r.empty(); note != "" {
		for _, l := range wrapLines(note, max(1, r.width-2)) {
			lines = append(lines, fit(style.Render("  "+l), r.width))
		}
	}
	end := min(len(r.rows), r.offset+r.rowsShown())
	for i := r.offset; i < end; i++ {
		row := r.rows[i]
		lead := "  "
		if i == r.cursor {
			lead = "> "
		}
		line := fit(r.formatRow(c, lead, CleanLine(row.entry.Number), entryMark(row.entry), linkCell(row.cand), entryName(row.entry),
			entryField(row.entry, "company_name"), contactCell(row)), r.width)
		if i == r.cursor && !r.typing {
			line = st.Selected.Render(line)
		}
		lines = append(lines, line)
	}
	if len(lines) > r.height-3 {
		lines = lines[:max(0, r.height-3)]
	}
	for len(lines) < r.height-3 {
		lines = append(lines, "")
	}
	lines = append(lines, r.about()...)
	lines = append(lines, fit(st.Muted.Render(r.legend()), r.width))
	return strings.Join(lines[:r.height], "\n")
}

// title names the screen and the case it links to.
func (r *registerScreen) title() string {
	t := "Customer register"
	switch {
	case r.caseID == 0:
		return t + " · search"
	case r.kase == nil:
		return t + " · for a case"
	}
	t += " · for " + CleanLine(r.kase.Tag)
	if who := CleanLine(r.kase.Requester.Name); who != "" {
		t += " · " + who
	} else if who := CleanLine(r.kase.Requester.Email); who != "" {
		t += " · " + who
	}
	return t
}

// count is the title's right end: how many entries are listed, styled.
func (r *registerScreen) count() string {
	st := r.sh.styles
	switch {
	case r.searching() && strings.TrimSpace(r.input.Value()) != "":
		return st.Muted.Render("searching…")
	case strings.TrimSpace(r.query) != "" && r.more:
		return st.Warn.Render(fmt.Sprintf("more than %d — type more", len(r.hits)))
	case strings.TrimSpace(r.query) != "":
		return fmt.Sprintf("%d found", len(r.hits))
	case r.caseID != 0 && r.kase != nil:
		linked := 0
		for _, c := range r.cands {
			if c.Linked {
				linked++
			}
		}
		return fmt.Sprintf("%d linked · %d offered", linked, len(r.cands)-linked)
	}
	return ""
}

// field draws the search field: with its cursor while typing.
func (r *registerScreen) field() string {
	st := r.sh.styles
	const prompt = "Search: "
	w := max(2, r.width-len(prompt))
	switch {
	case r.typing:
		return st.Label.Render(prompt) + r.input.View(w, st.Selected)
	case r.input.Value() == "":
		return fit(st.Label.Render(prompt)+st.Muted.Render("(press "+r.sh.keys.Register.Search.Help().Key+" to search)"), r.width)
	}
	return fit(st.Label.Render(prompt)+r.input.Value(), r.width)
}

// empty says why no rows are listed, or that a read failed; "" when there
// is nothing to say above the rows.
func (r *registerScreen) empty() (string, lipgloss.Style) {
	st := r.sh.styles
	q := strings.TrimSpace(r.query)
	switch {
	case r.searchErr != nil:
		return "The search failed: " + CleanLine(r.searchErr.Error()), st.Error
	case r.caseErr != nil:
		return "Could not read the case: " + CleanLine(r.caseErr.Error()), st.Error
	case len(r.rows) > 0:
		return "", st.Muted
	case q != "" && r.searching():
		return "Searching…", st.Muted
	case q != "":
		return "No entry matches “" + CleanLine(q) + "”.", st.Muted
	case r.caseID != 0 && r.kase == nil:
		return "Reading the case…", st.Muted
	case r.caseID != 0:
		return "No entry is linked to this case and matching offers none. " + searchHint, st.Muted
	}
	return searchHint, st.Muted
}

// about is two lines on the selected entry: what the search matched, how it
// stands to the case and why, and how to reach it.
func (r *registerScreen) about() []string {
	st := r.sh.styles
	out := []string{"", ""}
	row, ok := r.Selected()
	if !ok {
		return out
	}
	var parts []string
	if f := entryFlags(row.entry); f != "" {
		parts = append(parts, f)
	}
	if row.found != "" {
		parts = append(parts, "matched by "+CleanLine(row.found))
	}
	if row.cand != nil {
		s := linkState(*row.cand)
		if ev := evidence(*row.cand); len(ev) > 0 {
			s += ": " + strings.Join(ev, "; ")
		}
		parts = append(parts, s)
	}
	if contact := entryContact(row.entry); contact != "" {
		parts = append(parts, contact)
	}
	text := CleanLine(row.entry.Number) + " · " + strings.Join(parts, " · ")
	wrapped := wrapLines(text, r.width)
	if len(wrapped) > 2 {
		wrapped[1] = ansi.Truncate(wrapped[1], r.width-1, "") + "…"
	}
	for i := 0; i < 2 && i < len(wrapped); i++ {
		out[i] = fit(st.Muted.Render(wrapped[i]), r.width)
	}
	return out
}

// legend is the short key legend of what has the focus.
func (r *registerScreen) legend() string {
	keys := r.sh.keys
	if r.typing {
		return hints(hint{keys.Search.Results, "results"}, hint{keys.Search.Leave, "leave the field"},
			hint{keys.Search.Help, "keys"}, hint{keys.Input.Clear, "clear"})
	}
	rk := keys.Register
	hs := []hint{{rk.Search, "search"}, {rk.Card, "card"}}
	if r.caseID != 0 {
		hs = append(hs, hint{rk.Link, "link"}, hint{rk.Unlink, "unlink"})
	}
	return hints(append(hs, hint{rk.Back, "back"}, hint{rk.Help, "keys"})...)
}
