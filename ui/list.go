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

// listPage is what the case list has read: a window of the open cases (or
// of all, closed too), soonest due first, where the window starts in the
// whole list and how long that is, and the figures for the header, all as
// of one day.
type listPage struct {
	cases     []register.Case // the window: the list's rows start to start+len(cases)
	start     int
	total     int // rows in the whole list
	uncertain int // open cases the classifier was unsure of
	counts    register.Counts
	today     register.Date
	all       bool // closed cases are listed too

	follow int64 // the case the read looked for: the one selected, or asked for with Select
	at     int   // its row in the whole list; -1: not listed
	from   int   // the cursor's row when the read started
}

// listRead is what a read of the list asks for: a window of n rows from
// row from, and where case follow now is (0: none).
type listRead struct {
	today    register.Date
	all      bool
	from, n  int
	follow   int64
	cursorAt int
}

// readList is the case list's only access to the database: the size of the
// list, the figures, and one window of rows, moved onto case follow when
// that case has moved out of it. It runs inside a tea.Cmd, never in Update.
func readList(ctx context.Context, db *register.DB, q listRead) (listPage, error) {
	p := listPage{today: q.today, all: q.all, follow: q.follow, at: -1, from: q.cursorAt}
	var err error
	if p.total, p.uncertain, err = db.ListSize(ctx, q.all); err != nil {
		return listPage{}, err
	}
	if q.follow != 0 {
		if p.at, err = db.CasePosition(ctx, q.follow, q.all); err != nil {
			return listPage{}, err
		}
		if p.at >= 0 && (p.at < q.from || p.at >= q.from+q.n) {
			q.from = max(0, p.at-q.n/2)
		}
	}
	p.start = max(0, min(q.from, p.total-q.n))
	if p.cases, err = db.Cases(ctx, register.CaseQuery{All: q.all, Offset: p.start, Limit: max(1, q.n)}); err != nil {
		return listPage{}, err
	}
	if p.counts, err = db.Counts(ctx, q.today); err != nil {
		return listPage{}, err
	}
	return p, nil
}

// rowCursor is the selected row of a list and the first row shown.
type rowCursor struct {
	cursor int // index of the selected row
	offset int // index of the first visible row
}

// move moves the cursor for a scroll key over n rows, rows of them shown
// at a time.
func (c *rowCursor) move(k tea.KeyPressMsg, keys ScrollKeys, n, rows int) {
	switch {
	case key.Matches(k, keys.Down):
		c.cursor++
	case key.Matches(k, keys.Up):
		c.cursor--
	case key.Matches(k, keys.PageDown):
		c.cursor += rows
		c.offset += rows
	case key.Matches(k, keys.PageUp):
		c.cursor -= rows
		c.offset -= rows
	case key.Matches(k, keys.Top):
		c.cursor = 0
	case key.Matches(k, keys.Bottom):
		c.cursor = n - 1
	}
	c.clamp(n, rows)
}

// clamp keeps the cursor on one of n rows and the window of rows on the
// cursor.
func (c *rowCursor) clamp(n, rows int) {
	c.cursor = max(0, min(c.cursor, n-1))
	c.offset = max(0, min(c.offset, n-rows))
	if c.cursor < c.offset {
		c.offset = c.cursor
	}
	if c.cursor >= c.offset+rows {
		c.offset = c.cursor - rows + 1
	}
}

// listScreen is the top screen: the open cases with their deadlines, or
// every case. It draws only the rows in its window.
type listScreen struct {
	rowCursor
	sh     *shared
	all    bool // closed cases are asked for too
	page   listPage
	loaded bool           // a page has arrived
	want   int64          // a case to select once the next page shows it (one just opened)
	read   func() tea.Cmd // reads the window the cursor needs, unless a read is under way
	cols   listColumns    // for the page and the width
	width  int
	height int
}

// Column widths of the list. The kinds and status columns are as wide as
// their widest cell, at least their names; the requester and the subject
// share the rest.
const (
	colLead     = 6 // "> !?* ": cursor, late, unsure, new activity
	colDays     = 10
	colReceived = 10
	listGaps    = 5 // single spaces between days, received, kinds, requester, subject, status
)

// listColumns are the widths of the list's columns for one page.
type listColumns struct {
	kinds, requester, subject, status int
}

// SetSize sets the area the list draws in, header included.
func (l *listScreen) SetSize(width, height int) {
	l.width, l.height = width, height
	l.cols = l.columns()
	l.scroll()
}

// rows returns how many case rows fit under the header and column names.
func (l *listScreen) rows() int { return max(1, l.height-2) }

// SetPage shows a freshly read page. The cursor follows the case the read
// looked for, if it is still listed: the case asked for with Select, or the
// one selected when the read started, unless the cursor moved meanwhile.
func (l *listScreen) SetPage(p listPage) {
	want := l.want
	if p.follow == want {
		l.want = 0 // the first page read after Select has the case, if it is listed
	}
	if p.at >= 0 && ((want != 0 && p.follow == want) || l.cursor == p.from) {
		l.cursor = p.at
	}
	l.page, l.loaded = p, true
	l.cols = l.columns()
	l.scroll()
}

