package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"dsrdesk/register"
	"github.com/charmbracelet/x/ansi"
)

// cardScreen is the card of one register entry, scrollable: every field in
// the privacy notice's groups, the entry's change log, and the cases linked
// to it.
type cardScreen struct {
	pager
	sh         *shared
	customerID int64
	back       screenID       // the screen esc returns to
	data       *register.Card // nil until read
	err        error          // the last read failed
}

// Label columns of the card: the change log's date, the cases' tags.
const (
	changeLabelWidth = 18 // "2026-11-10 12:00" and a space
	caseLabelWidth   = 16 // "DSR-2026-0042" and room
)

// newCard returns the card of entry id, waiting for its data; esc leads
// back to back.
func newCard(sh *shared, id int64, back screenID, width, height int) cardScreen {
	c := cardScreen{sh: sh, customerID: id, back: back, pager: pager{vp: viewport.New()}}
	c.SetSize(width, height)
	return c
}

// SetSize sets the area the screen draws in, title line included.
func (c *cardScreen) SetSize(width, height int) {
	c.setSize(width, height)
	c.build()
}

// SetCard shows a freshly read card, keeping the scroll position.
func (c *cardScreen) SetCard(card register.Card, err error) {
	keepRead(&c.data, &c.err, card, err)
	c.build()
}

// Keys returns every key of the card, for the help screen.
func (c *cardScreen) Keys() []key.Binding { return c.sh.keys.Card.Bindings() }

// Update scrolls. Keys that leave the screen are the root model's.
func (c *cardScreen) Update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		c.scroll(k, c.sh.keys.Card.ScrollKeys)
	}
	return nil
}

// View draws the title line and the scrolled card: height lines.
func (c *cardScreen) View() string {
	title := "Customer card"
	if c.data != nil {
		if f := entryFlags(c.data.Customer); f != "" {
			title += " · " + f
		}
		title += " · " + entryTitle(c.data.Customer)
	}
	return c.view(c.sh.styles, title)
}

// build lays the card out for the current width.
func (c *cardScreen) build() {
	if c.width <= 0 {
		return
	}
	b := c.builder(c.sh.styles)
	if b.readState("register entry", c.data != nil, c.err) {
		if w := HiddenBanner(cardText(*c.data)); w != "" {
			b.styled(b.st.Banner, w)
			b.blank()
		}
		writeMarks(b, c.data.Customer)
		writeFields(b, c.data.Customer)
		writeChanges(b, *c.data)
		writeCaseRefs(b, c.data.Cases)
	}
	c.vp.SetContentLines(b.lines)
}

// writeMarks writes, at the top of a card, what entry e's restriction
// and erasure marks mean for it.
func writeMarks(b *textBuilder, e register.Customer) {
	if e.Restricted {
		b.styled(b.st.Banner, "RESTRICTED (Art. 18): kept but not used until the restriction is lifted — "+
			"left out of marketing and of every export except the one to the data subject.")
	}
	if !e.ErasedAt.IsZero() {
		b.styled(b.st.Banner, "ERASED "+register.ReceiptDate(e.ErasedAt).String()+
			" (Art. 17): its personal data was erased; what the Accounting Act requires is kept until its period ends.")
	}
	if e.Restricted || !e.ErasedAt.IsZero() {
		b.blank()
	}
}

// cardText is every untrusted string of a card, to count the hidden
// characters the sanitiser marks in it.
func cardText(card register.Card) string {
	var all []string
	for _, v := range card.Fields {
		all = append(all, v)
	}
	for _, ch := range card.Changes {
		all = append(all, ch.Old, ch.New, ch.Actor, ch.Source)
	}
	for _, r := range card.Cases {
		all = append(all, r.Tag, r.Subject)
	}
	return strings.Join(all, "\n")
}

// writeFields writes every field of entry e in the privacy notice's
// groups: an empty one as "—", a flag as yes or no.
func writeFields(b *textBuilder, e register.Customer) {
	lw := 0
	for _, g := range register.FieldGroups {
		for _, f := range g.Fields {
			lw = max(lw, ansi.StringWidth(register.FieldLabel(f))+2)
		}
	}
	lw = min(lw, b.width*2/5)
	for i, g := range register.FieldGroups {
		if i > 0 {
			b.blank()
		}
		b.rule(g.Title)
		for _, f := range g.Fields {
			v := fieldValue(f, e.Fields[f])
			style := lipgloss.NewStyle()
			if v == "—" {
				style = b.st.Muted
			}
			b.labelled(register.FieldLabel(f), v, style, lw)
		}
	}
}

// fieldValue is value of field name for people, cleaned: "—" for none,
// "yes" or "no" for a flag.
func fieldValue(name, value string) string {
	v := CleanLine(value)
	switch {
	case v == "":
		return "—"
	case register.IsFlag(name) && v == "1":
		return "yes"
	case register.IsFlag(name) && v == "0":
		return "no"
	}
	return v
}

// writeChanges writes the card's change log, oldest first: when, what
// changed from what to what, who changed it, and the case or the source
// that made the change.
func writeChanges(b *textBuilder, card register.Card) {
	st := b.st
	b.blank()
	b.rule("Change log")
	if len(card.Changes) == 0 {
		b.styled(st.Muted, "No changes are recorded.")
	}
	for _, ch := range card.Changes {
		what := changeWhat(ch) + " · by " + fieldValue("", ch.Actor) + " · " + changeCause(ch)
		b.labelled(changeTime(ch), what, lipgloss.NewStyle(), changeLabelWidth)
	}
}

// changeTime is when a change was made, Helsinki time, to the minute.
func changeTime(ch register.CustomerChange) string {
	return ch.At.In(register.Helsinki).Format("2006-01-02 15:04")
}

// changeWhat says what a change did: "E-mail: old → new", or that it
// created the entry. Values are cleaned.
func changeWhat(ch register.CustomerChange) string {
	if ch.Field == register.FieldEntry && ch.New == register.EntryCreated {
		return "entry created"
	}
	return CleanLine(register.FieldLabel(ch.Field)) + ": " + fieldValue(ch.Field, ch.Old) + " → " + fieldValue(ch.Field, ch.New)
}

// changeCause is what made a change: its case, or its source.
func changeCause(ch register.CustomerChange) string {
	if ch.CaseTag != "" {
		return "case " + CleanLine(ch.CaseTag)
	}
	if s := CleanLine(ch.Source); s != "" {
		return s
	}
	return "source not recorded"
}

// writeCaseRefs writes the cases linked to the entry, newest first.
func writeCaseRefs(b *textBuilder, cases []register.CaseRef) {
	st := b.st
	b.blank()
	b.rule("Cases linked to this entry")
	if len(cases) == 0 {
		b.styled(st.Muted, "No case is linked to this entry.")
	}
	for _, r := range cases {
		text := CleanLine(r.Status) + " · received " + register.ReceiptDate(r.ReceivedAt).String() + " · " +
			fieldValue("", r.Subject) + " · " + linkedHow(r.Auto)
		b.labelled(CleanLine(r.Tag), text, lipgloss.NewStyle(), caseLabelWidth)
	}
}
