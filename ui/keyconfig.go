package ui

import (
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
)

// A key action is named "screen.action": the KeyMap field of the screen and
// the field of its binding, in snake case ("list.open", "detail.force_quit",
// "list.page_down" for the scroll keys a screen embeds, "editor.line_next"
// for the editor's text keys). The names are derived from the KeyMap by
// reflection, so they cannot drift from it.

// keyAction is one rebindable key binding of a KeyMap.
type keyAction struct {
	screen, action string
	b              *key.Binding
}

// name is the action's name in the config: "list.open".
func (a keyAction) name() string { return a.screen + "." + a.action }

var bindingType = reflect.TypeOf(key.Binding{})

// keyActions lists every enabled binding of km, screen by screen in the
// order of KeyMap's fields, each screen's in the order of its fields.
func keyActions(km *KeyMap) []keyAction {
	var out []keyAction
	v := reflect.ValueOf(km).Elem()
	for i := 0; i < v.NumField(); i++ {
		screen := snake(v.Type().Field(i).Name)
		out = appendActions(out, screen, v.Field(i))
	}
	return out
}

// appendActions appends the bindings of struct v, flattening nested structs
// (the embedded ScrollKeys, the editor's textarea keys).
func appendActions(out []keyAction, screen string, v reflect.Value) []keyAction {
	for i := 0; i < v.NumField(); i++ {
		f, t := v.Field(i), v.Type().Field(i)
		switch {
		case !t.IsExported():
		case t.Type == bindingType:
			if b := f.Addr().Interface().(*key.Binding); b.Enabled() {
				out = append(out, keyAction{screen, snake(t.Name), b})
			}
		case t.Type.Kind() == reflect.Struct:
			out = appendActions(out, screen, f)
		}
	}
	return out
}

