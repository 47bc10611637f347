package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"dsrdesk/register"
)

// The end of a case (Art. 12(3)–(5)) from the case screen: C opens the
// menu of an open case's end — the answer sent by other means, recorded;
// the outcomes, each asking first, a refusal after its reasons — and on a
// closed case asks why it is reopened.

// outcomeLabels name the outcomes of register.Outcomes in full.
var outcomeLabels = map[string]string{
	register.OutcomeFulfilled:     "fulfilled",
	register.OutcomePartlyRefused: "partly refused",
	register.OutcomeRefused:       "refused",
	register.OutcomeWithdrawn:     "withdrawn",
	register.OutcomeNotRequest:    "not a request",
	register.OutcomeUnfounded:     "manifestly unfounded or excessive",
}

// outcomeCells name the outcomes in the case list's status column.
var outcomeCells = map[string]string{
	register.OutcomePartlyRefused: "part refused",
	register.OutcomeNotRequest:    "no request",
	register.OutcomeUnfounded:     "unfounded",
}

// outcomeLabel names outcome o in full; an unknown one as it is, cleaned.
func outcomeLabel(o string) string {
	if l, ok := outcomeLabels[o]; ok {
		return l
	}
	return CleanLine(o)
}

// outcomeCell names outcome o for the case list.
func outcomeCell(o string) string {
	if l, ok := outcomeCells[o]; ok {
		return l
	}
	return outcomeLabel(o)
}

// deadline is the day case c must be answered by: its due date, extended
// if it was, moved by the days waited for identifying information. The
// register marks an answer after it late.
func deadline(c register.Case) register.Date { return c.Due.AddDays(c.SuspendedDays) }

// startClose opens, for case c, the menu of its end, or for a closed case
// the field for why it is reopened.
func (m *model) startClose(c register.Case) {
	switch {
	case c.Status != register.StatusClosed:
		m.menu = m.closeMenu(c)
	case c.Purged:
		m.status.note, m.status.noteErr = "Its personal data was purged: the case cannot be reopened.", true
	default:
		m.value = m.reopenField(c)
	}
}

// closeMenu returns the menu of open case c's end: the answer sent, and
// the outcomes to close it with.
func (m *model) closeMenu(c register.Case) *choiceMenu {
	now := m.sh.now()
	intro := "No answer is recorded: closing counts as the answer, today."
	if !c.AnsweredAt.IsZero() {
		intro = answeredText(c) + "."
	} else if deadline(c).Before(register.Today(now)) {
		intro += " It is past its deadline: the case will be marked late, unless withdrawn or not a request."
	}
	menu := &choiceMenu{title: "Answer or close · " + CleanLine(c.Tag), name: "the end of the case", want: 72,
		intro: []string{intro}}
	menu.items = append(menu.items, choice{label: "Answer sent by other means (letter, secure mail): record it",
		refusal: m.answerRefusal(c, now), pick: func() tea.Cmd {
			m.ask = m.answerQuestion(c)
			return nil
		}})
	for _, o := range register.Outcomes {
		label := "Close: " + outcomeLabel(o)
		if register.OutcomeNeedsReason(o) {
			label += ", with the reasons"
		}
		menu.items = append(menu.items, choice{label: label, pick: func() tea.Cmd {
			if register.OutcomeNeedsReason(o) {
				m.value = m.reasonField(c, o, menu)
			} else {
				m.ask = m.closeQuestion(c, o, "")
			}
			return nil
		}})
	}
	return menu
}

// answerRefusal says why the answer to case c cannot be recorded at now,
// or "" when it can: it was recorded, or the register would take it for
// the extension notice, which is not recorded yet (what is sent first in
// the first month after an extension is the notice).
func (m *model) answerRefusal(c register.Case, now time.Time) string {
	switch {
	case !c.AnsweredAt.IsZero():
		return "The answer was recorded as sent on " + register.ReceiptDate(c.AnsweredAt).String() + "."
	case c.NeedsExtensionNotice() && now.After(c.ExtendedAt) &&
		!register.Due(c.ReceivedAt).AddDays(c.SuspendedDays).Before(register.Today(now)):
		return "The extension notice is not recorded yet, and what is sent in the first month counts as it. Esc, then " +
			m.sh.keys.Detail.Extend.Help().Key + " records the notice; then record the answer here."
	}
	return ""
}

// answerQuestion asks before the answer to case c is recorded as sent
// today by other means.
func (m *model) answerQuestion(c register.Case) *question {
	id := c.ID
	today := register.Today(m.sh.now())
	text := "Record that the answer to " + CleanLine(c.Tag) + " was sent today, " + today.String() + ", by other means?"
	late := deadline(c).Before(today)
	if late {
		text += " It is past its deadline: the case is marked late."
	}
	return &question{text: text + " (y/n)", yes: func() tea.Cmd {
		now := m.sh.now()
		done := "Answer recorded as sent " + register.Today(now).String()
		if late {
			done += ", late"
		}
		return m.decideSaying("answer", done, func(ctx context.Context, db *register.DB) error {
			return db.RecordAnswer(ctx, id, now)
		})
	}}
}