// moveTo puts the cursor on case id and reports whether the window read
// holds it.
func (l *listScreen) moveTo(id int64) bool {
	if id == 0 {
		return false
	}
	for i, c := range l.page.cases {
		if c.ID == id {
			l.cursor = l.page.start + i
			return true
		}
	}
	return false
}

// Select puts the cursor on case id, now if the window read holds it, and
// when the next page is read in any case.
func (l *listScreen) Select(id int64) {
	l.want = id
	if l.moveTo(id) {
		l.scroll()
	}
}

// Selected returns the case under the cursor, if its row has been read.
func (l *listScreen) Selected() (register.Case, bool) {
	i := l.cursor - l.page.start
	if i < 0 || i >= len(l.page.cases) {
		return register.Case{}, false
	}
	return l.page.cases[i], true
}

// readFor returns what the next read of the list asks for: the rows shown
// with a margin of a page (at least minMargin rows) on either side, the selected case (or the one
// asked for with Select) to follow, as of today.
func (l *listScreen) readFor(today register.Date) listRead {
	rows := l.rows()
	margin := max(rows, minMargin)
	follow := l.want
	if follow == 0 {
		if c, ok := l.Selected(); ok {
			follow = c.ID
		}
	}
	return listRead{today: today, all: l.all, from: max(0, l.offset-margin), n: rows + 2*margin, follow: follow, cursorAt: l.cursor}
}

// minMargin is the least number of rows read beyond those shown either
// way: the first read, before the terminal's size is known, then covers a
// screen of up to twice as many rows.
const minMargin = 40

// needsRead says whether the rows shown, or the half page beyond them
// either way, lie outside the window read, so that a read should start.
func (l *listScreen) needsRead() bool {
	if !l.loaded {
		return false
	}
	rows, p := l.rows(), l.page
	end := p.start + len(p.cases)
	first, last := max(0, l.offset-rows/2), min(p.total, l.offset+rows+rows/2)
	return first < p.start || last > end
}

// Keys returns every key of the list, for the help screen.
func (l *listScreen) Keys() []key.Binding { return l.sh.keys.List.Bindings() }

// Update moves the cursor. Keys that leave the screen are the root model's.
func (l *listScreen) Update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		l.move(k, l.sh.keys.List.ScrollKeys, l.page.total, l.rows())
		if l.needsRead() && l.read != nil {
			return l.read()
		}
	}
	return nil
}

// scroll clamps the cursor to the list and the window to the cursor.
func (l *listScreen) scroll() { l.clamp(l.page.total, l.rows()) }

// listNotes explain the list's letters and marks, for its help screen and
// its legend.
func listNotes() []string {
	return []string{
		"Kinds: " + kindsLegend(),
		"Marks: ! overdue, or answered or closed late · ? classifier unsure, check the kinds · * new activity",
		"DUE answered: answer sent, close it · STATUS " + noticeDue +
			": tell of the extension by the first deadline; waiting ID: clock stopped; or the outcome",
	}
}

// View draws the list: the header with counts, the column names, and the
// visible rows, exactly height lines of width cells. A legend of the kinds
// takes the last line when the rows leave room for it.
func (l *listScreen) View() string {
	st := l.sh.styles
	lines := make([]string, 0, l.height)
	lines = append(lines, l.header())
	lines = append(lines, fit(st.ColumnHeader.Render(l.formatRow("", "DUE", "RECEIVED", "KINDS", "REQUESTER", "SUBJECT", "STATUS")), l.width))

	switch {
	case !l.loaded:
		lines = append(lines, fit(st.Muted.Render("  Reading cases…"), l.width))
	case l.page.total == 0 && l.page.all:
		lines = append(lines, "", fit("  No cases yet. New requests appear here as they arrive.", l.width))
	case l.page.total == 0:
		lines = append(lines, "", fit("  No open cases. New requests appear here as they arrive.", l.width))
	default:
		end := min(l.page.total, l.offset+l.rows())
		for i := l.offset; i < end; i++ {
			if i < l.page.start || i >= l.page.start+len(l.page.cases) {
				lines = append(lines, fit(st.Muted.Render("      …"), l.width)) // being read
				continue
			}
			lines = append(lines, l.row(i))
		}
	}
	for len(lines) < l.height {
		lines = append(lines, "")
	}
	lines = lines[:l.height]
	if l.loaded && l.page.total < l.rows() && l.height > 4 {
		legend := legendFor(l.width)
		lines[l.height-1] = fit(st.Muted.Render(legend), l.width)
	}
	return strings.Join(lines, "\n")
}

