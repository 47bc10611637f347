package ui

import (
	"context"
	"fmt"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"dsrdesk/register"
)

// The accountability report screen (issue 6 point 6): per month the
// requests received by kind, answered within one month, within the
// extension or late, and the median days to answer; then the open and
// overdue cases now. The same rows as `dsrdesk report` (reportRows).

// reportLoadedMsg answers a read of the report.
type reportLoadedMsg struct {
	req uint64
	fig register.Figures
	err error
}

// reportScreen shows the accountability report, scrollable.
type reportScreen struct {
	pager
	sh   *shared
	all  bool              // every month, not only the last twelve
	data *register.Figures // nil until read
	err  error             // the last read failed
}

// newReport returns the report screen, waiting for its figures.
func newReport(sh *shared, width, height int) reportScreen {
	r := reportScreen{sh: sh, pager: pager{vp: viewport.New()}}
	r.SetSize(width, height)
	return r
}

// reportFrom is the first day of the report's months as of today: the
// first of the month eleven months back, or none (every month) with all.
func reportFrom(today register.Date, all bool) register.Date {
	if all {
		return register.Date{}
	}
	return register.AddMonths(register.MakeDate(today.Year, today.Month, 1), -11)
}

// SetSize sets the area the screen draws in, title line included.
func (r *reportScreen) SetSize(width, height int) {
	r.setSize(width, height)
	r.build()
}

// SetFigures shows freshly read figures, keeping the scroll position.
func (r *reportScreen) SetFigures(fig register.Figures, err error) {
	if err != nil {
		r.err = err
	} else {
		r.data, r.err = &fig, nil
	}
	r.build()
}

// Keys returns every key of the report screen, for the help screen.
func (r *reportScreen) Keys() []key.Binding { return r.sh.keys.Report.Bindings() }

// Update scrolls. Keys that leave the screen or read again are the root
// model's.
func (r *reportScreen) Update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		r.scroll(k, r.sh.keys.Report.ScrollKeys)
	}
	return nil
}

// View draws the title line and the scrolled report: height lines.
func (r *reportScreen) View() string {
	title := "Accountability report · the last 12 months"
	if r.all {
		title = "Accountability report · every month"
	}
	return r.view(r.sh.styles, title)
}

// build lays the report out for the current width.
func (r *reportScreen) build() {
	if r.width <= 0 {
		return
	}
	b := r.builder(r.sh.styles)
	if b.readState("report", r.data != nil, r.err) {
		writeReport(b, *r.data, r.sh.keys.Report)
	}
	r.vp.SetContentLines(b.lines)
}

// writeReport writes the figures: the queue now, the table of months, and
// what its columns mean.
func writeReport(b *textBuilder, fig register.Figures, keys ReportKeys) {
	st := b.st
	overdue := fmt.Sprintf("%d overdue and unanswered", fig.Overdue)
	style := st.Muted
	if fig.Overdue > 0 {
		style = st.Late
	}
	b.text(fmt.Sprintf("Now: %d open, of them ", fig.OpenNow) + style.Render(overdue))
	b.blank()
	if len(fig.Months) == 0 {
		b.styled(st.Muted, "No requests were received in these months. "+keys.All.Help().Key+" shows every month.")
	} else {
		rows := tableLines(nil, reportRows(fig), " ")
		b.lines = append(b.lines, st.ColumnHeader.Render(cell(rows[0], b.width)))
		for _, l := range rows[1:] {
			b.lines = append(b.lines, cell(l, b.width))
		}
	}
	b.blank()
	for _, n := range reportNotes() {
		b.styled(st.Muted, n)
	}
}

// reportNotes explain the report's columns, for its screen and its help.
func reportNotes() []string {
	return []string{
		"By the month received (Helsinki time): RECEIVED requests, and of them invoking each right: " + kindsLegend() + ".",
		"IN MONTH answered within one month; IN EXTENSION after it, within the extension; LATE answered or closed " +
			"after the deadline, or open past it; UNANSWERED open, not due yet. MEDIAN DAYS from receipt to the answer. " +
			"Cases closed as not a request are not counted; purged cases still are.",
	}
}

// openReport shows the report screen and reads its figures.
func (m *model) openReport() tea.Cmd {
	m.report = newReport(m.sh, m.width, m.height-1)
	m.on = onReport
	return m.loadReport()
}

// loadReport starts a read of the report's figures.
func (m *model) loadReport() tea.Cmd {
	if m.on != onReport {
		return nil
	}
	today := register.Today(m.sh.now())
	from := reportFrom(today, m.report.all)
	return m.dbCmd(&m.reportReq, "reading the report", func(ctx context.Context, db *register.DB, req uint64) tea.Msg {
		fig, err := db.Report(ctx, from, register.Date{}, today)
		return reportLoadedMsg{req: req, fig: fig, err: err}
	})
}

// reportKey handles a key on the report screen.
func (m *model) reportKey(k tea.KeyPressMsg) tea.Cmd {
	rk := m.sh.keys.Report
	switch {
	case key.Matches(k, rk.ForceQuit):
		return tea.Quit
	case key.Matches(k, rk.Help):
		m.help = true
	case key.Matches(k, rk.Back):
		m.on, m.reportReq = onList, 0
		return m.loadList()
	case key.Matches(k, rk.Reload):
		return m.loadReport()
	case key.Matches(k, rk.All):
		m.report.all = !m.report.all
		return m.loadReport()
	default:
		return m.report.Update(k)
	}
	return nil
}
