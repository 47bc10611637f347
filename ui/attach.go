package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"dsrdesk/register"
)

// Removing an attachment: once the requester's ID document is checked, the
// case records "ID checked" and no copy of the document is kept (DESIGN §2).
// The case detail lists every attachment of the case's messages; the one
// chosen is removed, after a yes, by Options.RemoveAttachment.

// attachment is one attachment of a case's messages, as the officer saw it.
type attachment struct {
	msgNo int   // the message's number in the case, from 1
	msgID int64 // the stored message
	index int   // its place among the message's attachments, from 0
	att   register.Attachment
}

// caseAttachments lists every attachment of every message of case c, in
// the order the detail shows them.
func caseAttachments(c register.CaseDetail) []attachment {
	var out []attachment
	for i, m := range c.Messages {
		for j, a := range m.Attachments {
			out = append(out, attachment{msgNo: i + 1, msgID: m.ID, index: j, att: a})
		}
	}
	return out
}

// describe names the attachment for people: "passi.jpg (image/jpeg, 183 kB)",
// cleaned.
func (a attachment) describe() string {
	return fmt.Sprintf("%s (%s, %s)", CleanLine(a.att.Name), CleanLine(a.att.Type), sizeText(a.att.Size))
}

// attachPicker is the list of a case's attachments, one to be chosen for
// removal.
type attachPicker struct {
	title  string
	items  []attachment
	cursor int
	offset int // the first item shown, when they do not all fit
}

// newAttachPicker returns the list of items, titled title.
func newAttachPicker(title string, items []attachment) *attachPicker {
	return &attachPicker{title: title, items: items}
}

// Chosen returns the attachment under the cursor.
func (p *attachPicker) Chosen() attachment { return p.items[p.cursor] }

// Update moves the cursor; Remove and Cancel close the list.
func (p *attachPicker) Update(k tea.KeyPressMsg, keys AttachKeys) outcome {
	switch {
	case key.Matches(k, keys.Down):
		p.cursor = min(p.cursor+1, len(p.items)-1)
	case key.Matches(k, keys.Up):
		p.cursor = max(p.cursor-1, 0)
	case key.Matches(k, keys.Remove):
		return done
	case key.Matches(k, keys.Cancel):
		return cancel
	}
	return stay
}

// Widths of the attachment list's columns; the file name takes the rest.
const (
	attachNoWidth   = 3
	attachTypeWidth = 18
	attachSizeWidth = 7 // "12.3 MB"
	attachBoxWidth  = 72
)

// attachChrome is how many lines of the box are not rows: the frame, the
// note, the column names, the blank line and the key legend.
const attachChrome = 7

// View draws the list as a box at most width cells wide and height lines
// high, the cursor always in sight.
func (p *attachPicker) View(st Styles, width, height int, keys AttachKeys) string {
	inner := boxInner(width, attachBoxWidth)
	nameW := max(8, inner-2-attachNoWidth-2-2-attachTypeWidth-2-attachSizeWidth)
	row := func(lead, no, name, typ, size string) string {
		return lead + cell(no, attachNoWidth) + "  " + cell(name, nameW) + "  " + cell(typ, attachTypeWidth) + "  " +
			strings.Repeat(" ", max(0, attachSizeWidth-len(size))) + size
	}

	rows := max(1, height-attachChrome)
	p.offset = min(p.offset, p.cursor)
	if p.cursor >= p.offset+rows {
		p.offset = p.cursor - rows + 1
	}
	end := min(len(p.items), p.offset+rows)

	lines := []string{
		st.Muted.Render("Once the ID is checked, keep no copy of it."),
		st.ColumnHeader.Render(row("  ", "MSG", "FILE", "TYPE", "SIZE")),
	}
	for i := p.offset; i < end; i++ {
		a := p.items[i]
		lead := "  "
		if i == p.cursor {
			lead = "> "
		}
		line := row(lead, fmt.Sprint(a.msgNo), CleanLine(a.att.Name), CleanLine(a.att.Type), sizeText(a.att.Size))
		if i == p.cursor {
			line = st.Selected.Render(line)
		}
		lines = append(lines, line)
	}
	more := ""
	if len(p.items) > rows {
		more = fmt.Sprintf("%d–%d of %d · ", p.offset+1, end, len(p.items))
	}
	lines = append(lines, "", st.Muted.Render(more+hints(
		hint{keys.Remove, "remove"}, hint{keys.Cancel, "cancel"}, hint{keys.Help, "keys"})))
	return box(st, p.title, lines, width, attachBoxWidth)
}

