package ui

import (
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
)

// Styles are every look the screens use, named for what they mean rather
// than how they look. Colours are the 16 basic ANSI ones, which the
// terminal's own theme adapts to light and dark backgrounds, foreground
// only: no style paints a background. On a light background (when the
// terminal answers the question for its background colour) yellow and cyan,
// faint on white in most themes, give way to blue. Nothing is told by
// colour alone: overdue rows carry a text marker, the cursor row a ">".
type Styles struct {
	Header       lipgloss.Style // the top line: program, source, counts
	Title        lipgloss.Style // a screen's title: case tag, help heading
	ColumnHeader lipgloss.Style // column names above the list
	Selected     lipgloss.Style // the cursor row
	Warn         lipgloss.Style // due within DueSoonDays
	Late         lipgloss.Style // overdue
	Muted        lipgloss.Style // secondary text: rules, hints, "(no text)"
	Error        lipgloss.Style // errors: failed sync, failed read
	Banner       lipgloss.Style // warnings above a message: hidden characters, parse error
	Label        lipgloss.Style // field names in the detail view
	Key          lipgloss.Style // key names on the help screen
	Prompt       lipgloss.Style // a question waiting for y/n
}

// look is what the styles follow: the terminal's colour profile, and whether
// its background is light.
type look struct {
	profile colorprofile.Profile
	known   bool // profile was told; until then, ANSI
	light   bool
}

// update takes a tea.ColorProfileMsg or tea.BackgroundColorMsg and returns
// the styles for the look as it now is.
func (l *look) update(msg tea.Msg) Styles {
	switch msg := msg.(type) {
	case tea.ColorProfileMsg:
		l.profile, l.known = msg.Profile, true
	case tea.BackgroundColorMsg:
		l.light = !msg.IsDark()
	}
	p := l.profile
	if !l.known {
		p = colorprofile.ANSI
	}
	s := NewStyles(p)
	if l.light && p >= colorprofile.ANSI {
		s = s.onLight()
	}
	return s
}

// onLight returns s for a light background: lipgloss.LightDark picks blue
// where yellow and cyan would be hard to read.
func (s Styles) onLight() Styles {
	pick := lipgloss.LightDark(false)
	s.Warn = s.Warn.Foreground(pick(lipgloss.Blue, lipgloss.Yellow)).Bold(true)
	s.Banner = s.Banner.Foreground(pick(lipgloss.Blue, lipgloss.Yellow))
	s.Key = s.Key.Foreground(pick(lipgloss.Blue, lipgloss.Cyan))
	return s
}

// NewStyles returns the styles for a terminal with colour profile p: colours
// from ANSI up; bold, reverse and faint only for a terminal without colour
// (NO_COLOR); no styling at all where the output is not a terminal.
func NewStyles(p colorprofile.Profile) Styles {
	switch {
	case p >= colorprofile.ANSI:
		return colourStyles()
	case p == colorprofile.ASCII:
		return monoStyles()
	default:
		return plainStyles()
	}
}

// colourStyles uses the basic ANSI colours.
func colourStyles() Styles {
	s := monoStyles()
	s.Header = s.Header.Foreground(lipgloss.Blue)
	s.Title = s.Title.Foreground(lipgloss.Magenta)
	s.Warn = s.Warn.Foreground(lipgloss.Yellow)
	s.Late = s.Late.Foreground(lipgloss.Red)
	s.Error = s.Error.Foreground(lipgloss.Red)
	s.Banner = s.Banner.Foreground(lipgloss.Yellow)
	s.Key = s.Key.Foreground(lipgloss.Cyan)
	return s
}

// monoStyles uses text attributes only.
func monoStyles() Styles {
	n := lipgloss.NewStyle
	return Styles{
		Header:       n().Bold(true),
		Title:        n().Bold(true),
		ColumnHeader: n().Bold(true),
		Selected:     n().Reverse(true),
		Warn:         n(),
		Late:         n().Bold(true),
		Muted:        n().Faint(true),
		Error:        n().Bold(true),
		Banner:       n().Bold(true),
		Label:        n().Bold(true),
		Key:          n().Bold(true),
		Prompt:       n().Bold(true).Reverse(true),
	}
}

// plainStyles style nothing: the screen is plain text.
func plainStyles() Styles {
	n := lipgloss.NewStyle()
	return Styles{
		Header: n, Title: n, ColumnHeader: n, Selected: n, Warn: n, Late: n,
		Muted: n, Error: n, Banner: n, Label: n, Key: n, Prompt: n,
	}
}
