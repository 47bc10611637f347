package ui

import (
	"context"
	"strings"
	"testing"
)

// TestKeyActionNames: every binding has one name, screen.action in snake
// case, and the keys dsrdesk ships with have no conflicts.
func TestKeyActionNames(t *testing.T) {
	km := DefaultKeyMap()
	seen := map[string]bool{}
	for _, a := range keyActions(&km) {
		if seen[a.name()] {
			t.Errorf("two bindings are named %s", a.name())
		}
		seen[a.name()] = true
	}
	for _, want := range []string{"list.open", "list.quit", "list.page_down", "detail.act", "detail.force_quit",
		"search.results", "input.delete_back", "editor.save", "editor.line_next", "help.close", "confirm.yes"} {
		if !seen[want] {
			t.Errorf("no action %s", want)
		}
	}
	if seen["editor.paste"] {
		t.Error("the editor's disabled paste is offered for rebinding")
	}
	if c := keyConflicts(&km); len(c) > 0 {
		t.Errorf("the default keys conflict: %s", strings.Join(c, "; "))
	}
	table := KeyTable(km)
	for _, want := range []string{"list.open", `"enter"`, "open the case", `list.quit`, `detail.back`, `["esc", "q"]`} {
		if !strings.Contains(table, want) {
			t.Errorf("key table lacks %q:\n%s", want, table)
		}
	}
}

// TestKeyConfigRebinds: a rebound key does the action and shows on the
// help screen and in the status line; the old key no longer does it.
func TestKeyConfigRebinds(t *testing.T) {
	db := openDB(t)
	seedThree(t, db)
	d := newDriver(t, db, Options{Keys: map[string]any{
		"list": map[string]any{
			"open": "l",
			"quit": []any{"Q", "ctrl+q"},
			"help": "f1",
		},
		"detail.back": "b", // a quoted dotted name works too
	}})
	d.mustShow("f1 keys")
	d.press("enter")
	d.mustShow("3 open")
	d.mustNotShow("Poistakaa kaikki tietoni.")
	d.press("l")
	d.mustShow("Poistakaa kaikki tietoni.")
	d.press("esc")
	d.mustShow("Poistakaa kaikki tietoni.") // esc is no longer back
	d.press("b")
	d.mustShow("3 open")

	d.press("?")
	d.mustNotShow("Keys: case list")
	d.press("f1")
	d.mustShow("Keys: case list", "l  ", "open the case", "Q/ctrl+q", "quit (asks first)")
	d.mustNotShow("enter ")
	d.press("esc")

	d.press("q")
	if d.quit || strings.Contains(d.text(), "Quit dsrdesk?") {
		t.Fatal("q still quits")
	}
	d.press("Q")
	d.mustShow("Quit dsrdesk? (y/n)")
	d.press("n", "ctrl+q")
	d.mustShow("Quit dsrdesk? (y/n)")
}

// TestKeyConfigErrors: what is wrong is named, with the action.
func TestKeyConfigErrors(t *testing.T) {
	cases := []struct {
		name string
		keys map[string]any
		want []string
	}{
		{"unknown screen", map[string]any{"lst.open": "x"}, []string{`lst.open: no screen "lst"`, "list, "}},
		{"unknown action", map[string]any{"list": map[string]any{"opne": "x"}}, []string{`list.opne: list has no action "opne"`, "open, "}},
		{"bad key name", map[string]any{"list.open": "entr"}, []string{`list.open: bad key name "entr"`}},
		{"shift with a letter", map[string]any{"detail.act": "shift+x"}, []string{`detail.act: bad key name "shift+x"`, `write "X"`}},
		{"capital after ctrl", map[string]any{"detail.act": "ctrl+X"}, []string{`"ctrl+X"`, "lower case"}},
		{"no key", map[string]any{"list.open": []any{}}, []string{"list.open: no key given"}},
		{"not a string", map[string]any{"list.open": int64(3)}, []string{"list.open: want a key name or a list of key names, not 3"}},
		{"two actions on one key", map[string]any{"list.open": "q"}, []string{`list.open and list.quit are both on "q"`}},
		{"with the global quit", map[string]any{"detail.reply": "ctrl+c"}, []string{`detail.reply and detail.force_quit are both on "ctrl+c"`}},
		{"with help", map[string]any{"kinds.toggle": "?"}, []string{`kinds.toggle and kinds.help are both on "?"`}},
		{"with the text field's keys", map[string]any{"search.results": "ctrl+u"}, []string{`search.results and input.clear are both on "ctrl+u"`}},
		{"a question and quit", map[string]any{"confirm.yes": "ctrl+c"}, []string{`confirm.yes and list.force_quit are both on "ctrl+c"`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := KeyMapFrom(c.keys)
			if err == nil {
				t.Fatalf("%v accepted", c.keys)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
	// Keys of screens that are never active together may share a key.
	if _, err := KeyMapFrom(map[string]any{"list.open": "x", "detail.act": "enter"}); err != nil {
		t.Errorf("keys of two screens conflict: %v", err)
	}
}

// TestRunRefusesBadKeys: Run returns the key error before drawing.
func TestRunRefusesBadKeys(t *testing.T) {
	err := Run(context.Background(), Options{DB: openDB(t), Keys: map[string]any{"list.open": "q"}})
	if err == nil || !strings.Contains(err.Error(), `list.open and list.quit are both on "q"`) {
		t.Fatalf("Run: %v", err)
	}
}
