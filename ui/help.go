package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"
)

// helpView draws the help screen for the screen called name from its key
// bindings, so the list cannot drift from what the keys do, then notes
// (what the screen's letters and marks mean), and ends with the help
// screen's own keys: exactly height lines of width cells.
func helpView(st Styles, width, height int, name string, bindings []key.Binding, notes []string, own []key.Binding) string {
	keyW := 0
	for _, b := range bindings {
		keyW = max(keyW, ansi.StringWidth(b.Help().Key))
	}
	keyW = min(keyW, width/2)

	var rows []string
	for _, b := range bindings {
		if !b.Enabled() {
			continue
		}
		h := b.Help()
		desc := ansi.Truncate(h.Desc, max(1, width-keyW-4), "…")
		rows = append(rows, fit("  "+st.Key.Render(cell(h.Key, keyW))+"  "+desc, width))
	}
	var closing []string
	for _, b := range own {
		if b.Enabled() {
			closing = append(closing, b.Help().Key+" "+b.Help().Desc)
		}
	}
	title := fit(st.Title.Render("Keys: "+name), width)
	foot := fit(st.Muted.Render(ansi.Truncate(strings.Join(closing, " · "), width, "…")), width)

	var noteLines []string
	for _, n := range notes {
		for _, l := range wrapLines(n, max(1, width-2)) {
			noteLines = append(noteLines, fit("  "+l, width))
		}
	}
	lines := append([]string{title, ""}, rows...)
	if len(noteLines) > 0 {
		lines = append(append(lines, ""), noteLines...)
	}
	lines = append(lines, "", foot)
	if len(lines) > height { // drop the spacing first
		lines = append(append(append([]string{title}, rows...), noteLines...), foot)
	}
	if len(lines) > height {
		lines = lines[:height]
	}
	for len(lines) < height {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}
