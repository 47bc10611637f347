package ui

import (
	"context"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"dsrdesk/register"
)

// key routes a key press: help, a question and the overlays first, then
// the screen in front.
func (m *model) key(k tea.KeyPressMsg) tea.Cmd {
	keys := m.sh.keys
	m.status.note = "" // a note lasts until the next key
	switch {
	case m.help:
		switch {
		case key.Matches(k, keys.Help.ForceQuit):
			return tea.Quit
		case key.Matches(k, keys.Help.Close):
			m.help, m.helpAt = false, helpScroll{}
		default:
			m.helpAt.move(k, keys.Help.ScrollKeys)
		}
		return nil
	case m.ask != nil:
		q := m.ask
		m.ask = nil // "n", Esc or any other key: no
		switch {
		case key.Matches(k, keys.Confirm.Yes):
			return q.yes()
		case key.Matches(k, keys.List.ForceQuit):
			return tea.Quit
		}
		return nil
	case m.editor != nil:
		return m.editorKey(k)
	case m.ident != nil:
		return m.identityKey(k)
	case m.kinds != nil:
		return m.kindsKey(k)
	case m.attach != nil:
		return m.attachKey(k)
	case m.plan != nil:
		return m.planKey(k)
	case m.value != nil:
		return m.valueKey(k)
	case m.tell != nil:
		return m.tellKey(k)
	case m.menu != nil:
		return m.menuKey(k)
	}

	switch m.on {
	case onDetail:
		return m.detailKey(k)
	case onOther:
		return m.otherKey(k)
	case onMessage:
		return m.messageKey(k)
	case onRegister:
		return m.registerKey(k)
	case onCard:
		return m.cardKey(k)
	case onReport:
		return m.reportKey(k)
	}
	lk := keys.List
	switch {
	case key.Matches(k, lk.ForceQuit):
		return tea.Quit
	case key.Matches(k, lk.Help):
		m.help = true
	case key.Matches(k, lk.Quit):
		m.ask = &question{text: "Quit dsrdesk? (y/n)", yes: func() tea.Cmd { return tea.Quit }}
	case key.Matches(k, lk.Reload):
		return m.loadList()
	case key.Matches(k, lk.Register):
		return m.openRegister(0, onList)
	case key.Matches(k, lk.All):
		m.list.all = !m.list.all
		return m.loadList()
	case key.Matches(k, lk.Report):
		return m.openReport()
	case key.Matches(k, lk.OtherMail):
		m.on = onOther
		m.other = otherScreen{sh: m.sh} // not what it showed the last time: read afresh
		m.other.SetSize(m.width, m.height-1)
		return m.loadOther()
	case key.Matches(k, lk.Open):
		c, ok := m.list.Selected()
		if !ok {
			return nil
		}
		m.detail = newDetail(m.sh, c.ID, m.width, m.height-1)
		m.on = onDetail
		return m.loadDetail()
	default:
		return m.list.Update(k)
	}
	return nil
}