// legendFor returns the longest legend of the kinds letters (and of the
// marks, where there is room) that fits in width cells.
func legendFor(width int) string {
	full := "Kinds: " + kindsLegend()
	short := strings.ReplaceAll(kindsLegend(), " · ", "  ")
	for _, l := range []string{full + " · marks: ! late, ? unsure, * new", full, short} {
		if ansi.StringWidth(l) <= width {
			return l
		}
	}
	return ansi.Truncate(short, width, "…")
}

// header is the top line: the program, what it shows, and the counts.
func (l *listScreen) header() string {
	st := l.sh.styles
	left := "dsrdesk · " + CleanLine(l.sh.source)
	if l.page.all {
		left = "dsrdesk · all cases · " + CleanLine(l.sh.source)
	}
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
		if check := l.page.uncertain; check > 0 {
			right = append(right, st.Warn.Render(fmt.Sprintf("%d to check", check)))
		}
	}
	return spread(left, st.Header, " "+strings.Join(right, " · "), l.width)
}

// row draws the case at row i of the whole list, which the window read
// holds.
func (l *listScreen) row(i int) string {
	st := l.sh.styles
	c := l.page.cases[i-l.page.start]
	left := c.DaysLeft(l.page.today)

	lead := []byte("      ")
	if i == l.cursor {
		lead[0] = '>'
	}
	late := lateMark(c, l.page.today)
	if late {
		lead[2] = '!'
	}
	if c.Uncertain {
		lead[3] = '?'
	}
	if c.NewActivity {
		lead[4] = '*'
	}
	requester := c.Requester.Name
	if CleanLine(requester) == "" {
		requester = c.Requester.Email
	}
	line := l.formatRow(string(lead), dueCell(c, l.page.today), register.ReceiptDate(c.ReceivedAt).String(),
		kindsCell(c.Kinds), CleanLine(requester), CleanLine(c.Subject), l.statusText(c))
	line = fit(line, l.width)

	style := lipgloss.NewStyle()
	switch {
	case c.Status == register.StatusClosed:
		style = st.Muted
	case late:
		style = st.Late
	case !c.AnsweredAt.IsZero():
	case left <= register.DueSoonDays:
		style = st.Warn
	case c.NeedsExtensionNotice() && l.page.today.DaysUntil(firstDeadline(c)) <= register.DueSoonDays:
		style = st.Warn
	}
	if i == l.cursor {
		style = style.Inherit(st.Selected)
	}
	return style.Render(line)
}

// columns returns the widths of the columns for the page shown: the
// requester two fifths of the room left by the others, within 14 and 24
// cells; the subject the rest.
func (l *listScreen) columns() listColumns {
	c := listColumns{kinds: len("KINDS"), status: len("STATUS")}
	for _, cs := range l.page.cases {
		c.kinds = max(c.kinds, len(kindsCell(cs.Kinds)))
		c.status = max(c.status, ansi.StringWidth(l.statusText(cs)))
	}
	c.status = min(c.status, 12)
	rest := l.width - colLead - colDays - colReceived - c.kinds - c.status - listGaps
	c.requester = max(14, min(24, rest*2/5))
	c.subject = max(8, rest-c.requester)
	return c
}

// statusText is the status column of case c: a closed case's outcome;
// for an open one, that the requester is still to be told of its
// extension, or that it waits for identifying information, or was
// extended.
func (l *listScreen) statusText(c register.Case) string {
	switch {
	case c.Status == register.StatusClosed:
		return outcomeCell(c.Outcome)
	case c.NeedsExtensionNotice():
		return noticeDue
	case c.WaitingForID:
		return "waiting ID"
	case !c.ExtendedAt.IsZero():
		return "extended"
	}
	return CleanLine(c.Status)
}

// noticeDue is the status column of a case whose requester is still to be
// told of its extension.
const noticeDue = "notice due"

// lateMark says whether case c's row is marked late: open, unanswered and
// past its due date, or answered or closed after its deadline.
func lateMark(c register.Case, today register.Date) bool {
	return c.Late || (c.Status == register.StatusOpen && c.AnsweredAt.IsZero() && c.DaysLeft(today) < 0)
}

// dueCell is the list's DUE column for case c: the days left, or that it
// was answered or closed.
func dueCell(c register.Case, today register.Date) string {
	switch {
	case c.Status == register.StatusClosed:
		return "closed"
	case !c.AnsweredAt.IsZero():
		return "answered"
	}
	return DaysLeft(c.DaysLeft(today))
}

// formatRow lays out one line of the list from already cleaned cells.
func (l *listScreen) formatRow(lead, days, received, kinds, requester, subject, status string) string {
	w := l.cols
	var b strings.Builder
	b.WriteString(cell(lead, colLead))
	b.WriteString(cell(days, colDays))
	b.WriteByte(' ')
	b.WriteString(cell(received, colReceived))
	b.WriteByte(' ')
	b.WriteString(cell(kinds, w.kinds))
	b.WriteByte(' ')
	b.WriteString(cell(requester, w.requester))
	b.WriteByte(' ')
	b.WriteString(cell(subject, w.subject))
	b.WriteByte(' ')
	b.WriteString(cell(status, w.status))
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
