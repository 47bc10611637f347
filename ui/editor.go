package ui

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// The built-in editor of a letter, for when neither $VISUAL nor $EDITOR is
// set: bubbles' textarea over the whole screen, holding the same text as
// the editor's file (letterfile.go) — "Subject: …", a blank line, the
// body. Save reads it back as the file is read; Cancel drops the letter,
// asking first when it was changed.

// letterEditor is the built-in editor of letter r.
type letterEditor struct {
	r        reply
	ta       textarea.Model
	original string // the text as opened, to tell whether it was changed
	width    int
	height   int
}

// newLetterEditor opens letter r, clean, in an editor of width×height
// cells with the editing keys keys, the cursor at the top.
func newLetterEditor(r reply, keys textarea.KeyMap, width, height int) *letterEditor {
	ta := textarea.New()
	ta.KeyMap = keys
	ta.Prompt = ""
	ta.ShowLineNumbers = false
	ta.MaxHeight = 0 // a letter is as long as it is
	ta.MaxWidth = 0
	ta.CharLimit = 0
	ta.EndOfBufferCharacter = ' '
	ta.SetStyles(editorStyles())
	ta.SetValue(Clean(letterText(r.letter)))
	e := &letterEditor{r: r, ta: ta, original: ta.Value()}
	e.SetSize(width, height)
	e.ta.MoveToBegin()
	e.ta.Focus()
	return e
}

// editorStyles are the textarea's styles with no colour: the text as it
// is and the cursor in reverse video, which shows on any terminal and
// under NO_COLOR.
func editorStyles() textarea.Styles {
	plain := textarea.StyleState{
		Base: lipgloss.NewStyle(), Text: lipgloss.NewStyle(), LineNumber: lipgloss.NewStyle(),
		CursorLineNumber: lipgloss.NewStyle(), CursorLine: lipgloss.NewStyle(), EndOfBuffer: lipgloss.NewStyle(),
		Placeholder: lipgloss.NewStyle(), Prompt: lipgloss.NewStyle(), Selection: lipgloss.NewStyle().Reverse(true),
	}
	return textarea.Styles{Focused: plain, Blurred: plain, Cursor: textarea.CursorStyle{Color: lipgloss.NoColor{}}}
}

// SetSize sets the area the editor draws in: a title line, the text and
// the key legend.
func (e *letterEditor) SetSize(width, height int) {
	e.width, e.height = width, height
	e.ta.SetWidth(width)
	e.ta.SetHeight(max(1, height-2))
}

// Update edits the text for a key press or a paste (cleaned by the
// caller).
func (e *letterEditor) Update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	e.ta, cmd = e.ta.Update(msg)
	return cmd
}

// Text returns the text as edited.
func (e *letterEditor) Text() string { return e.ta.Value() }

// Changed says whether the text differs from the letter as opened.
func (e *letterEditor) Changed() bool { return e.ta.Value() != e.original }

// View draws the editor: exactly height lines of width cells.
func (e *letterEditor) View(st Styles, width, height int, keys EditorKeys) string {
	title := spread(e.r.title("Letter")+" · "+e.r.letter.Kind.Label(), st.Title,
		st.Muted.Render("to "+CleanLine(e.r.letter.To.Email)), width)
	legend := fit(st.Muted.Render(hints(hint{keys.Save, "done"}, hint{keys.Cancel, "drop"}, hint{keys.Help, "keys"})+
		" · line 1 is the subject"), width)
	return clip(title+"\n"+e.ta.View()+"\n"+legend, width, height)
}

// editorNotes explain the built-in editor on its help screen.
func editorNotes() []string {
	return []string{"The first line, Subject: …, is the letter's subject; the body follows the blank line. " +
		"Emptying the body drops the letter. Pasting works as the terminal pastes."}
}

// editorKey handles a key while the built-in editor is open.
func (m *model) editorKey(k tea.KeyPressMsg) tea.Cmd {
	ek := m.sh.keys.Editor
	e := m.editor
	switch {
	case key.Matches(k, ek.ForceQuit):
		return tea.Quit
	case key.Matches(k, ek.Help):
		m.help = true
	case key.Matches(k, ek.Save):
		m.editor = nil
		m.review(e.r, e.Text())
	case key.Matches(k, ek.Cancel):
		dropped := func() tea.Cmd {
			m.editor = nil
			m.status.note, m.status.noteErr = "Letter dropped: nothing saved or sent.", false
			return nil
		}
		if !e.Changed() {
			return dropped()
		}
		m.ask = &question{text: "Drop the letter and your changes? Nothing is saved or sent. (y/n)", yes: dropped}
	default:
		return e.Update(k)
	}
	return nil
}