// detailKey handles a key on the case detail.
func (m *model) detailKey(k tea.KeyPressMsg) tea.Cmd {
	dk := m.sh.keys.Detail
	c := m.detail.data
	switch {
	case key.Matches(k, dk.ForceQuit):
		return tea.Quit
	case key.Matches(k, dk.Help):
		m.help = true
	case key.Matches(k, dk.Back):
		m.on, m.detailReq = onList, 0
	case key.Matches(k, dk.Reload):
		return m.reload()
	case key.Matches(k, dk.Kinds):
		if c != nil {
			m.kinds = newKindsPicker("Kinds of request · "+CleanLine(c.Tag), c.Kinds,
				kindsTarget{caseID: c.ID, version: c.Version})
		}
	case key.Matches(k, dk.Identity):
		if c != nil {
			m.ident = newIdentityMenu(c.Case)
		}
	case key.Matches(k, dk.Wait):
		if c != nil {
			m.ask = m.waitQuestion(c.Case)
		}
	case key.Matches(k, dk.Attachment):
		if c != nil {
			m.startRemoval(*c)
		}
	case key.Matches(k, dk.Act):
		if c != nil {
			m.menu = m.actMenu(*c)
		}
	case key.Matches(k, dk.Language):
		if c != nil {
			m.menu = m.languageMenu(c.Case)
		}
	case key.Matches(k, dk.Reply):
		if c != nil {
			return m.startReply(c.Case)
		}
	case key.Matches(k, dk.Extend):
		if c != nil {
			m.startExtend(c.Case)
		}
	case key.Matches(k, dk.Close):
		if c != nil {
			m.startClose(c.Case)
		}
	case key.Matches(k, dk.Register):
		return m.openRegister(m.detail.caseID, onDetail)
	case key.Matches(k, dk.Card):
		if e, ok := m.detail.links.firstLinked(); ok {
			return m.openCard(e.ID, onDetail)
		}
		m.status.note, m.status.noteErr = "No register entry is linked to this case: "+
			dk.Register.Help().Key+" searches the register.", false
	default:
		return m.detail.Update(k)
	}
	return nil
}

// waitQuestion asks before case c starts or stops waiting for identifying
// information.
func (m *model) waitQuestion(c register.Case) *question {
	id, version, waiting := c.ID, c.Version, !c.WaitingForID
	text := "Start waiting for identifying information? The strict due date stays; " +
		"the date adjusted for the days of waiting is shown beside it. (y/n)"
	what := "waiting for identifying information"
	if !waiting {
		text = "Stop waiting for identifying information? The clock runs again from now. (y/n)"
		what = "identifying information received"
	}
	return &question{text: text, yes: func() tea.Cmd {
		return m.decide(what, func(ctx context.Context, db *register.DB) error {
			return db.WaitForID(ctx, id, version, waiting)
		})
	}}
}

// otherKey handles a key on the Other mail list.
func (m *model) otherKey(k tea.KeyPressMsg) tea.Cmd {
	ok := m.sh.keys.Other
	switch {
	case key.Matches(k, ok.ForceQuit):
		return tea.Quit
	case key.Matches(k, ok.Help):
		m.help = true
	case key.Matches(k, ok.Back):
		m.on, m.otherReq = onList, 0
		return m.loadList()
	case key.Matches(k, ok.Reload):
		return m.loadOther()
	case key.Matches(k, ok.Open):
		msg, found := m.other.Selected()
		if !found {
			return nil
		}
		m.message = newMessageView(m.sh, msg.ID, m.width, m.height-1)
		m.on = onMessage
		return m.loadMessage()
	case key.Matches(k, ok.MakeCase):
		if msg, found := m.other.Selected(); found {
			m.startCase(msg)
		}
	case key.Matches(k, ok.NotRequest):
		if msg, found := m.other.Selected(); found {
			m.ask = m.notRequestQuestion(msg)
		}
	case key.Matches(k, ok.Retry):
		return m.decide("retry quarantined mail", retryQuarantined)
	default:
		return m.other.Update(k)
	}
	return nil
}

// messageKey handles a key on the message view.
func (m *model) messageKey(k tea.KeyPressMsg) tea.Cmd {
	mk := m.sh.keys.Message
	msg := m.message.data
	switch {
	case key.Matches(k, mk.ForceQuit):
		return tea.Quit
	case key.Matches(k, mk.Help):
		m.help = true
	case key.Matches(k, mk.Back):
		m.on, m.messageReq = onOther, 0
		return m.loadOther()
	case key.Matches(k, mk.MakeCase):
		if msg != nil {
			m.startCase(*msg)
		}
	case key.Matches(k, mk.NotRequest):
		if msg != nil {
			m.ask = m.notRequestQuestion(*msg)
		}
	default:
		return m.message.Update(k)
	}
	return nil
}

