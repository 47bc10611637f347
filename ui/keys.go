package ui

import "charm.land/bubbles/v2/key"

// KeyMap holds the keys of every screen, one struct per screen. The help
// screen is built from these bindings, so what it lists is what works.
type KeyMap struct {
	List    ListKeys
	Detail  DetailKeys
	Help    HelpKeys
	Confirm ConfirmKeys
}

// ListKeys are the keys of the case list.
type ListKeys struct {
	Up, Down, Top, Bottom, PageDown, PageUp key.Binding
	Open, Reload, Help, Quit, ForceQuit     key.Binding
}

// DetailKeys are the keys of the case detail screen.
type DetailKeys struct {
	Up, Down, Top, Bottom, PageDown, PageUp key.Binding
	Headers, Reload, Back, Help, ForceQuit  key.Binding
}

// HelpKeys are the keys of the help screen.
type HelpKeys struct {
	Close, ForceQuit key.Binding
}

// ConfirmKeys answer a yes/no question such as "Quit dsrdesk?".
type ConfirmKeys struct {
	Yes, No key.Binding
}

// DefaultKeyMap returns the keys dsrdesk ships with, in the habits of mutt,
// aerc and less.
func DefaultKeyMap() KeyMap {
	b := func(keys []string, help, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	k := func(keys ...string) []string { return keys }

	up := b(k("k", "up"), "k/↑", "up")
	down := b(k("j", "down"), "j/↓", "down")
	top := b(k("g", "home"), "g/home", "top")
	bottom := b(k("G", "end"), "G/end", "bottom")
	pgDown := b(k("pgdown", "ctrl+d", "space"), "pgdn/ctrl+d/space", "page down")
	pgUp := b(k("pgup", "ctrl+u"), "pgup/ctrl+u", "page up")
	reload := b(k("R", "ctrl+r"), "R/ctrl+r", "reload from the database")
	help := b(k("?"), "?", "show these keys")
	force := b(k("ctrl+c"), "ctrl+c", "quit at once")

	return KeyMap{
		List: ListKeys{
			Up: up, Down: down, Top: top, Bottom: bottom, PageDown: pgDown, PageUp: pgUp,
			Open:      b(k("enter"), "enter", "open the case"),
			Reload:    reload,
			Help:      help,
			Quit:      b(k("q"), "q", "quit (asks first)"),
			ForceQuit: force,
		},
		Detail: DetailKeys{
			Up: up, Down: down, Top: top, Bottom: bottom, PageDown: pgDown, PageUp: pgUp,
			Headers:   b(k("h"), "h", "show all headers / key headers"),
			Reload:    reload,
			Back:      b(k("esc", "q"), "esc/q", "back to the list"),
			Help:      help,
			ForceQuit: force,
		},
		Help: HelpKeys{
			Close:     b(k("?", "esc", "q"), "?/esc/q", "close help"),
			ForceQuit: force,
		},
		Confirm: ConfirmKeys{
			Yes: b(k("y", "Y"), "y", "yes"),
			No:  b(k("n", "N", "esc"), "n/esc", "no"),
		},
	}
}

// Bindings lists the list's keys in the order the help screen shows them.
func (k ListKeys) Bindings() []key.Binding {
	return []key.Binding{k.Down, k.Up, k.PageDown, k.PageUp, k.Top, k.Bottom,
		k.Open, k.Reload, k.Help, k.Quit, k.ForceQuit}
}

// Bindings lists the detail screen's keys in the order the help screen
// shows them.
func (k DetailKeys) Bindings() []key.Binding {
	return []key.Binding{k.Down, k.Up, k.PageDown, k.PageUp, k.Top, k.Bottom,
		k.Headers, k.Reload, k.Back, k.Help, k.ForceQuit}
}

// Bindings lists the help screen's own keys.
func (k HelpKeys) Bindings() []key.Binding {
	return []key.Binding{k.Close, k.ForceQuit}
}