// snake turns a Go field name into snake case: "ForceQuit" → "force_quit".
func snake(s string) string {
	var b strings.Builder
	for i, r := range s {
		if unicode.IsUpper(r) {
			if i > 0 {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// KeyMapFrom returns DefaultKeyMap with the [keys] section of the config
// applied: each entry "screen.action" (nested tables, as TOML's dotted keys
// make them, are flattened) set to a key name or a list of key names. It
// refuses unknown screens and actions, bad key names, and two actions that
// are active together on one key, naming them all.
func KeyMapFrom(cfg map[string]any) (KeyMap, error) {
	km := DefaultKeyMap()
	if len(cfg) == 0 {
		return km, nil
	}
	byName := map[string]keyAction{}
	screens := map[string][]string{}
	for _, a := range keyActions(&km) {
		byName[a.name()] = a
		screens[a.screen] = append(screens[a.screen], a.action)
	}
	entries := map[string]any{}
	flattenKeys("", cfg, entries)
	var problems []string
	for _, name := range sortedKeys(entries) {
		a, ok := byName[name]
		if !ok {
			problems = append(problems, unknownAction(name, screens))
			continue
		}
		keys, err := keyNames(entries[name])
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: %v", name, err))
			continue
		}
		a.b.SetKeys(keys...)
		a.b.SetHelp(strings.Join(keys, "/"), a.b.Help().Desc)
	}
	if len(problems) == 0 {
		problems = keyConflicts(&km)
	}
	if len(problems) > 0 {
		return km, fmt.Errorf("[keys] %s", strings.Join(problems, "; "))
	}
	return km, nil
}

// flattenKeys copies the entries of m into out under their dotted names.
func flattenKeys(prefix string, m map[string]any, out map[string]any) {
	for k, v := range m {
		name := prefix + k
		if sub, ok := v.(map[string]any); ok {
			flattenKeys(name+".", sub, out)
			continue
		}
		out[name] = v
	}
}

// unknownAction says what is wrong with name: its screen or its action.
func unknownAction(name string, screens map[string][]string) string {
	screen, action, _ := strings.Cut(name, ".")
	actions, ok := screens[screen]
	if !ok {
		return fmt.Sprintf("%s: no screen %q (screens: %s; `dsrdesk keys` lists all)",
			name, screen, strings.Join(sortedKeys(screens), ", "))
	}
	return fmt.Sprintf("%s: %s has no action %q (its actions: %s)", name, screen, action, strings.Join(actions, ", "))
}

// keyNames reads a config value: one key name or a list of them.
func keyNames(v any) ([]string, error) {
	var keys []string
	switch v := v.(type) {
	case string:
		keys = []string{v}
	case []string:
		keys = v
	case []any:
		for _, e := range v {
			s, ok := e.(string)
			if !ok {
				return nil, fmt.Errorf("want key names, not %v", e)
			}
			keys = append(keys, s)
		}
	default:
		return nil, fmt.Errorf("want a key name or a list of key names, not %v", v)
	}
	if len(keys) == 0 {
		return nil, fmt.Errorf("no key given")
	}
	for _, k := range keys {
		if err := checkKeyName(k); err != nil {
			return nil, err
		}
	}
	return keys, nil
}

// namedKeys are the keys that have a name rather than a character, as
// Bubble Tea spells them.
var namedKeys = map[string]bool{
	"enter": true, "tab": true, "backspace": true, "esc": true, "space": true,
	"up": true, "down": true, "left": true, "right": true, "insert": true, "delete": true,
	"home": true, "end": true, "pgup": true, "pgdown": true, "begin": true,
}

func init() {
	for i := 1; i <= 20; i++ {
		namedKeys[fmt.Sprintf("f%d", i)] = true
	}
}

// checkKeyName checks that k is a key as Bubble Tea names a key press: a
// character ("x", "X", "?"), a named key ("enter", "pgdown", "f1"), or
// either after modifiers in the order ctrl+, alt+, shift+ ("ctrl+r",
// "shift+tab"). Shift with a character is the character itself: "X".
func checkKeyName(k string) error {
	rest, mods := k, 0
	for i, m := range []string{"ctrl+", "alt+", "shift+"} {
		if r, ok := strings.CutPrefix(rest, m); ok && r != "" {
			if m == "shift+" && utf8.RuneCountInString(r) == 1 {
				return fmt.Errorf("bad key name %q: shift with a character is the character: write %q", k, strings.ToUpper(r))
			}
			rest, mods = r, i+1
		}
	}
	if namedKeys[rest] {
		return nil
	}
	r, size := utf8.DecodeRuneInString(rest)
	if size == len(rest) && r != utf8.RuneError && unicode.IsGraphic(r) && !unicode.IsSpace(r) {
		if mods > 0 && unicode.IsUpper(r) {
			return fmt.Errorf("bad key name %q: write the letter in lower case after ctrl+ or alt+", k)
		}
		return nil
	}
	return fmt.Errorf("bad key name %q (want a character such as \"x\" or \"?\", a key such as "+
		"\"enter\", \"esc\", \"space\", \"pgdown\", \"f1\", or ctrl+, alt+ before one: \"ctrl+r\")", k)
}

// keyContexts are the sets of screens whose keys work at the same time;
// every other screen is alone with its keys. A text field's editing keys
// work in the register's search field; a question's y/n beside ctrl+c of
// the list.
var keyContexts = [][]string{
	{"search", "input.left", "input.right", "input.home", "input.end",
		"input.delete_back", "input.delete_forward", "input.clear"},
	{"confirm", "list.force_quit"},
}

// keyConflicts lists every two actions active together on one key.
func keyConflicts(km *KeyMap) []string {
	actions := keyActions(km)
	groups := map[string][]keyAction{}
	var order []string
	for _, a := range actions {
		if _, ok := groups[a.screen]; !ok {
			order = append(order, a.screen)
		}
		groups[a.screen] = append(groups[a.screen], a)
	}
	for _, c := range keyContexts {
		for _, a := range actions {
			if slices.Contains(c[1:], a.name()) {
				groups[c[0]] = append(groups[c[0]], a)
			}
		}
	}
	var out []string
	for _, screen := range order {
		on := map[string]string{} // key → the first action on it
		for _, a := range groups[screen] {
			for _, k := range a.b.Keys() {
				if other, ok := on[k]; ok && other != a.name() {
					out = append(out, fmt.Sprintf("%s and %s are both on %q", other, a.name(), k))
					continue
				}
				on[k] = a.name()
			}
		}
	}
	return out
}

// KeyTable writes every screen's actions with their keys, one a line:
// "list.open  enter  open the case", for `dsrdesk keys`.
func KeyTable(km KeyMap) string {
	var b strings.Builder
	actions := keyActions(&km)
	nameW, keysW := 0, 0
	for _, a := range actions {
		nameW = max(nameW, len(a.name()))
		keysW = max(keysW, min(24, len(keyList(a.b.Keys()))))
	}
	for _, a := range actions {
		fmt.Fprintf(&b, "%-*s  %-*s  %s\n", nameW, a.name(), keysW, keyList(a.b.Keys()), a.b.Help().Desc)
	}
	return b.String()
}

// keyList writes keys as a TOML value: "x" or ["x", "y"].
func keyList(keys []string) string {
	q := make([]string, len(keys))
	for i, k := range keys {
		q[i] = fmt.Sprintf("%q", k)
	}
	if len(q) == 1 {
		return q[0]
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