// attachNotes explain the removal, for the help screen of the list.
func attachNotes() []string {
	return []string{
		"The law: once the requester's ID document is checked, record \"ID checked\" (i on the case) " +
			"and keep no copy. Removing the attachment deletes its bytes from the stored message for good; " +
			"the rest of the message stays, with a note of what was removed, and the audit trail records it.",
	}
}

// removedMsg answers the removal of an attachment.
type removedMsg struct {
	req     uint64
	from    attachment          // what the officer chose
	removed register.Attachment // what was removed
	err     error
}

// errAttachmentChanged refuses a removal when the message's attachments are
// no longer those the officer chose from.
var errAttachmentChanged = errors.New("the message's attachments changed meanwhile; nothing removed, look again")

// attachKey handles a key while the attachment list is open.
func (m *model) attachKey(k tea.KeyPressMsg) tea.Cmd {
	ak := m.sh.keys.Attach
	switch {
	case key.Matches(k, ak.ForceQuit):
		return tea.Quit
	case key.Matches(k, ak.Help):
		m.help = true
		return nil
	}
	p := m.attach
	switch p.Update(k, ak) {
	case cancel:
		m.attach = nil
	case done:
		m.attach = nil
		a := p.Chosen()
		m.ask = &question{
			text: fmt.Sprintf("Remove %s from message %d for good? No copy is kept; the rest of the message stays. (y/n)",
				a.describe(), a.msgNo),
			yes: func() tea.Cmd { return m.removeAttachment(a) },
		}
	}
	return nil
}

// startRemoval opens the list of the attachments of case c.
func (m *model) startRemoval(c register.CaseDetail) {
	items := caseAttachments(c)
	switch {
	case len(items) == 0:
		m.status.note, m.status.noteErr = "This case has no attachments to remove.", false
	case m.remove == nil:
		m.status.note, m.status.noteErr = "Removing attachments is not available here.", true
	default:
		m.attach = newAttachPicker("Remove an attachment · "+CleanLine(c.Tag), items)
	}
}

// removeAttachment starts the removal of a, refused if the message's
// attachments are no longer what the officer chose from.
func (m *model) removeAttachment(a attachment) tea.Cmd {
	remove := m.remove
	return m.dbCmd(&m.writeReq, "removing an attachment", func(ctx context.Context, db *register.DB, req uint64) tea.Msg {
		msg, err := db.MessageByID(ctx, a.msgID)
		if err != nil {
			return removedMsg{req: req, from: a, err: err}
		}
		if a.index >= len(msg.Attachments) || msg.Attachments[a.index] != a.att {
			return removedMsg{req: req, from: a, err: errAttachmentChanged}
		}
		removed, err := remove(ctx, a.msgID, a.index)
		return removedMsg{req: req, from: a, removed: removed, err: err}
	})
}

// noteRemoved shows in the status line what a removal came to.
func (m *model) noteRemoved(r removedMsg) {
	if r.err != nil {
		m.status.note, m.status.noteErr = "Not removed: "+CleanLine(r.err.Error()), true
		return
	}
	m.status.note, m.status.noteErr = fmt.Sprintf("removed %s from message %d; no copy kept",
		CleanLine(r.removed.Name), r.from.msgNo), false
}
