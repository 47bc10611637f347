package ui

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	tea "charm.land/bubbletea/v2"
	"dsrdesk/register"
	"github.com/charmbracelet/x/ansi"
)

// Replying from the case screen (issue 6, points 1 and 2): r reads which
// letter the case needs next and opens the menu of the kinds of letters
// with that one selected; choosing one composes it in the case's language,
// a refusal asking for its reasons first when the case has none. The
// letter opens for editing — in $VISUAL or $EDITOR on a private temporary
// file (letterfile.go), else in the built-in editor (editor.go) — and then
// a menu shows it and offers to save it in the mailbox's Drafts folder, to
// send it when sending is configured, to edit it again, or to drop it.
// Reads, file work and delivery all run in tea.Cmds. The extension notice
// is drafted the same way (extend.go's seam).

// replyOptions are what replies need from the configuration.
type replyOptions struct {
	saveDraft func(context.Context, register.Letter) (string, error) // nil: no replies here
	send      func(context.Context, register.Letter) (string, error) // nil: drafts only
	letterDir string                                                 // replacement templates; "" for the built-in ones
	editor    string                                                 // $VISUAL, else $EDITOR; "" for the built-in editor
	tempBase  string                                                 // where the editor's private folder is made; "" for the system's
	// run hands the terminal to the editor's command and calls back when
	// it ends: tea.ExecProcess; tests run the command directly.
	run func(*exec.Cmd, tea.ExecCallback) tea.Cmd
}

// newReplyOptions takes the replies' options from opts and the editor
// from the environment. The editor's file goes under $XDG_RUNTIME_DIR when
// there is one: a folder of the user's own, in memory on most systems.
func newReplyOptions(opts Options) replyOptions {
	editor := strings.TrimSpace(os.Getenv("VISUAL"))
	if editor == "" {
		editor = strings.TrimSpace(os.Getenv("EDITOR"))
	}
	return replyOptions{saveDraft: opts.SaveDraft, send: opts.Send, letterDir: opts.LetterDir,
		editor: editor, tempBase: os.Getenv("XDG_RUNTIME_DIR"), run: tea.ExecProcess}
}

// reply is a letter on its way to the requester of a case.
type reply struct {
	caseID  int64
	tag     string // clean; "" when not known
	letter  register.Letter
	subject string // the subject as composed: kept when an edit empties it
}

// title is a box's title for the reply: what, then the case's tag.
func (r reply) title(what string) string {
	if r.tag == "" {
		return what
	}
	return what + " · " + r.tag
}

// The answers of the reply's steps.
type (
	// suggestedMsg answers which letter case caseID needs next.
	suggestedMsg struct {
		req    uint64
		caseID int64
		kind   register.LetterKind
		err    error
	}
	// composedMsg answers the composing of a letter; menu or field, when
	// not nil, is where it was asked from, which shows a refusal.
	composedMsg struct {
		req   uint64
		r     reply
		menu  *choiceMenu
		field *valueField
		err   error
	}
	// deliveredMsg answers the saving or sending of a letter.
	deliveredMsg struct {
		req   uint64
		sent  bool
		msgID string
		err   error
	}
)

// refusalLetter says whether a letter of kind states the reasons of a
// refusal.
func refusalLetter(kind register.LetterKind) bool {
	return kind == register.LetterRefusal || kind == register.LetterPartialRefusal
}

// startReply starts the reply to case c: it asks which letter the case
// needs next, for the menu of letters.
func (m *model) startReply(c register.Case) tea.Cmd {
	if m.replies.saveDraft == nil {
		m.status.note, m.status.noteErr = "Replies are not set up here: there is no mailbox to save a draft in.", true
		return nil
	}
	id := c.ID
	return m.dbCmd(&m.letterReq, "suggesting a letter", func(ctx context.Context, db *register.DB, req uint64) tea.Msg {
		kind, err := db.SuggestLetter(ctx, id)
		return suggestedMsg{req: req, caseID: id, kind: kind, err: err}
	})
}

// suggested opens the menu of letters on the one suggested, unless the
// officer has moved on meanwhile.
func (m *model) suggested(msg suggestedMsg) {
	c := m.detail.data
	if msg.req != m.letterReq || m.on != onDetail || c == nil || c.ID != msg.caseID || m.overlaid() {
		return
	}
	if msg.err != nil {
		m.status.note, m.status.noteErr = "No letter: "+CleanLine(msg.err.Error()), true
		return
	}
	m.menu = m.letterMenu(c.Case, msg.kind)
}

// letterMenu returns the menu of the letters to write to case c's
// requester, the cursor on suggested.
func (m *model) letterMenu(c register.Case, suggested register.LetterKind) *choiceMenu {
	lang := "Finnish (the case's language is not known; L sets it)"
	if c.Lang != "" {
		lang = languageName(c.Lang)
	}
	menu := &choiceMenu{title: "Reply · " + CleanLine(c.Tag), name: "the letter to write", want: 72,
		intro: []string{"To " + personText(c.Requester) + ", in " + lang + ". It opens for editing first."}}
	for i, kind := range register.LetterKinds {
		label := kind.Label()
		if kind == suggested {
			label += " · suggested"
			menu.cursor = i
		}
		menu.items = append(menu.items, choice{label: label, pick: func() tea.Cmd { return m.chooseLetter(c, kind, menu) }})
	}
	return menu
}

