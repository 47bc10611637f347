package ui

import (
	"context"
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"dsrdesk/register"
)

// Extending a case's deadline by two months (Art. 12(3)) from the case
// screen: E opens the menu of the EDPB's reasons, or a field for another
// one; a yes to the new date extends it. The requester must be told, with
// the reason, before the first deadline: the case screen and the list flag
// the case until the notice is recorded, from the same key.

// firstDeadline is the last day of case c's first month: it can be
// extended until then, and the requester must be told of it by then.
func firstDeadline(c register.Case) register.Date { return register.Due(c.ReceivedAt) }

// startExtend opens, for case c, the menu of the extension's reasons, or
// for a case already extended the menu of its notice; or says why neither.
func (m *model) startExtend(c register.Case) {
	first := firstDeadline(c)
	switch {
	case c.Status == register.StatusClosed:
		m.status.note, m.status.noteErr = "The case is closed: "+m.sh.keys.Detail.Close.Help().Key+" reopens it.", true
	case !c.ExtendedAt.IsZero():
		m.menu = m.noticeMenu(c)
	case first.Before(register.Today(m.sh.now())):
		m.status.note, m.status.noteErr = "Not extended: the first month ended on "+first.String()+". "+
			sentence(register.ErrExtensionTooLate.Error())+".", true
	default:
		m.menu = m.extendMenu(c)
	}
}

// extendMenu returns the menu of the reasons to extend case c for, the
// EDPB's complexity factors and a field for another reason.
func (m *model) extendMenu(c register.Case) *choiceMenu {
	menu := &choiceMenu{title: "Extend the deadline · " + CleanLine(c.Tag), name: "extension: the reason", want: 72,
		intro: []string{"By two months, to " + c.ExtendedDue.String() + ". Why? The requester is told the reason by " +
			firstDeadline(c).String() + "."}}
	for _, r := range register.ExtensionReasons {
		menu.items = append(menu.items, choice{label: r, pick: func() tea.Cmd {
			m.ask = m.extendQuestion(c, r)
			return nil
		}})
	}
	menu.items = append(menu.items, choice{label: "another reason…", pick: func() tea.Cmd {
		m.value = &valueField{
			title:    "Extend the deadline · " + CleanLine(c.Tag),
			name:     "the reason to extend",
			prompt:   "The reason (the requester is told it):",
			action:   "next",
			required: "Write the reason, or esc for the list.",
			back:     menu,
			submit: func(reason string) tea.Cmd {
				m.ask = m.extendQuestion(c, reason)
				return nil
			},
		}
		m.value.input.limit = 300
		return nil
	}})
	return menu
}

// extendQuestion asks before case c is extended for reason, showing the
// new due date and the day the requester must be told by.
func (m *model) extendQuestion(c register.Case, reason string) *question {
	reason = strings.TrimSpace(reason)
	id, version, to, first := c.ID, c.Version, c.ExtendedDue, firstDeadline(c)
	return &question{
		text: fmt.Sprintf("Extend %s to %s because %s? Tell the requester by %s. (y/n)",
			CleanLine(c.Tag), to, CleanLine(reason), first),
		yes: func() tea.Cmd {
			now := m.sh.now()
			done := fmt.Sprintf("Extended to %s: tell the requester by %s (%s records it)", to, first,
				m.sh.keys.Detail.Extend.Help().Key)
			return m.decideThen("extension", done, func() tea.Cmd { return m.draftExtensionNotice(id) },
				func(ctx context.Context, db *register.DB) error {
					return db.Extend(ctx, id, version, reason, now)
				})
		},
	}
}

// draftExtensionNotice drafts the letter that tells the requester of case
// id's extension, its reason and new date: it is called once an extension
// is saved, and from the notice's menu. model.draftNotice does it, set by
// newModel when replies can be saved (reply.go: the letter is composed
// from the template in the case's language and opens for editing, then
// for saving as a draft or sending); without it this does nothing, and
// the notice is sent by other means and recorded from the notice's menu.
func (m *model) draftExtensionNotice(id int64) tea.Cmd {
	if m.draftNotice == nil {
		return nil
	}
	return m.draftNotice(id)
}

// noticeMenu returns the menu of extended case c's notice: record it as
// sent, or draft it.
func (m *model) noticeMenu(c register.Case) *choiceMenu {
	id, version := c.ID, c.Version
	intro := "Extended on " + register.ReceiptDate(c.ExtendedAt).String() + " to " + c.Due.String() + ": " +
		CleanLine(c.ExtensionReason) + "."
	sent := ""
	if !c.ExtensionNotifiedAt.IsZero() {
		sent = "The notice was recorded as sent on " + register.ReceiptDate(c.ExtensionNotifiedAt).String() + "."
	}
	draft := ""
	if m.draftNotice == nil {
		draft = "Replies are not set up here: send the notice by other means and record it."
	}
	return &choiceMenu{title: "Extension notice · " + CleanLine(c.Tag), name: "the extension notice", want: 72,
		intro: []string{intro, noticeText(c)},
		items: []choice{
			{label: "Sent by other means (letter, secure mail): record it as sent today", refusal: sent,
				pick: func() tea.Cmd {
					now := m.sh.now()
					return m.decideSaying("extension notice", "Extension notice recorded as sent "+register.Today(now).String(),
						func(ctx context.Context, db *register.DB) error {
							return db.RecordExtensionNotice(ctx, id, version, now)
						})
				}},
			{label: "Draft the extension notice", refusal: draft, pick: func() tea.Cmd { return m.draftExtensionNotice(id) }},
		}}
}

// noticeText says where extended case c's notice stands: "Extension
// notice: not yet sent — due by 2026-12-07", or when it was sent.
func noticeText(c register.Case) string {
	if !c.ExtensionNotifiedAt.IsZero() {
		return "Extension notice sent " + register.ReceiptDate(c.ExtensionNotifiedAt).String()
	}
	return "Extension notice: not yet sent — due by " + firstDeadline(c).String()
}

// writeExtension writes the case screen's lines on the extension: the
// date it could be extended to while it can, or when and why it was, and
// its notice.
func writeExtension(b *textBuilder, c register.Case, today register.Date, keys DetailKeys) {
	plain := lipgloss.NewStyle()
	if c.ExtendedAt.IsZero() {
		if c.Status == register.StatusOpen && c.AnsweredAt.IsZero() && !c.ExtendedDue.IsZero() && !firstDeadline(c).Before(today) {
			b.field("If extended", c.ExtendedDue.String()+", "+leftText(today.DaysUntil(c.ExtendedDue))+
				" · "+keys.Extend.Help().Key+" extends it", plain)
		}
		return
	}
	b.field("Extended", register.ReceiptDate(c.ExtendedAt).String()+": "+CleanLine(c.ExtensionReason), plain)
	switch {
	case !c.ExtensionNotifiedAt.IsZero():
		b.field("", noticeText(c), b.st.Muted)
	case c.NeedsExtensionNotice():
		style := b.st.Warn
		if firstDeadline(c).Before(today) {
			style = b.st.Late
		}
		b.field("", noticeText(c)+" · "+keys.Extend.Help().Key+" records it", style)
	}
}

// sentence makes an error's text a sentence: its first letter capital.
func sentence(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
