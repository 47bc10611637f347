package ui

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"unicode"

	tea "charm.land/bubbletea/v2"
	"dsrdesk/register"
)

// Editing a letter in the officer's own editor, $VISUAL or $EDITOR: the
// letter is written as text — a Subject: line, a blank line and the body —
// to a file of its own (0600) in a new private folder (0700), the editor
// is run on it through tea.ExecProcess, which hands it the terminal, and
// the text is read back and the folder removed, with whatever the editor
// left in it (swap and backup files). The file holds personal data: it
// lives no longer than the editor runs. The built-in editor (editor.go)
// edits the same text.

// The answers of the editor's steps.
type (
	// letterFileMsg answers the writing of a letter's file: the command
	// that edits it, or why there is none.
	letterFileMsg struct {
		req  uint64
		r    reply
		dir  string // the private folder, to remove
		path string // the file in it
		cmd  *exec.Cmd
		err  error
	}
	// editedMsg answers the end of the editor: the text read back from
	// the file, which is gone by then.
	editedMsg struct {
		req  uint64
		r    reply
		text string
		err  error  // the editor failed, or the file could not be read back
		left string // the folder that could not be removed; "" when it was
	}
)

// letterText is the text a letter is edited as: "Subject: …", a blank
// line, the body.
func letterText(l register.Letter) string {
	return "Subject: " + l.Subject + "\n\n" + l.Body
}

// parseLetterText reads an edited letter back. A first line "Subject: …"
// (the name in any case) gives the subject, made one line, and given says
// there was one; the body is what follows, without the blank lines after
// the subject or at its end, ending in a newline. An empty body is "".
func parseLetterText(text string) (subject, body string, given bool) {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	first, rest, _ := strings.Cut(text, "\n")
	if name, value, ok := strings.Cut(first, ":"); ok && strings.EqualFold(strings.TrimSpace(name), "subject") {
		subject, given, text = oneLine(value), true, rest
	}
	lines := strings.Split(strings.Trim(text, "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	body = strings.Trim(strings.Join(lines, "\n"), "\n")
	if strings.TrimSpace(body) == "" {
		return subject, "", given
	}
	return subject, body + "\n", given
}

// oneLine makes s one line: control characters become spaces, runs of
// white space one space, none at the ends.
func oneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// fileStem is the editor file's name for a case tag: the tag when it is
// made of letters, digits and hyphens only, else "letter".
func fileStem(tag string) string {
	if tag == "" || strings.IndexFunc(tag, func(r rune) bool {
		return !(r == '-' || r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)))
	}) >= 0 {
		return "letter"
	}
	return tag
}

// writeLetterFile writes letter r's text to a file of its own in a new
// private folder under base (the system's temporary folder when base is
// "" or unusable) and returns the command that runs editor on it, through
// the shell as git does, so that "code --wait" works. It runs in a
// tea.Cmd.
func writeLetterFile(req uint64, base, editor string, r reply) letterFileMsg {
	msg := letterFileMsg{req: req, r: r}
	dir, err := os.MkdirTemp(base, "dsrdesk-letter-") // 0700
	if err != nil && base != "" {
		dir, err = os.MkdirTemp("", "dsrdesk-letter-")
	}
	if err != nil {
		msg.err = fmt.Errorf("make a private folder for the letter: %w", err)
		return msg
	}
	path := filepath.Join(dir, fileStem(r.tag)+".txt")
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err == nil {
		_, err = f.WriteString(letterText(r.letter))
		err = errors.Join(err, f.Close())
	}
	if err != nil {
		os.RemoveAll(dir)
		msg.err = fmt.Errorf("write the letter to %s: %w", path, err)
		return msg
	}
	msg.dir, msg.path = dir, path
	msg.cmd = exec.Command("/bin/sh", "-c", editor+` "$@"`, "dsrdesk-editor", path)
	return msg
}

// readLetterFile reads the letter back from path once the editor has
// ended with runErr, and removes its folder dir. It runs outside Update,
// when the editor has returned the terminal.
func readLetterFile(req uint64, r reply, dir, path string, runErr error) editedMsg {
	msg := editedMsg{req: req, r: r}
	if runErr != nil {
		msg.err = fmt.Errorf("the editor ended with an error: %w", runErr)
	} else if b, err := os.ReadFile(path); err != nil {
		msg.err = fmt.Errorf("read the letter back from %s: %w", path, err)
	} else {
		msg.text = string(b)
	}
	if err := os.RemoveAll(dir); err != nil {
		msg.left = dir
	}
	return msg
}

// letterFile hands the terminal to the editor on a letter's file, or says
// why it cannot. A file no longer wanted is removed.
func (m *model) letterFile(msg letterFileMsg) tea.Cmd {
	if msg.req != m.letterReq {
		if msg.dir == "" {
			return nil
		}
		return func() tea.Msg { os.RemoveAll(msg.dir); return nil }
	}
	m.status.note = ""
	if msg.err != nil {
		m.status.note, m.status.noteErr = "Could not open the letter in the editor: "+CleanLine(msg.err.Error()), true
		return nil
	}
	req, r, dir, path := msg.req, msg.r, msg.dir, msg.path
	return m.replies.run(msg.cmd, func(err error) tea.Msg { return readLetterFile(req, r, dir, path, err) })
}

// edited takes a letter back from the editor: on to the review, or
// dropped when the editor failed. A folder left behind is reported, as it
// holds the letter.
func (m *model) edited(msg editedMsg) {
	var left []string
	if msg.left != "" {
		left = []string{"Could not remove " + CleanLine(msg.left) + ", which holds the letter: remove it by hand."}
	}
	switch {
	case msg.req != m.letterReq:
		if len(left) > 0 {
			m.status.note, m.status.noteErr = left[0], true
		}
	case msg.err != nil:
		m.status.note, m.status.noteErr = strings.TrimSpace("Letter dropped, nothing saved or sent: "+
			CleanLine(msg.err.Error())+". "+strings.Join(left, " ")), true
	default:
		m.review(msg.r, msg.text, left...)
	}
}
