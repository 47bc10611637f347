package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// helpScroll is where the help screen is scrolled to: the first row of
// keys and notes shown, and what the last drawing found room for.
type helpScroll struct {
	top  int // the first row shown
	page int // rows shown at a time
	last int // the greatest top: 0 when everything fits
}

// move scrolls for a scroll key.
func (s *helpScroll) move(k tea.KeyPressMsg, keys ScrollKeys) {
	switch {
	case key.Matches(k, keys.Down):
		s.top++
	case key.Matches(k, keys.Up):
		s.top--
	case key.Matches(k, keys.PageDown):
		s.top += max(1, s.page)
	case key.Matches(k, keys.PageUp):
		s.top -= max(1, s.page)
	case key.Matches(k, keys.Top):
		s.top = 0
	case key.Matches(k, keys.Bottom):
		s.top = s.last
	}
	s.top = max(0, min(s.top, s.last))
}

// helpView draws the help screen for the screen called name from its key
// bindings, so the list cannot drift from what the keys do, then notes
// (what the screen's letters and marks mean), and ends with the help
// screen's own keys: exactly height lines of width cells. When the rows do
// not fit even without their spacing they scroll, from scroll.top (which
// it keeps in range), the position at the end of the title and the scroll
// keys in the foot.
func helpView(st Styles, width, height int, name string, bindings []key.Binding, notes []string, keys HelpKeys, scroll *helpScroll) string {
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
	for _, b := range keys.Bindings() {
		if b.Enabled() {
			closing = append(closing, b.Help().Key+" "+b.Help().Desc)
		}
	}
	title := "Keys: " + name
	foot := func(lead string) string {
		return fit(st.Muted.Render(ansi.Truncate(lead+strings.Join(closing, " · "), width, "…")), width)
	}

	var noteLines []string
	for _, n := range notes {
		for _, l := range wrapLines(n, max(1, width-2)) {
			noteLines = append(noteLines, fit("  "+l, width))
		}
	}
	scroll.last, scroll.page = 0, height
	lines := append([]string{fit(st.Title.Render(title), width), ""}, rows...)
	if len(noteLines) > 0 {
		lines = append(append(lines, ""), noteLines...)
	}
	lines = append(lines, "", foot(""))
	if len(lines) > height { // drop the spacing first
		lines = append(append(append([]string{fit(st.Title.Render(title), width)}, rows...), noteLines...), foot(""))
	}
	if len(lines) > height && height > 2 { // then scroll
		body := append(rows, noteLines...)
		page := height - 2
		scroll.page, scroll.last = page, len(body)-page
		scroll.top = max(0, min(scroll.top, scroll.last))
		end := scroll.top + page
		more := "↓"
		if end >= len(body) {
			more = "↑"
		}
		pos := st.Muted.Render(fmt.Sprintf("%d–%d of %d %s", scroll.top+1, end, len(body), more))
		lines = append(append([]string{spread(title, st.Title, pos, width)}, body[scroll.top:end]...),
			foot(scrollHint(keys.ScrollKeys)+" scroll · "))
	}
	if len(lines) > height {
		lines = lines[:height]
	}
	for len(lines) < height {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// scrollHint names the scroll keys briefly, by the first key of each:
// "j/k/pgdown/pgup/g/G".
func scrollHint(k ScrollKeys) string {
	var names []string
	for _, b := range []key.Binding{k.Down, k.Up, k.PageDown, k.PageUp, k.Top, k.Bottom} {
		if ks := b.Keys(); b.Enabled() && len(ks) > 0 {
			names = append(names, ks[0])
		}
	}
	return strings.Join(names, "/")
}
