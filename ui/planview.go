package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"dsrdesk/register"
	"github.com/charmbracelet/x/ansi"
)

// planView shows a plan before it is carried out: what it will change,
// keep and tell, scrolled in a box, and the question in the status line.
// Nothing changes until yes.
type planView struct {
	title    string
	lines    []string // PlanLines: clean
	question string   // asked in the status line
	yes      func() tea.Cmd
	offset   int // the first wrapped line shown
	shown    int // how many lines the last View showed, for paging
}

// planBoxWidth is the widest a plan's box is drawn.
const planBoxWidth = 76

// newPlanView returns the view of plan p; yes carries it out.
func newPlanView(p register.Plan, yes func() tea.Cmd) *planView {
	q := "Carry out this plan? (y/n)"
	if p.Empty() {
		q = "Nothing to change; record the confirmation? (y/n)"
	}
	return &planView{title: "Plan · " + actionNames[p.Action] + " · " + CleanLine(p.CaseTag),
		lines: PlanLines(p), question: q, yes: yes}
}

// planNotes explain the plan, for its help screen.
func planNotes() []string {
	return []string{
		"Nothing has changed yet. y carries the plan out in one transaction, logged with the case; " +
			"it is refused if the case or an entry changed since the plan was made.",
	}
}

// Update scrolls; Yes and No close the view.
func (v *planView) Update(k tea.KeyPressMsg, keys PlanKeys) outcome {
	page := max(1, v.shown)
	switch {
	case key.Matches(k, keys.Yes):
		return done
	case key.Matches(k, keys.No):
		return cancel
	case key.Matches(k, keys.Down):
		v.offset++
	case key.Matches(k, keys.Up):
		v.offset--
	case key.Matches(k, keys.PageDown):
		v.offset += page
	case key.Matches(k, keys.PageUp):
		v.offset -= page
	case key.Matches(k, keys.Top):
		v.offset = 0
	case key.Matches(k, keys.Bottom):
		v.offset = 1 << 30 // View brings it back to the last page
	}
	v.offset = max(0, v.offset)
	return stay
}

// View draws the plan as a box at most width cells wide and height lines
// high, scrolled to the offset.
func (v *planView) View(st Styles, width, height int, keys PlanKeys) string {
	inner := boxInner(width, planBoxWidth)
	var wrapped []string
	for _, l := range v.lines {
		wrapped = append(wrapped, hangingWrap(l, inner)...)
	}
	rows := max(1, height-4) // the frame, the blank line and the key legend
	v.shown = rows
	v.offset = max(0, min(v.offset, len(wrapped)-rows))
	end := min(len(wrapped), v.offset+rows)
	lines := append([]string(nil), wrapped[v.offset:end]...)
	lines = append(lines, "")
	more := ""
	if len(wrapped) > rows {
		more = fmt.Sprintf("%d–%d of %d, %s scroll · ", v.offset+1, end, len(wrapped), keys.PageDown.Help().Key)
	}
	lines = append(lines, st.Muted.Render(more+hints(hint{keys.Yes, "carry out"}, hint{keys.No, "no"}, hint{keys.Help, "keys"})))
	return box(st, v.title, lines, width, planBoxWidth)
}

// hangingWrap wraps clean line l to width cells, its continuation lines
// indented two cells deeper than its own indentation.
func hangingWrap(l string, width int) []string {
	body := strings.TrimLeft(l, " ")
	lead := min(len(l)-len(body), width/2)
	if ansi.StringWidth(body) <= width-lead {
		return []string{strings.Repeat(" ", lead) + body}
	}
	out := wrapLines(body, max(10, width-lead-2))
	for i := range out {
		pad := lead
		if i > 0 {
			pad += 2
		}
		out[i] = strings.Repeat(" ", pad) + out[i]
	}
	return out
}
