package ui

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"dsrdesk/register"
)

// readOther is the Other mail list's only access to the database. It runs
// inside a tea.Cmd, never in Update.
// Quarantined UIDs, which could not be fetched, follow as rows of their
// own (see quarantineRow).
func readOther(ctx context.Context, db *register.DB) ([]register.Message, error) {
	msgs, err := db.OtherMail(ctx)
	if err != nil {
		return nil, err
	}
	q, err := db.QuarantinedMail(ctx)
	if err != nil {
		return nil, err
	}
	for i, u := range q {
		msgs = append(msgs, quarantineRow(u, -int64(i+1)))
	}
	return msgs, nil
}

// dispositionQuarantined marks the Other mail's rows that stand for a
// quarantined UID rather than a stored message.
const dispositionQuarantined = "quarantined"

// quarantineRow shows quarantined UID q as a row of the Other mail, with the
// negative id given: it cannot be opened or made a case, only retried.
func quarantineRow(q register.Quarantined, id int64) register.Message {
	var m register.Message
	m.ID, m.Disposition, m.ReceivedAt = id, dispositionQuarantined, q.Last
	m.From.Name = fmt.Sprintf("%s UID %d", q.Mailbox, q.UID)
	m.Subject = fmt.Sprintf("could not be fetched: %s; quarantined after %d tries", q.Reason, q.Tries)
	if q.Retry {
		m.Subject += " (retry asked for)"
	}
	return m
}

// retryQuarantined asks the next sync to fetch the quarantined UIDs again.
func retryQuarantined(ctx context.Context, db *register.DB) error {
	_, err := db.RetryQuarantined(ctx)
	return err
}

// readMessage is the message view's only access to the database. It runs
// inside a tea.Cmd, never in Update.
func readMessage(ctx context.Context, db *register.DB, id int64) (register.Message, error) {
	return db.MessageByID(ctx, id)
}

// dispositionText names a disposition for people: "auto-reply".
func dispositionText(d string) string {
	switch d {
	case register.DispositionAutoReply:
		return "auto-reply"
	case register.DispositionFollowup:
		return "follow-up"
	case "":
		return "unclassified"
	}
	return CleanLine(d)
}

// otherScreen is the Other mail: every stored message that belongs to no
// case, newest first, so that nothing that arrived is lost from sight.
type otherScreen struct {
	rowCursor
	sh     *shared
	msgs   []register.Message
	loaded bool
	width  int
	height int
}

// Column widths of the Other mail list; from and subject share the rest.
const (
	otherLead     = 5  // "> ?= ": cursor, unsure, confirmed
	otherReceived = 16 // "2026-11-10 12:00"
	otherDisp     = 11 // "unparseable"
	otherGaps     = 3
)

// SetSize sets the area the list draws in, header included.
func (o *otherScreen) SetSize(width, height int) {
	o.width, o.height = width, height
	o.clamp(len(o.msgs), o.rows())
}

// rows returns how many message rows fit under the header, the column names
// and the legend.
func (o *otherScreen) rows() int { return max(1, o.height-3) }

// SetMessages shows freshly read messages, keeping the cursor on the
// message it was on if it is still listed.
func (o *otherScreen) SetMessages(msgs []register.Message) {
	keep, _ := o.Selected()
	o.msgs, o.loaded = msgs, true
	for i, m := range msgs {
		if m.ID == keep.ID {
			o.cursor = i
			break
		}
	}
	o.clamp(len(o.msgs), o.rows())
}

// Selected returns the message under the cursor.
func (o *otherScreen) Selected() (register.Message, bool) {
	if o.cursor < 0 || o.cursor >= len(o.msgs) || o.msgs[o.cursor].ID <= 0 {
		return register.Message{}, false // nothing, or a quarantined UID
	}
	return o.msgs[o.cursor], true
}

// Keys returns every key of the Other mail list, for the help screen.
func (o *otherScreen) Keys() []key.Binding { return o.sh.keys.Other.Bindings() }

// otherNotes explain the Other mail's marks, for its help screen.
func otherNotes() []string {
	return []string{
		"Marks: ? classifier unsure, check it · = an officer confirmed it is not a request",
		"Making a case starts its clock at the message's receipt, not now.",
		"A quarantined row is mail the server failed to deliver 3 times: the sync skips it until you press t to try again.",
	}
}

// Update moves the cursor. Keys that leave the screen or decide are the
// root model's.
func (o *otherScreen) Update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		o.move(k, o.sh.keys.Other.ScrollKeys, len(o.msgs), o.rows())
	}
	return nil
}

