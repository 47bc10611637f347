package ui

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"dsrdesk/register"
	"github.com/charmbracelet/x/ansi"
)

// listPage is what the case list shows: open cases, soonest due first, and
// the figures for the header, all as of one day.
type listPage struct {
	cases  []register.Case
	counts register.Counts
	today  register.Date
}

// readList is the case list's only access to the database. It runs inside a
// tea.Cmd, never in Update. A later version pages from SQLite here.
func readList(ctx context.Context, db *register.DB, today register.Date) (listPage, error) {
	cases, err := db.Cases(ctx, register.CaseQuery{})
	if err != nil {
		return listPage{}, err
	}
	counts, err := db.Counts(ctx, today)
	if err != nil {
		return listPage{}, err
	}
	return listPage{cases: cases, counts: counts, today: today}, nil
}

// listScreen is the top screen: the open cases with their deadlines. It
// draws only the rows in its window.
type listScreen struct {
	sh     *shared
	page   listPage
	loaded bool // a page has arrived
	cursor int  // index of the selected case
	offset int  // index of the first visible row
	width  int
	height int
}

// Column widths of the list; the subject takes the rest.
const (
	colCursor    = 2  // "> "
	colMark      = 2  // "! " on overdue rows
	colDays      = 10 // "999 d late", "today"
	colReceived  = 10
	colRequester = 20
	colStatus    = 6
	listGaps     = 4 // single spaces between days, received, requester, subject, status
)

// SetSize sets the area the list draws in, header included.
func (l *listScreen) SetSize(width, height int) {
	l.width, l.height = width, height
	l.scroll()
}

// rows returns how many case rows fit under the header and column names.
func (l *listScreen) rows() int { return max(1, l.height-2) }

// SetPage shows a freshly read page, keeping the cursor on the case it was
// on if that case is still listed.
func (l *listScreen) SetPage(p listPage) {
	var keep int64
	if c, ok := l.Selected(); ok {
		keep = c.ID
	}
	l.page, l.loaded = p, true
	if keep != 0 {
		for i, c := range p.cases {
			if c.ID == keep {
				l.cursor = i
				break
			}
		}
	}
	l.scroll()
}

// Selected returns the case under the cursor.
func (l *listScreen) Selected() (register.Case, bool) {
	if l.cursor < 0 || l.cursor >= len(l.page.cases) {
		return register.Case{}, false
	}
	return l.page.cases[l.cursor], true
}

// Keys returns every key of the list, for the help screen.
func (l *listScreen) Keys() []key.Binding { return l.sh.keys.List.Bindings() }

// Update moves the cursor. Keys that leave the screen are the root model's.
func (l *listScreen) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	keys := l.sh.keys.List
	switch {
	case key.Matches(k, keys.Down):
		l.cursor++
	case key.Matches(k, keys.Up):
		l.cursor--
	case key.Matches(k, keys.PageDown):
		l.cursor += l.rows()
		l.offset += l.rows()
	case key.Matches(k, keys.PageUp):
		l.cursor -= l.rows()
		l.offset -= l.rows()
	case key.Matches(k, keys.Top):
		l.cursor = 0
	case key.Matches(k, keys.Bottom):
		l.cursor = len(l.page.cases) - 1
	}
	l.scroll()
	return nil
}

// scroll clamps the cursor to the cases and the window to the cursor.
func (l *listScreen) scroll() {
	n := len(l.page.cases)
	l.cursor = max(0, min(l.cursor, n-1))
	rows := l.rows()
	l.offset = max(0, min(l.offset, n-rows))
	if l.cursor < l.offset {
		l.offset = l.cursor
	}
	if l.cursor >= l.offset+rows {
		l.offset = l.cursor - rows + 1
	}
}

