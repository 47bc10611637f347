package main

// Tests of the TUI's fit to the terminal (sizes, resizes, colours, TERM)
// with the real binary in tmux, and of the [keys] config through the
// binary.

import (
	"fmt"
	"strings"
	"testing"

	"dsrdesk/ui/tmuxtest"

	"github.com/charmbracelet/x/ansi"
)

// TestKeysConfig: `dsrdesk keys` shows the config's keys; a conflict, an
// unknown action or a bad key stops dsrdesk (the TUI too) before it starts,
// naming the file and the actions.
func TestKeysConfig(t *testing.T) {
	imap := "[imap]\nhost = \"127.0.0.1\"\nport = 1\nsecurity = \"plain\"\nusername = \"u\"\n"
	e := newEnv(t, imap+"[keys]\nlist.open = \"l\"\ndetail.act = [\"X\", \"ctrl+x\"]\n")
	out := e.mustRun("keys")
	for _, want := range []string{`list.open `, `"l"`, `["X", "ctrl+x"]`, "detail.force_quit", "editor.save"} {
		if !strings.Contains(out, want) {
			t.Errorf("dsrdesk keys does not show %q:\n%s", want, out)
		}
	}
	for _, c := range []struct{ name, keys, want string }{
		{"conflict", "list.open = \"q\"\n", `list.open and list.quit are both on "q"`},
		{"unknown action", "[keys.list]\nopne = \"x\"\n", `list.opne: list has no action "opne"`},
		{"bad key", "detail.act = \"ctrl-x\"\n", `detail.act: bad key name "ctrl-x"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			keys := "[keys]\n" + c.keys
			if strings.HasPrefix(c.keys, "[") {
				keys = c.keys
			}
			e := newEnv(t, imap+keys)
			for _, cmd := range []string{"keys", "tui"} {
				_, errs, err := e.run(cmd)
				if err == nil || !strings.Contains(errs, e.config) || !strings.Contains(errs, c.want) {
					t.Errorf("dsrdesk %s: %v, stderr %q; want the file and %q", cmd, err, errs, c.want)
				}
			}
		})
	}
}

// startDemoAt runs `dsrdesk demo` in a width×height tmux window.
func startDemoAt(t *testing.T, width, height int, env ...string) *tmuxtest.Session {
	t.Helper()
	return tmuxtest.Start(t, width, height, tuiEnv(t, env...), binary, "demo")
}

// waitFits waits until the screen is the list (or, with detail, a case)
// drawn for width×height, and fails for a line wider than that.
func waitFits(t *testing.T, s *tmuxtest.Session, what string, width, height int, ok func([]string) bool) string {
	t.Helper()
	screen := s.WaitUntil(t, fmt.Sprintf("%s at %d×%d", what, width, height), func(sc string) bool {
		ls := lines(sc)
		return len(ls) <= height && ok(ls) && strings.Contains(sc, "? keys")
	}, tuiWait)
	for i, l := range lines(screen) {
		if w := ansi.StringWidth(l); w > width {
			t.Errorf("%s at %d×%d: line %d is %d cells wide: %q", what, width, height, i+1, w, l)
		}
	}
	return screen
}

// isList says whether ls is the case list with at least one row.
func isList(ls []string) bool {
	return strings.HasPrefix(ls[0], "dsrdesk · demo") && selectedRow(strings.Join(ls, "\n")) != ""
}

// TestTUIFitsSizes: at 80×24, 60×20 and the smallest size, 60×16, the list,
// a case and the help screen are drawn within the window.
func TestTUIFitsSizes(t *testing.T) {
	t.Parallel()
	for _, size := range []struct{ w, h int }{{80, 24}, {60, 20}, {60, 16}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			t.Parallel()
			s := startDemoAt(t, size.w, size.h)
			waitFits(t, s, "the list", size.w, size.h, isList)
			s.Send(t, "Enter")
			waitFits(t, s, "a case", size.w, size.h, func(ls []string) bool { return titleRE.MatchString(ls[0]) })
			s.Send(t, "?")
			s.WaitFor(t, "Keys: case", tuiWait)
			for i, l := range lines(s.Screen(t)) {
				if w := ansi.StringWidth(l); w > size.w {
					t.Errorf("help: line %d is %d cells wide: %q", i+1, w, l)
				}
			}
			s.Send(t, "?")
			s.WaitGone(t, "Keys: case", tuiWait)
			s.Send(t, "Escape")
			waitFits(t, s, "the list again", size.w, size.h, isList)
			quit(t, s)
		})
	}
}

// tooSmall is the notice below 60×16, its words joined by single spaces.
func tooSmall(w, h int) string {
	return fmt.Sprintf("dsrdesk needs at least 60×16; this window is %d×%d", w, h)
}

// TestTUITooSmallAndResize: a window below the minimum shows what size is
// needed; growing it draws the list at the new size, shrinking it brings
// the notice back, and dsrdesk still works after.
func TestTUITooSmallAndResize(t *testing.T) {
	t.Parallel()
	s := startDemoAt(t, 50, 12)
	joined := func(sc string) string { return strings.Join(strings.Fields(sc), " ") }
	s.WaitUntil(t, "the too-small notice", func(sc string) bool { return joined(sc) == tooSmall(50, 12) }, tuiWait)
	s.Resize(t, 80, 24)
	waitFits(t, s, "the list after growing", 80, 24, isList)
	s.Resize(t, 59, 24)
	s.WaitUntil(t, "the notice for 59×24", func(sc string) bool { return joined(sc) == tooSmall(59, 24) }, tuiWait)
	s.Resize(t, 60, 20)
	waitFits(t, s, "the list at 60×20", 60, 20, isList)
	s.Resize(t, 100, 15)
	s.WaitUntil(t, "the notice for 100×15", func(sc string) bool { return joined(sc) == tooSmall(100, 15) }, tuiWait)
	s.Resize(t, 80, 24)
	waitFits(t, s, "the list again", 80, 24, isList)
	quit(t, s)
}

// TestTUITerms: dsrdesk starts, draws and quits under TERM linux,
// screen-256color and xterm-256color with true colour; under linux (16
// colours) it writes no 256-colour or true-colour sequences, and with
// NO_COLOR no colour at all.
func TestTUITerms(t *testing.T) {
	t.Parallel()
	for _, env := range [][]string{
		{"TERM=linux"},
		{"TERM=screen-256color"},
		{"TERM=xterm-256color", "COLORTERM=truecolor"},
		{"TERM=linux", "NO_COLOR=1"},
	} {
		t.Run(strings.Join(env, " "), func(t *testing.T) {
			t.Parallel()
			s := startDemoAt(t, 80, 24, env...)
			waitList(t, s)
			s.Send(t, "Enter")
			readDetail(t, s)
			backToList(t, s)
			quit(t, s)
			colours, _ := sgrColours(s.Output(t))
			for _, c := range colours {
				if strings.Contains(env[0], "linux") && (strings.Contains(c, "38;5") || strings.Contains(c, "38;2")) {
					t.Errorf("more than 16 colours under TERM=linux: %q", c)
					break
				}
			}
			if strings.Contains(strings.Join(env, " "), "NO_COLOR") && len(colours) > 0 {
				t.Errorf("colours with NO_COLOR: %q", colours)
			}
		})
	}
}
