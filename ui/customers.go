package ui

import (
	"context"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"dsrdesk/register"
)

// The root model's side of the register screen and the customer card:
// their reads, opening and leaving them, their keys, and the officer's
// links and unlinks.

// The answers of the register screen's and the card's reads.
type (
	// registerCaseMsg answers the read of the case the register screen
	// links entries to.
	registerCaseMsg struct {
		req    uint64
		caseID int64
		c      register.Case
		cands  []register.Candidate
		err    error
	}
	// searchedMsg answers a search of the register.
	searchedMsg struct {
		req   uint64
		query string
		hits  []register.Hit
		more  bool
		err   error
	}
	// cardLoadedMsg answers the read of a customer card.
	cardLoadedMsg struct {
		req  uint64
		id   int64
		card register.Card
		err  error
	}
)

// loadRegister starts the register screen's reads: its case, and the
// search in its field.
func (m *model) loadRegister() tea.Cmd {
	if m.on != onRegister {
		return nil
	}
	return tea.Batch(m.loadRegisterCase(), m.search())
}

// loadRegisterCase starts the read of the register screen's case with its
// linked and offered entries, as the case detail reads them.
func (m *model) loadRegisterCase() tea.Cmd {
	id := m.register.caseID
	if id == 0 {
		return nil
	}
	return m.dbCmd(&m.registerReq, "reading the case for the register", func(ctx context.Context, db *register.DB, req uint64) tea.Msg {
		data, links, err := readCase(ctx, db, id)
		if err == nil {
			err = links.err
		}
		return registerCaseMsg{req: req, caseID: id, c: data.Case, cands: links.cands, err: err}
	})
}

// search starts a search of the register for what the field holds. Each
// keystroke starts one; the answers of all but the last are dropped.
func (m *model) search() tea.Cmd {
	q := m.register.input.Value()
	return m.dbCmd(&m.searchReq, "searching the register", func(ctx context.Context, db *register.DB, req uint64) tea.Msg {
		hits, more, err := db.SearchCustomers(ctx, q, register.SearchLimit)
		return searchedMsg{req: req, query: q, hits: hits, more: more, err: err}
	})
}

// loadCard starts the read of the customer card in front.
func (m *model) loadCard() tea.Cmd {
	if m.on != onCard {
		return nil
	}
	id := m.card.customerID
	return m.dbCmd(&m.cardReq, "reading a customer card", func(ctx context.Context, db *register.DB, req uint64) tea.Msg {
		card, err := db.CustomerCard(ctx, id)
		return cardLoadedMsg{req: req, id: id, card: card, err: err}
	})
}

// registerAnswer shows the answer of one of the register screen's or the
// card's reads, unless a newer read was started since.
func (m *model) registerAnswer(msg tea.Msg) {
	switch msg := msg.(type) {
	case registerCaseMsg:
		if msg.req == m.registerReq && msg.caseID == m.register.caseID {
			m.register.SetCase(msg.c, msg.cands, msg.err)
		}
	case searchedMsg:
		if msg.req == m.searchReq {
			m.register.SetHits(msg.query, msg.hits, msg.more, msg.err)
		}
	case cardLoadedMsg:
		if msg.req == m.cardReq && m.on == onCard && msg.id == m.card.customerID {
			m.card.SetCard(msg.card, msg.err)
		}
	}
}

// openRegister shows the register screen for case caseID (0: search
// only); esc returns to back.
func (m *model) openRegister(caseID int64, back screenID) tea.Cmd {
	m.register = newRegister(m.sh, caseID, back, m.width, m.height-1)
	m.on = onRegister
	return m.loadRegister()
}

// leaveRegister returns to the screen the register was opened from and
// reads it again: links may have changed.
func (m *model) leaveRegister() tea.Cmd {
	m.on, m.registerReq, m.searchReq = m.register.back, 0, 0
	return m.reload()
}