// reasonField returns the field for the reasons of closing case c with
// outcome o, which needs them; esc returns to back.
func (m *model) reasonField(c register.Case, o string, back *choiceMenu) *valueField {
	v := &valueField{
		title:    "Close as " + outcomeLabel(o) + " · " + CleanLine(c.Tag),
		name:     "the reasons",
		intro:    []string{"The requester is told the reasons, and of the right to complain to the Data Protection Ombudsman and to go to court."},
		prompt:   "The reasons (Art. 12(4)):",
		action:   "next",
		required: "The reasons are required: a refusal without them is refused. Write them, or esc.",
		back:     back,
		submit: func(reason string) tea.Cmd {
			m.ask = m.closeQuestion(c, o, reason)
			return nil
		},
	}
	if o == register.OutcomeUnfounded {
		v.intro = []string{"The controller must show it is manifestly unfounded or excessive (Art. 12(5))."}
		v.prompt = "Why it is:"
	}
	v.input.limit = 500
	return v
}

// closeQuestion asks before case c is closed with outcome o for reason.
func (m *model) closeQuestion(c register.Case, o, reason string) *question {
	id, version, tag := c.ID, c.Version, CleanLine(c.Tag)
	reason = strings.TrimSpace(reason)
	text := "Close " + tag + " as " + outcomeLabel(o) + "?"
	if reason != "" {
		text += " Reasons: " + CleanLine(reason) + "."
	}
	if c.AnsweredAt.IsZero() && deadline(c).Before(register.Today(m.sh.now())) &&
		o != register.OutcomeWithdrawn && o != register.OutcomeNotRequest {
		text += " It is past its deadline: it is marked late."
	}
	return &question{text: text + " (y/n)", yes: func() tea.Cmd {
		now := m.sh.now()
		return m.decideSaying("closing", tag+" closed: "+outcomeLabel(o), func(ctx context.Context, db *register.DB) error {
			return db.CloseCase(ctx, id, version, o, reason, now)
		})
	}}
}

// reopenField returns the field for why closed case c is reopened; Save
// reopens it.
func (m *model) reopenField(c register.Case) *valueField {
	id, version, tag := c.ID, c.Version, CleanLine(c.Tag)
	v := &valueField{
		title:    "Reopen · " + tag,
		name:     "why the case is reopened",
		intro:    []string{closedText(c) + ". Reopened, its outcome is cleared; a late mark stays."},
		prompt:   "Why reopen it? (kept in the audit trail)",
		action:   "reopen",
		required: "Write why, or esc.",
		submit: func(why string) tea.Cmd {
			return m.decideSaying("reopening", tag+" reopened", func(ctx context.Context, db *register.DB) error {
				return db.ReopenCase(ctx, id, version, strings.TrimSpace(why))
			})
		},
	}
	v.input.limit = 300
	return v
}

// answeredText says when case c was answered: "Answered 2026-11-10", and
// ", late" when it was late.
func answeredText(c register.Case) string {
	s := "Answered " + register.ReceiptDate(c.AnsweredAt).String()
	if c.Late {
		s += ", late"
	}
	return s
}

// closedText says when and how case c was closed: "Closed 2026-11-10 as
// refused".
func closedText(c register.Case) string {
	return "Closed " + register.ReceiptDate(c.ClosedAt).String() + " as " + outcomeLabel(c.Outcome)
}

// writeEnd writes the case screen's lines on the answer and the closing:
// when it was answered, how it was closed and why, late or not.
func writeEnd(b *textBuilder, c register.Case, keys DetailKeys) {
	plain := lipgloss.NewStyle()
	lateStyle := func(late bool) lipgloss.Style {
		if late {
			return b.st.Late
		}
		return plain
	}
	closed := c.Status == register.StatusClosed
	if !c.AnsweredAt.IsZero() {
		v := register.ReceiptDate(c.AnsweredAt).String()
		if c.Late {
			v += " · late"
		}
		if !closed {
			v += " · " + keys.Close.Help().Key + " closes the case"
		}
		b.field("Answered", v, lateStyle(c.Late))
	}
	if !closed {
		if c.Late && c.AnsweredAt.IsZero() {
			b.field("Late", "marked late: closed after its deadline before it was reopened", b.st.Late)
		}
		return
	}
	v := register.ReceiptDate(c.ClosedAt).String() + " · " + outcomeLabel(c.Outcome)
	late := c.Late && c.AnsweredAt.IsZero()
	if late {
		v += " · late"
	}
	b.field("Closed", v, lateStyle(late))
	if r := strings.TrimSpace(c.OutcomeReason); r != "" {
		b.field("Reasons", CleanLine(r), plain)
	}
	if c.Purged {
		b.field("Purged", "personal data removed after the retention period; figures kept", b.st.Muted)
	}
}

// dueText is the case screen's Due line for case c: the date, and while
// it is open and unanswered the days left.
func dueText(c register.Case, today register.Date) string {
	if c.Status == register.StatusClosed || !c.AnsweredAt.IsZero() {
		return c.Due.String()
	}
	return fmt.Sprintf("%s, %s", c.Due, leftText(c.DaysLeft(today)))
}
