package ui

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"dsrdesk/register"
	"github.com/charmbracelet/x/ansi"
)

// The overlays: small boxes drawn over the screen in front, which take the
// keys while they are open. Each is a plain struct; the root model opens
// them, routes keys to them and acts on what they return.

// kindLetters are the one-letter names of the kinds in the case list, in
// the order of register.Kinds: S for restriction (R is rectification), P
// for portability, O for objection.
var kindLetters = map[string]string{
	"access":        "A",
	"rectification": "R",
	"erasure":       "E",
	"restriction":   "S",
	"portability":   "P",
	"objection":     "O",
}

// kindsCell is the list's compact kinds: "AE", or "-" for none.
func kindsCell(kinds []string) string {
	var b strings.Builder
	for _, k := range register.Kinds {
		for _, have := range kinds {
			if have == k {
				b.WriteString(kindLetters[k])
				break
			}
		}
	}
	if b.Len() == 0 {
		return "-"
	}
	return b.String()
}

// kindsText names the kinds in full: "access, erasure", or "none".
func kindsText(kinds []string) string {
	var out []string
	for _, k := range register.Kinds {
		for _, have := range kinds {
			if have == k {
				out = append(out, k)
				break
			}
		}
	}
	if len(out) == 0 {
		return "none"
	}
	return strings.Join(out, ", ")
}

// kindsLegend explains the letters of the kinds cell.
func kindsLegend() string {
	parts := make([]string, len(register.Kinds))
	for i, k := range register.Kinds {
		parts[i] = kindLetters[k] + " " + k
	}
	return strings.Join(parts, " · ")
}

// outcome is what an overlay's key press came to.
type outcome int

const (
	stay   outcome = iota // the overlay stays open
	cancel                // closed, nothing to do
	done                  // closed, act on its value
)

// kindsTarget is what a kinds checklist sets: the kinds of a case, or of
// the case to be opened from a message of the other mail.
type kindsTarget struct {
	caseID, version int64     // a case, at the version the officer saw
	msgID           int64     // or a message: a case is opened from it
	received        time.Time // the message's receipt, for the question
}

// kindsPicker is the checklist of the six kinds of request.
type kindsPicker struct {
	title  string
	on     []bool // ticked, in the order of register.Kinds
	cursor int
	target kindsTarget
}

// newKindsPicker returns a checklist titled title with kinds ticked.
func newKindsPicker(title string, kinds []string, target kindsTarget) *kindsPicker {
	p := &kindsPicker{title: title, on: make([]bool, len(register.Kinds)), target: target}
	for i, k := range register.Kinds {
		for _, have := range kinds {
			if have == k {
				p.on[i] = true
			}
		}
	}
	return p
}

// Kinds returns the ticked kinds, in the order of register.Kinds.
func (p *kindsPicker) Kinds() []string {
	out := []string{}
	for i, on := range p.on {
		if on {
			out = append(out, register.Kinds[i])
		}
	}
	return out
}

// Update moves and ticks; Save and Cancel close the checklist.
func (p *kindsPicker) Update(k tea.KeyPressMsg, keys KindsKeys) outcome {
	switch {
	case key.Matches(k, keys.Down):
		p.cursor = min(p.cursor+1, len(p.on)-1)
	case key.Matches(k, keys.Up):
		p.cursor = max(p.cursor-1, 0)
	case key.Matches(k, keys.Toggle):
		p.on[p.cursor] = !p.on[p.cursor]
	case key.Matches(k, keys.Save):
		return done
	case key.Matches(k, keys.Cancel):
		return cancel
	}
	return stay
}

// View draws the checklist as a box at most width cells wide.
func (p *kindsPicker) View(st Styles, width int, keys KindsKeys) string {
	var lines []string
	for i, k := range register.Kinds {
		mark := "[ ]"
		if p.on[i] {
			mark = "[x]"
		}
		cur := "  "
		if i == p.cursor {
			cur = "> "
		}
		line := cur + mark + " " + kindLetters[k] + "  " + k
		if i == p.cursor {
			line = st.Selected.Render(line)
		}
		lines = append(lines, line)
	}
	lines = append(lines, "", st.Muted.Render(hints(
		hint{keys.Toggle, "tick"}, hint{keys.Save, "save"}, hint{keys.Cancel, "cancel"}, hint{keys.Help, "keys"})))
	return box(st, p.title, lines, width, 56)
}

// identityChoice is one entry of the identity menu.
type identityChoice struct {
	label string
	id    register.Identity // for the agent, the note is asked next
}

// identityChoices are the identity menu's entries, least intrusive
// verification first.
var identityChoices = []identityChoice{
	{"unverified", register.Identity{Status: register.IdentityUnverified}},
	{"verified — reply from the address on file", register.Identity{Status: register.IdentityVerified, Method: register.MethodAddressOnFile}},
	{"verified — customer number or business ID", register.Identity{Status: register.IdentityVerified, Method: register.MethodCustomerNumber}},
	{"verified — ID checked (no copy kept)", register.Identity{Status: register.IdentityVerified, Method: register.MethodIDChecked}},
	{"agent — acting for the data subject", register.Identity{Status: register.IdentityAgent}},
}

// identityText says what is known of the requester's identity, for the
// case detail.
func identityText(id register.Identity) string {
	switch id.Status {
	case register.IdentityVerified:
		switch id.Method {
		case register.MethodAddressOnFile:
			return "verified: reply from the address on file"
		case register.MethodCustomerNumber:
			return "verified: customer number or business ID confirmed"
		case register.MethodIDChecked:
			return "verified: ID checked (no copy kept)"
		}
		return "verified: " + CleanLine(id.Method)
	case register.IdentityAgent:
		return "agent: " + CleanLine(id.Note)
	case "", register.IdentityUnverified:
		return "unverified"
	}
	return CleanLine(id.Status)
}

