package ui

// helpKey returns the key that shows the keys of what is in front, for the
// status line's "? keys": the officer may have rebound it per screen.
func (m *model) helpKey() string {
	keys := m.sh.keys
	switch {
	case m.ident != nil:
		return keys.Identity.Help.Help().Key
	case m.kinds != nil:
		return keys.Kinds.Help.Help().Key
	case m.attach != nil:
		return keys.Attach.Help.Help().Key
	case m.plan != nil:
		return keys.Plan.Help.Help().Key
	case m.tell != nil:
		return keys.Tell.Help.Help().Key
	case m.menu != nil:
		return keys.Menu.Help.Help().Key
	}
	switch m.on {
	case onDetail:
		return keys.Detail.Help.Help().Key
	case onOther:
		return keys.Other.Help.Help().Key
	case onMessage:
		return keys.Message.Help.Help().Key
	case onRegister:
		return keys.Register.Help.Help().Key
	case onCard:
		return keys.Card.Help.Help().Key
	case onReport:
		return keys.Report.Help.Help().Key
	}
	return keys.List.Help.Help().Key
}
