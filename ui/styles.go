package ui

import (
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
)

// Styles are every look the screens use, named for what they mean rather
// than how they look. Colours are the 16 basic ANSI ones, which the
// terminal's own theme adapts to light and dark backgrounds. Nothing is told
// by colour alone: overdue rows carry a text marker, the cursor row a ">".
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