// identityMenu sets the requester's identity: a menu, and for an agent a
// one-line field for the proof of authority.
type identityMenu struct {
	title           string
	caseID, version int64
	list            choiceMenu // the statuses
	typing          bool       // the agent's proof of authority is asked
	input           lineInput
	problem         string // why enter did not save
}

// newIdentityMenu returns the menu for case c, on its present identity.
func newIdentityMenu(c register.Case) *identityMenu {
	m := &identityMenu{title: "Identity · " + CleanLine(c.Tag), caseID: c.ID, version: c.Version}
	m.input.limit = 200
	m.list = choiceMenu{title: m.title, name: "identity", want: 64}
	for i, ch := range identityChoices {
		m.list.items = append(m.list.items, choice{label: ch.label})
		if ch.id.Status == c.Identity.Status && ch.id.Method == c.Identity.Method {
			m.list.cursor = i
		}
	}
	if c.Identity.Status == register.IdentityAgent {
		m.input.SetValue(c.Identity.Note)
	}
	return m
}

// Identity returns the identity chosen, with the note typed for an agent.
func (m *identityMenu) Identity() register.Identity {
	id := identityChoices[m.list.cursor].id
	if id.Status == register.IdentityAgent {
		id.Note = strings.TrimSpace(m.input.Value())
	}
	return id
}

// Update moves in the menu or edits the note.
func (m *identityMenu) Update(msg tea.Msg, keys KeyMap) outcome {
	k, isKey := msg.(tea.KeyPressMsg)
	if m.typing {
		switch {
		case isKey && key.Matches(k, keys.Input.Save):
			if strings.TrimSpace(m.input.Value()) == "" {
				m.problem = "Note the proof of authority first, or esc."
				return stay
			}
			return done
		case isKey && key.Matches(k, keys.Input.Cancel):
			m.typing, m.problem = false, ""
			return stay
		}
		m.input.Update(msg, keys.Input)
		m.problem = ""
		return stay
	}
	if !isKey {
		return stay
	}
	out := m.list.Update(k, keys.Identity.menu())
	if out == done && identityChoices[m.list.cursor].id.Status == register.IdentityAgent {
		m.typing = true
		return stay
	}
	return out
}

// View draws the menu, or the note field, as a box at most width cells
// wide and height lines high.
func (m *identityMenu) View(st Styles, width, height int, keys KeyMap) string {
	var lines []string
	if m.typing {
		inner := boxInner(width, 64)
		lines = append(lines,
			"Agent for the data subject. Proof of authority",
			"(for example: power of attorney dated 1.11.2026):",
			"",
			"> "+m.input.View(inner-2, st.Selected),
			"")
		if m.problem != "" {
			lines = append(lines, st.Error.Render(m.problem))
		}
		lines = append(lines, st.Muted.Render(hints(
			hint{keys.Input.Save, "save"}, hint{keys.Input.Cancel, "back"}, hint{keys.Input.Help, "keys"})))
		return box(st, m.title, lines, width, 64)
	}
	return m.list.View(st, width, height, keys.Identity.menu())
}

// question is a yes/no question; yes is what a yes starts.
type question struct {
	text string
	yes  func() tea.Cmd
}

// View draws a question too long for the status line as a box.
func (q *question) View(st Styles, width int) string {
	return textBox(st, "Please answer", q.text, st.Prompt, width)
}

// textBox draws clean text too long for the status line as a box titled
// title, each line in style.
func textBox(st Styles, title, text string, style lipgloss.Style, width int) string {
	inner := boxInner(width, 60)
	var lines []string
	for _, l := range wrapLines(text, inner) {
		lines = append(lines, style.Render(l))
	}
	return box(st, title, lines, width, 60)
}

// hint is a key and one word for what it does, for a box's key legend.
type hint struct {
	b    key.Binding
	word string
}

// hints is a box's short key legend: "enter save · esc cancel".
func hints(hs ...hint) string {
	parts := make([]string, len(hs))
	for i, h := range hs {
		parts[i] = h.b.Help().Key + " " + h.word
	}
	return strings.Join(parts, " · ")
}

// boxInner is the text width inside a box of at most want cells on a
// screen width cells wide.
func boxInner(width, want int) int { return max(10, min(want, width-2)-4) }

// box frames lines (clean, styled, each cut to fit) under title: a box of
// at most want cells, and never wider than width-2.
func box(st Styles, title string, lines []string, width, want int) string {
	inner := boxInner(width, want)
	t := "─ " + ansi.Truncate(title, inner-2, "…") + " "
	top := "┌" + t + strings.Repeat("─", max(0, inner+2-ansi.StringWidth(t))) + "┐"
	out := []string{st.Title.Render(top)}
	for _, l := range lines {
		out = append(out, "│ "+fit(l, inner)+" │")
	}
	out = append(out, "└"+strings.Repeat("─", inner+2)+"┘")
	return strings.Join(out, "\n")
}

// overlay draws the box b over the middle of body, which is width×height;
// the result is exactly height lines.
func overlay(body, b string, width, height int) string {
	bw, bh := lipgloss.Width(b), lipgloss.Height(b)
	x := max(0, (width-bw)/2)
	y := max(1, (height-bh)/2)
	out := lipgloss.NewCompositor(
		lipgloss.NewLayer(body),
		lipgloss.NewLayer(b).X(x).Y(y).Z(1),
	).Render()
	lines := strings.Split(out, "\n")
	for len(lines) < height {
		lines = append(lines, "")
	}
	return strings.Join(lines[:height], "\n")
}