// openCard shows the card of entry id; esc returns to back.
func (m *model) openCard(id int64, back screenID) tea.Cmd {
	m.card = newCard(m.sh, id, back, m.width, m.height-1)
	m.on = onCard
	return m.loadCard()
}

// leaveCard returns to the screen the card was opened from, read again.
func (m *model) leaveCard() tea.Cmd {
	m.on, m.cardReq = m.card.back, 0
	return m.reload()
}

// registerKey handles a key on the register screen: in the search field,
// or on the results.
func (m *model) registerKey(k tea.KeyPressMsg) tea.Cmd {
	r := &m.register
	if r.typing {
		sk := m.sh.keys.Search
		switch {
		case key.Matches(k, sk.ForceQuit):
			return tea.Quit
		case key.Matches(k, sk.Help):
			m.help = true
		case key.Matches(k, sk.Results, sk.Leave):
			r.typing = false
		default:
			if r.Update(k) {
				return m.search()
			}
		}
		return nil
	}
	rk := m.sh.keys.Register
	switch {
	case key.Matches(k, rk.ForceQuit):
		return tea.Quit
	case key.Matches(k, rk.Help):
		m.help = true
	case key.Matches(k, rk.Back):
		return m.leaveRegister()
	case key.Matches(k, rk.Search):
		r.typing = true
	case key.Matches(k, rk.Reload):
		return m.loadRegister()
	case key.Matches(k, rk.Card):
		if row, ok := r.Selected(); ok {
			return m.openCard(row.entry.ID, onRegister)
		}
	case key.Matches(k, rk.Link):
		return m.link(true)
	case key.Matches(k, rk.Unlink):
		return m.link(false)
	default:
		r.Update(k)
	}
	return nil
}

// pasteIntoSearch types pasted text into the register's search field and
// starts the search.
func (m *model) pasteIntoSearch(p tea.PasteMsg) tea.Cmd {
	if m.on != onRegister || !m.register.typing || m.help || m.ask != nil {
		return nil
	}
	if m.register.Update(p) {
		return m.search()
	}
	return nil
}

// link starts linking (on) or unlinking the selected entry to or from the
// register screen's case, at the version of the case the officer saw. What
// cannot be done is said in the status line without a write.
func (m *model) link(on bool) tea.Cmd {
	r := &m.register
	row, ok := r.Selected()
	note := func(s string) tea.Cmd {
		m.status.note, m.status.noteErr = s, true
		return nil
	}
	switch {
	case !ok:
		return nil
	case r.caseID == 0:
		return note("Search only: to link an entry, open the register from its case (" +
			m.sh.keys.Detail.Register.Help().Key + " on the case).")
	case r.kase == nil:
		return note("The case is still being read: try again in a moment.")
	}
	number, tag := CleanLine(row.entry.Number), CleanLine(r.kase.Tag)
	linked := row.cand != nil && row.cand.Linked
	switch {
	case on && linked:
		return note(number + " is already linked to " + tag + ".")
	case !on && !linked:
		return note(number + " is not linked to " + tag + ".")
	}
	caseID, version, id := r.caseID, r.kase.Version, row.entry.ID
	if on {
		return m.decide(number+" linked to "+tag, func(ctx context.Context, db *register.DB) error {
			return db.Link(ctx, caseID, version, id)
		})
	}
	return m.decide(number+" unlinked from "+tag, func(ctx context.Context, db *register.DB) error {
		return db.Unlink(ctx, caseID, version, id)
	})
}

// cardKey handles a key on a customer card.
func (m *model) cardKey(k tea.KeyPressMsg) tea.Cmd {
	ck := m.sh.keys.Card
	switch {
	case key.Matches(k, ck.ForceQuit):
		return tea.Quit
	case key.Matches(k, ck.Help):
		m.help = true
	case key.Matches(k, ck.Back):
		return m.leaveCard()
	case key.Matches(k, ck.Reload):
		return m.loadCard()
	default:
		return m.card.Update(k)
	}
	return nil
}