// View draws the list: the header with counts, the column names, and the
// visible rows, exactly height lines of width cells.
func (l *listScreen) View() string {
	st := l.sh.styles
	lines := make([]string, 0, l.height)
	lines = append(lines, l.header())
	lines = append(lines, fit(st.ColumnHeader.Render(l.formatRow("", "DUE", "RECEIVED", "REQUESTER", "SUBJECT", "STATUS")), l.width))

	switch {
	case !l.loaded:
		lines = append(lines, fit(st.Muted.Render("  Reading cases…"), l.width))
	case len(l.page.cases) == 0:
		lines = append(lines, "", fit("  No open cases. New requests appear here as they arrive.", l.width))
	default:
		end := min(len(l.page.cases), l.offset+l.rows())
		for i := l.offset; i < end; i++ {
			lines = append(lines, l.row(i))
		}
	}
	for len(lines) < l.height {
		lines = append(lines, "")
	}
	return strings.Join(lines[:l.height], "\n")
}

// header is the top line: the program, what it shows, and the counts.
func (l *listScreen) header() string {
	st := l.sh.styles
	left := "dsrdesk · " + CleanLine(l.sh.source)
	var right []string
	if l.loaded {
		c := l.page.counts
		right = append(right, fmt.Sprintf("%d open", c.Open))
		due := fmt.Sprintf("%d due within %d d", c.DueSoon, register.DueSoonDays)
		if c.DueSoon > 0 {
			due = st.Warn.Render(due)
		}
		late := fmt.Sprintf("%d overdue", c.Overdue)
		if c.Overdue > 0 {
			late = st.Late.Render("! " + late)
		}
		right = append(right, due, late)
	}
	return spread(left, st.Header, " "+strings.Join(right, " · "), l.width)
}

// row draws the case at index i.
func (l *listScreen) row(i int) string {
	st := l.sh.styles
	c := l.page.cases[i]
	left := c.DaysLeft(l.page.today)

	mark := " "
	if left < 0 {
		mark = "!"
	}
	cursor := " "
	if i == l.cursor {
		cursor = ">"
	}
	requester := c.Requester.Name
	if CleanLine(requester) == "" {
		requester = c.Requester.Email
	}
	line := l.formatRow(cursor+" "+mark, DaysLeft(left), register.ReceiptDate(c.ReceivedAt).String(),
		CleanLine(requester), CleanLine(c.Subject), CleanLine(c.Status))
	line = fit(line, l.width)

	style := lipgloss.NewStyle()
	switch {
	case left < 0:
		style = st.Late
	case left <= register.DueSoonDays:
		style = st.Warn
	}
	if i == l.cursor {
		style = style.Inherit(st.Selected)
	}
	return style.Render(line)
}

// formatRow lays out one line of the list from already cleaned cells.
func (l *listScreen) formatRow(lead, days, received, requester, subject, status string) string {
	subjectW := max(8, l.width-colCursor-colMark-colDays-colReceived-colRequester-colStatus-listGaps)
	var b strings.Builder
	b.WriteString(cell(lead, colCursor+colMark))
	b.WriteString(cell(days, colDays))
	b.WriteByte(' ')
	b.WriteString(cell(received, colReceived))
	b.WriteByte(' ')
	b.WriteString(cell(requester, colRequester))
	b.WriteByte(' ')
	b.WriteString(cell(subject, subjectW))
	b.WriteByte(' ')
	b.WriteString(cell(status, colStatus))
	return b.String()
}

// cell truncates the clean text s to width cells, marking a cut with "…",
// and pads it to exactly width.
func cell(s string, width int) string {
	s = ansi.Truncate(s, width, "…")
	if w := ansi.StringWidth(s); w < width {
		s += strings.Repeat(" ", width-w)
	}
	return s
}

// DaysLeft writes n days left to a deadline as the case list shows it:
// "5 d", "today", or "3 d late" when n is negative.
func DaysLeft(n int) string {
	switch {
	case n > 0:
		return fmt.Sprintf("%d d", n)
	case n == 0:
		return "today"
	default:
		return fmt.Sprintf("%d d late", -n)
	}
}