// chooseLetter composes the letter of kind to case c, chosen in menu,
// which stays open to show a refusal; a refusal's reasons are asked for
// first when the case has none.
func (m *model) chooseLetter(c register.Case, kind register.LetterKind, menu *choiceMenu) tea.Cmd {
	tag := CleanLine(c.Tag)
	if refusalLetter(kind) && strings.TrimSpace(c.OutcomeReason) == "" {
		v := &valueField{
			title:    kind.Label() + " · " + tag,
			name:     "the reasons of the refusal",
			intro:    []string{"No reasons are recorded on the case. The letter states them, with the right to complain to the Data Protection Ombudsman and to go to court."},
			prompt:   "The reasons (Art. 12(4)):",
			action:   "write the letter",
			busyText: "Composing the letter…",
			required: "A refusal needs its reasons: write them, or esc.",
			back:     menu,
		}
		v.submit = func(reason string) tea.Cmd { return m.compose(c.ID, tag, kind, reason, nil, v) }
		v.input.limit = 500
		m.value = v
		return nil
	}
	m.menu = menu
	return m.compose(c.ID, tag, kind, "", menu, nil)
}

// draftLetter composes the letter of kind to case id and opens it for
// editing: the extension notice's way in (extend.go's seam).
func (m *model) draftLetter(id int64, kind register.LetterKind) tea.Cmd {
	tag := ""
	if c := m.detail.data; c != nil && c.ID == id {
		tag = CleanLine(c.Tag)
	}
	return m.compose(id, tag, kind, "", nil, nil)
}

// compose starts composing the letter of kind to case id; reason is a
// refusal's reasons, "" for the case's own. The letter asked for from
// menu or field is dropped if the officer has closed it meanwhile.
func (m *model) compose(id int64, tag string, kind register.LetterKind, reason string, menu *choiceMenu, field *valueField) tea.Cmd {
	opts := register.LetterOptions{TemplateDir: m.replies.letterDir, ExportDir: m.acts.exportDir,
		Reason: strings.TrimSpace(reason)}
	return m.dbCmd(&m.letterReq, "composing a letter", func(ctx context.Context, db *register.DB, req uint64) tea.Msg {
		l, err := db.Compose(ctx, id, kind, opts)
		return composedMsg{req: req, r: reply{caseID: id, tag: tag, letter: l, subject: l.Subject},
			menu: menu, field: field, err: err}
	})
}

// composed opens a composed letter for editing, or shows why it was not
// composed where it was asked for.
func (m *model) composed(msg composedMsg) tea.Cmd {
	if msg.req != m.letterReq || m.on != onDetail || m.detail.caseID != msg.r.caseID ||
		(msg.menu != nil && m.menu != msg.menu) || (msg.field != nil && m.value != msg.field) {
		return nil // the officer has moved on
	}
	if msg.err != nil {
		problem := "Not written: " + CleanLine(msg.err.Error())
		switch {
		case msg.field != nil:
			msg.field.busy, msg.field.problem = false, problem
		case msg.menu != nil:
			msg.menu.problem = problem
		default:
			m.status.note, m.status.noteErr = problem, true
		}
		return nil
	}
	if msg.field != nil {
		m.value = nil
	}
	if msg.menu != nil {
		m.menu = nil
	}
	return m.edit(msg.r)
}

// edit opens letter r for editing: in $VISUAL or $EDITOR when set, on a
// file written in a tea.Cmd, else in the built-in editor.
func (m *model) edit(r reply) tea.Cmd {
	if m.replies.editor == "" {
		m.editor = newLetterEditor(r, m.sh.keys.Editor.Text, m.width, m.height-1)
		return nil
	}
	editor, base := m.replies.editor, m.replies.tempBase
	m.status.note, m.status.noteErr = "Opening the letter in "+CleanLine(editor)+"…", false
	return m.dbCmd(&m.letterReq, "writing the letter for the editor", func(_ context.Context, _ *register.DB, req uint64) tea.Msg {
		return writeLetterFile(req, base, editor, r)
	})
}

// review reads the edited text of letter r back and, unless its body was
// emptied, shows the letter with what to do with it, and notes.
func (m *model) review(r reply, text string, notes ...string) {
	subject, body, given := parseLetterText(text)
	if strings.TrimSpace(body) == "" {
		m.status.note, m.status.noteErr = "The letter's body was emptied: nothing saved or sent.", true
		return
	}
	switch {
	case !given:
		subject = r.subject
		notes = append(notes, "No Subject: line on top: the composed subject is kept.")
	case subject == "":
		subject = r.subject
		notes = append(notes, "The subject was emptied: the composed one is kept.")
	}
	if r.tag != "" && !strings.Contains(subject, "["+r.tag+"]") {
		notes = append(notes, "The subject lacks ["+r.tag+"]: the Sent folder finds the case by the reply's threading only.")
	}
	r.letter.Subject, r.letter.Body = subject, body
	m.menu = m.confirmMenu(r, notes)
}