// View draws the header, the column names, the rows and the legend:
// exactly height lines of width cells.
func (o *otherScreen) View() string {
	st := o.sh.styles
	right := ""
	if o.loaded {
		check := 0
		for _, m := range o.msgs {
			if m.Uncertain {
				check++
			}
		}
		if check > 0 {
			right = st.Warn.Render(fmt.Sprintf("%d to check", check))
		}
	}
	title := "Other mail"
	if o.loaded {
		title += fmt.Sprintf(" · %d %s", len(o.msgs), plural(len(o.msgs), "message", "messages"))
	}
	lines := []string{
		spread(title, st.Header, right, o.width),
		fit(st.ColumnHeader.Render(o.formatRow("", "RECEIVED", "FROM", "SUBJECT", "KIND")), o.width),
	}
	switch {
	case !o.loaded:
		lines = append(lines, fit(st.Muted.Render("  Reading the other mail…"), o.width))
	case len(o.msgs) == 0:
		lines = append(lines, "", fit("  No other mail: every message stored belongs to a case.", o.width))
	default:
		end := min(len(o.msgs), o.offset+o.rows())
		for i := o.offset; i < end; i++ {
			lines = append(lines, o.row(i))
		}
	}
	for len(lines) < o.height-1 {
		lines = append(lines, "")
	}
	lines = append(lines[:o.height-1], fit(st.Muted.Render(
		"Marks: ? classifier unsure · = confirmed not a request"), o.width))
	return strings.Join(lines[:o.height], "\n")
}

// row draws the message at index i.
func (o *otherScreen) row(i int) string {
	st := o.sh.styles
	m := o.msgs[i]
	lead := []byte("     ")
	if i == o.cursor {
		lead[0] = '>'
	}
	if m.Uncertain {
		lead[2] = '?'
	}
	if m.Confirmed {
		lead[3] = '='
	}
	line := fit(o.formatRow(string(lead), m.ReceivedAt.In(register.Helsinki).Format("2006-01-02 15:04"),
		CleanLine(m.From.Display()), CleanLine(m.Subject), dispositionText(m.Disposition)), o.width)
	style := lipgloss.NewStyle()
	if m.Confirmed {
		style = st.Muted
	}
	if i == o.cursor {
		style = style.Inherit(st.Selected)
	}
	return style.Render(line)
}

// formatRow lays out one line of the list from already cleaned cells.
func (o *otherScreen) formatRow(lead, received, from, subject, disp string) string {
	rest := o.width - otherLead - otherReceived - otherDisp - otherGaps
	fromW := max(12, min(28, rest*2/5))
	subjectW := max(8, rest-fromW)
	return cell(lead, otherLead) + cell(received, otherReceived) + " " + cell(from, fromW) + " " +
		cell(subject, subjectW) + " " + cell(disp, otherDisp)
}

// messageScreen shows one message of the Other mail, scrollable, as the
// case detail shows a case's messages.
type messageScreen struct {
	pager
	sh    *shared
	msgID int64
	data  *register.Message // nil until read
	err   error             // the last read failed
}

// newMessageView returns the view of message id, waiting for its data.
func newMessageView(sh *shared, id int64, width, height int) messageScreen {
	v := messageScreen{sh: sh, msgID: id, pager: pager{vp: viewport.New()}}
	v.SetSize(width, height)
	return v
}

// SetSize sets the area the screen draws in, title line included.
func (v *messageScreen) SetSize(width, height int) {
	v.setSize(width, height)
	v.build()
}

// SetMessage shows freshly read data, keeping the scroll position.
func (v *messageScreen) SetMessage(m register.Message, err error) {
	keepRead(&v.data, &v.err, m, err)
	v.build()
}

// Keys returns every key of the message view, for the help screen.
func (v *messageScreen) Keys() []key.Binding { return v.sh.keys.Message.Bindings() }

// Update scrolls and toggles the headers. Keys that leave the screen or
// decide are the root model's.
func (v *messageScreen) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	keys := v.sh.keys.Message
	switch {
	case v.scroll(k, keys.ScrollKeys):
	case key.Matches(k, keys.Headers):
		v.allHeaders = !v.allHeaders
		v.build()
	}
	return nil
}

// View draws the title line and the scrolled text: height lines.
func (v *messageScreen) View() string {
	title := "Other mail · message"
	if v.data != nil {
		title += " · " + dispositionText(v.data.Disposition)
	}
	return v.view(v.sh.styles, title)
}

// build lays the message out for the current width.
func (v *messageScreen) build() {
	if v.width <= 0 {
		return
	}
	b := v.builder(v.sh.styles)
	if b.readState("message", v.data != nil, v.err) {
		m := v.data
		what := dispositionText(m.Disposition)
		switch {
		case m.CaseID != 0:
			what += "; now in a case"
		case m.Confirmed:
			what += "; = an officer confirmed it is not a request"
		case m.Uncertain:
			what += "; ? the classifier is unsure: check it"
		}
		b.field("Classified", what, lipgloss.NewStyle())
		if len(m.Kinds) > 0 {
			b.field("Kinds", kindsText(m.Kinds), lipgloss.NewStyle())
		}
		b.rule("Message")
		writeMessage(b, *m, v.allHeaders)
	}
	v.vp.SetContentLines(b.lines)
}