// startCase opens the kinds checklist for a case to be made of msg, ticked
// with the kinds the classifier saw in it.
func (m *model) startCase(msg register.Message) {
	if msg.CaseID != 0 {
		m.status.note, m.status.noteErr = "This message is already in a case.", true
		return
	}
	m.kinds = newKindsPicker("Kinds of the new case", msg.Kinds,
		kindsTarget{msgID: msg.ID, received: msg.ReceivedAt})
}

// notRequestQuestion asks before msg is recorded as not a request.
func (m *model) notRequestQuestion(msg register.Message) *question {
	id := msg.ID
	return &question{
		text: "Not a request: record that an officer checked this message? It stays in Other mail, marked =. (y/n)",
		yes: func() tea.Cmd {
			return m.decide("not a request", func(ctx context.Context, db *register.DB) error {
				return db.ConfirmNotRequest(ctx, id)
			})
		},
	}
}

// kindsKey handles a key while the kinds checklist is open.
func (m *model) kindsKey(k tea.KeyPressMsg) tea.Cmd {
	kk := m.sh.keys.Kinds
	switch {
	case key.Matches(k, kk.ForceQuit):
		return tea.Quit
	case key.Matches(k, kk.Help):
		m.help = true
		return nil
	}
	p := m.kinds
	switch p.Update(k, kk) {
	case cancel:
		m.kinds = nil
	case done:
		m.kinds = nil
		kinds, t := p.Kinds(), p.target
		if t.msgID != 0 {
			m.ask = &question{
				text: "Open a case from this message? The clock starts at its receipt, " +
					t.received.In(register.Helsinki).Format("2006-01-02 15:04") + ". (y/n)",
				yes: func() tea.Cmd { return m.openCase(t.msgID, kinds) },
			}
			return nil
		}
		return m.decide("kinds", func(ctx context.Context, db *register.DB) error {
			return db.SetKinds(ctx, t.caseID, t.version, kinds)
		})
	}
	return nil
}

// menuKey handles a key while a menu is open: the choice chosen starts
// what it starts, which may be the next menu.
func (m *model) menuKey(k tea.KeyPressMsg) tea.Cmd {
	mk := m.sh.keys.Menu
	switch {
	case key.Matches(k, mk.ForceQuit):
		return tea.Quit
	case key.Matches(k, mk.Help):
		m.help = true
		return nil
	}
	menu := m.menu
	switch menu.Update(k, mk) {
	case cancel:
		m.menu = nil
		if menu.onCancel != nil {
			menu.onCancel()
		}
	case done:
		m.menu = nil
		if pick := menu.Chosen().pick; pick != nil {
			return pick()
		}
	}
	return nil
}

// planKey handles a key while a plan waits for yes or no.
func (m *model) planKey(k tea.KeyPressMsg) tea.Cmd {
	pk := m.sh.keys.Plan
	switch {
	case key.Matches(k, pk.ForceQuit):
		return tea.Quit
	case key.Matches(k, pk.Help):
		m.help = true
		return nil
	}
	p := m.plan
	switch p.Update(k, pk) {
	case cancel:
		m.plan = nil
		m.status.note, m.status.noteErr = "Nothing changed.", false
	case done:
		m.plan = nil
		return p.yes()
	}
	return nil
}

// identityKey handles a key while the identity menu is open.
func (m *model) identityKey(k tea.KeyPressMsg) tea.Cmd {
	keys := m.sh.keys
	menu := m.ident
	switch {
	case key.Matches(k, keys.Identity.ForceQuit):
		return tea.Quit
	case menu.typing && key.Matches(k, keys.Input.Help), !menu.typing && key.Matches(k, keys.Identity.Help):
		m.help = true
		return nil
	}
	switch menu.Update(k, keys) {
	case cancel:
		m.ident = nil
	case done:
		m.ident = nil
		id, caseID, version := menu.Identity(), menu.caseID, menu.version
		return m.decide("identity", func(ctx context.Context, db *register.DB) error {
			return db.SetIdentity(ctx, caseID, version, id)
		})
	}
	return nil
}