// confirmMenu shows letter r — its recipient, subject, attachments, notes
// on the edit and its first lines — and offers to save it as a draft (the
// default), to send it when sending is configured, to edit it again or to
// drop it. Dropping it asks first.
func (m *model) confirmMenu(r reply, notes []string) *choiceMenu {
	l := r.letter
	menu := &choiceMenu{title: r.title("The letter"), name: "the letter: save, send or drop", want: 76}
	var names []string
	for _, a := range l.Attachments {
		names = append(names, CleanLine(filepath.Base(a)))
	}
	menu.intro = []string{"To: " + personText(l.To), "Subject: " + CleanLine(l.Subject)}
	if len(names) > 0 {
		menu.intro = append(menu.intro, "Attached: "+strings.Join(names, ", "))
	}
	menu.intro = append(append(menu.intro, notes...), "")

	drop := func() tea.Cmd {
		m.menu = menu
		m.ask = &question{text: "Drop the letter? Nothing is saved or sent. (y/n)", yes: func() tea.Cmd {
			m.menu = nil
			m.status.note, m.status.noteErr = "Letter dropped: nothing saved or sent.", false
			return nil
		}}
		return nil
	}
	menu.onCancel = func() { drop() }
	menu.items = append(menu.items, choice{label: "Save it as a draft in the mailbox's Drafts folder",
		pick: func() tea.Cmd { return m.deliver(l, false) }})
	if m.replies.send != nil {
		menu.items = append(menu.items, choice{label: "Send it now to " + CleanLine(l.To.Email) + " (asks)",
			pick: func() tea.Cmd {
				m.menu = menu
				m.ask = &question{text: "Send the letter to " + CleanLine(l.To.Email) + " now? It cannot be taken back. (y/n)",
					yes: func() tea.Cmd {
						m.menu = nil
						return m.deliver(l, true)
					}}
				return nil
			}})
	}
	menu.items = append(menu.items,
		choice{label: "Edit it again", pick: func() tea.Cmd { return m.edit(r) }},
		choice{label: "Drop it: nothing is saved or sent (asks)", pick: drop})
	menu.intro = append(menu.intro, previewLines(l.Body, boxInner(m.width, menu.want), m.previewRoom(menu))...)
	return menu
}

// previewRoom is how many lines of a letter's body menu has room for at
// the present size, beside its intro so far and its choices.
func (m *model) previewRoom(menu *choiceMenu) int {
	inner := boxInner(m.width, menu.want)
	used := menuChrome + len(menu.items)
	for _, l := range menu.intro {
		used += len(wrapLines(l, inner))
	}
	return max(1, m.height-2-used)
}

// previewLines are the first lines of body, clean, each cut to width, at
// most n of them, the last saying how many more there are.
func previewLines(body string, width, n int) []string {
	lines := strings.Split(strings.TrimRight(Clean(body), "\n"), "\n")
	var out []string
	for i, l := range lines {
		if left := len(lines) - i; len(out) == n-1 && left > 1 {
			out = append(out, fmt.Sprintf("… and %d more lines", left))
			break
		}
		out = append(out, ansi.Truncate(l, width, "…"))
	}
	return out
}

// deliver starts saving letter l as a draft, or sending it.
func (m *model) deliver(l register.Letter, send bool) tea.Cmd {
	do, doing := m.replies.saveDraft, "Saving the letter in Drafts…"
	if send {
		do, doing = m.replies.send, "Sending the letter…"
	}
	m.status.note, m.status.noteErr = doing, false
	return m.dbCmd(&m.deliverReq, "saving or sending a letter", func(ctx context.Context, _ *register.DB, req uint64) tea.Msg {
		id, err := do(ctx, l)
		return deliveredMsg{req: req, sent: send, msgID: id, err: err}
	})
}

// delivered says in the status line what became of a letter: every
// answer is shown, a late one too, as it says where a letter went.
func (m *model) delivered(msg deliveredMsg) tea.Cmd {
	id := " (Message-ID <" + CleanLine(msg.msgID) + ">)"
	switch {
	case msg.err == nil && msg.sent:
		m.status.note, m.status.noteErr = "Sent"+id, false
		return m.reload()
	case msg.err == nil:
		m.status.note, m.status.noteErr = "Saved in Drafts"+id, false
	case msg.sent && msg.msgID != "":
		m.status.note, m.status.noteErr = "Sent"+id+", but: "+CleanLine(msg.err.Error()), true
		return m.reload()
	case msg.sent:
		m.status.note, m.status.noteErr = "Not sent: "+CleanLine(msg.err.Error()), true
	default:
		m.status.note, m.status.noteErr = "Not saved in Drafts: "+CleanLine(msg.err.Error()), true
	}
	return nil
}
