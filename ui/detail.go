package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"dsrdesk/register"
	"github.com/charmbracelet/x/ansi"
)

// readCase is the detail screen's only access to the database: the case
// with its messages, and the register entries linked to it or offered for
// it. It runs inside a tea.Cmd, never in Update. When only the register
// cannot be read, the case is still returned, the failure in its links.
func readCase(ctx context.Context, db *register.DB, id int64) (register.CaseDetail, caseLinks, error) {
	c, err := db.CaseByID(ctx, id)
	if err != nil {
		return c, caseLinks{}, err
	}
	cands, err := db.Candidates(ctx, id)
	if err != nil {
		return c, caseLinks{err: fmt.Errorf("reading the register entries of %s: %w", c.Tag, err)}, nil
	}
	return c, caseLinks{cands: cands}, nil
}

// pager is the scrollable text of the case detail and of the message
// view: a title line over a viewport.
type pager struct {
	vp         viewport.Model
	allHeaders bool // show every header, not only the key ones
	width      int
	height     int
}

// setSize sets the area the pager draws in, title line included.
// keepRead takes what a read of a paged screen answered: fresh data, or
// the error, keeping what was read before beside it.
func keepRead[T any](data **T, readErr *error, fresh T, err error) {
	if err != nil {
		*readErr = err
		return
	}
	*data, *readErr = &fresh, nil
}

func (p *pager) setSize(width, height int) {
	p.width, p.height = width, height
	p.vp.SetWidth(width)
	p.vp.SetHeight(max(1, height-1))
}

// scroll moves the text for a scroll key and reports whether k was one.
func (p *pager) scroll(k tea.KeyPressMsg, keys ScrollKeys) bool {
	switch {
	case key.Matches(k, keys.Down):
		p.vp.ScrollDown(1)
	case key.Matches(k, keys.Up):
		p.vp.ScrollUp(1)
	case key.Matches(k, keys.PageDown):
		p.vp.PageDown()
	case key.Matches(k, keys.PageUp):
		p.vp.PageUp()
	case key.Matches(k, keys.Top):
		p.vp.GotoTop()
	case key.Matches(k, keys.Bottom):
		p.vp.GotoBottom()
	default:
		return false
	}
	return true
}

// view draws the title line, with the scroll position at its end, and the
// scrolled text: height lines.
func (p *pager) view(st Styles, title string) string {
	pos := ""
	if total := p.vp.TotalLineCount(); total > p.vp.Height() {
		pos = fmt.Sprintf("%d%%", int(p.vp.ScrollPercent()*100+0.5))
	}
	return spread(title, st.Title, st.Muted.Render(pos), p.width) + "\n" + p.vp.View()
}

// builder returns an empty textBuilder for the pager's width.
func (p *pager) builder(st Styles) *textBuilder {
	return &textBuilder{width: p.width, st: st}
}

// detailScreen shows one case and its messages, scrollable.
type detailScreen struct {
	pager
	sh     *shared
	caseID int64
	data   *register.CaseDetail // nil until read
	links  caseLinks            // read with data
	tell   tellRead             // read with data: the recipients to tell
	err    error                // the last read failed
}

// labelWidth is the width of the field names in the detail view.
const labelWidth = 12

// newDetail returns the detail screen of case id, waiting for its data.
func newDetail(sh *shared, id int64, width, height int) detailScreen {
	d := detailScreen{sh: sh, caseID: id, pager: pager{vp: viewport.New()}}
	d.SetSize(width, height)
	return d
}

// SetSize sets the area the screen draws in, title line included.
func (d *detailScreen) SetSize(width, height int) {
	d.setSize(width, height)
	d.build()
}

// SetLinks keeps the register entries read with the case, for the next
// SetCase to show.
func (d *detailScreen) SetLinks(l caseLinks) { d.links = l }

// SetCase shows freshly read data, keeping the scroll position.
func (d *detailScreen) SetCase(c register.CaseDetail, err error) {
	keepRead(&d.data, &d.err, c, err)
	d.build()
}

// Keys returns every key of the detail screen, for the help screen.
func (d *detailScreen) Keys() []key.Binding { return d.sh.keys.Detail.Bindings() }

// Update scrolls and toggles the headers. Keys that leave the screen or
// open an overlay are the root model's.
func (d *detailScreen) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	keys := d.sh.keys.Detail
	switch {
	case d.scroll(k, keys.ScrollKeys):
	case key.Matches(k, keys.Headers):
		d.allHeaders = !d.allHeaders
		d.build()
	}
	return nil
}

// View draws the title line and the scrolled text: height lines.
func (d *detailScreen) View() string {
	title := "Case"
	if d.data != nil {
		c := d.data
		title = CleanLine(c.Tag) + " · " + CleanLine(c.Status)
		switch {
		case c.Status == register.StatusClosed:
			title += " · " + outcomeLabel(c.Outcome)
		case !c.AnsweredAt.IsZero():
			title += " · answered"
		case c.WaitingForID:
			title += " · waiting ID"
		case !c.ExtendedAt.IsZero():
			title += " · extended"
		}
		if c.Late {
			title += " · late"
		}
	}
	return d.view(d.sh.styles, title)
}

// build lays the case out for the current width and hands it to the
// viewport.
func (d *detailScreen) build() {
	if d.width <= 0 {
		return
	}
	b := d.builder(d.sh.styles)
	if b.readState("case", d.data != nil, d.err) {
		d.writeCase(b, register.Today(d.sh.now()))
	}
	d.vp.SetContentLines(b.lines)
}

// writeCase writes the case's facts and then each message.
func (d *detailScreen) writeCase(b *textBuilder, today register.Date) {
	c := d.data
	st := b.st
	plain := lipgloss.NewStyle()
	var first *register.Message
	if len(c.Messages) > 0 {
		first = &c.Messages[0]
	}
	if c.Uncertain {
		b.styled(st.Banner, "? Classifier unsure — check the kinds (K).")
		if first != nil && len(first.Reasons) > 0 {
			b.styled(st.Banner, "  Why: "+reasonsText(first.Reasons))
		}
		b.blank()
	}
	if c.NewActivity {
		b.styled(st.Banner, "* New activity: mail arrived since the case was last opened.")
		b.blank()
	}
	b.field("Case", CleanLine(c.Tag)+" ("+CleanLine(c.Status)+")", plain)
	b.field("Kinds", kindsText(c.Kinds), plain)
	b.field("Requester", personText(c.Requester), plain)
	if first != nil && first.StaffForward {
		sent := "unknown"
		if !first.OriginalDate.IsZero() {
			sent = first.OriginalDate.In(register.Helsinki).Format("2006-01-02 15:04")
		}
		b.field("Via", "Forwarded by "+personText(first.From)+"; original sent "+sent, plain)
	}
	b.field("Identity", identityText(c.Identity), plain)
	writeLanguage(b, c.Lang, d.sh.keys.Detail)
	b.field("Subject", CleanLine(c.Subject), plain)
	b.field("Received", c.ReceivedAt.In(register.Helsinki).Format("2006-01-02 15:04")+" Helsinki time", plain)
	left := c.DaysLeft(today)
	dueStyle := plain
	switch {
	case c.Status == register.StatusClosed || !c.AnsweredAt.IsZero():
	case left < 0:
		dueStyle = st.Late
	case left <= register.DueSoonDays:
		dueStyle = st.Warn
	}
	b.field("Due", dueText(c.Case, today), dueStyle)
	if c.SuspendedDays > 0 || c.WaitingForID {
		b.field("", fmt.Sprintf("Adjusted for %d %s waiting for ID: %s", c.SuspendedDays, plural(c.SuspendedDays, "day", "days"),
			c.AdjustedDue), plain)
	}
	if c.WaitingForID {
		since := ""
		if n := len(c.Suspensions); n > 0 {
			since = " since " + register.ReceiptDate(c.Suspensions[n-1].Start).String()
		}
		b.field("Waiting", "for identifying information"+since+"; the strict date above stands (w stops)", st.Warn)
	}
	writeExtension(b, c.Case, today, d.sh.keys.Detail)
	writeEnd(b, c.Case, d.sh.keys.Detail)
	writeLinks(b, d.links, d.sh.keys.Detail)
	writeTell(b, d.tell, d.sh.keys.Detail)

	if len(c.Messages) == 0 {
		b.blank()
		b.styled(st.Muted, "No messages are stored for this case.")
	}
	for i, m := range c.Messages {
		b.blank()
		title := fmt.Sprintf("Message %d of %d", i+1, len(c.Messages))
		if m.Disposition == register.DispositionFollowup {
			title += " · follow-up"
		}
		b.rule(title)
		if m.Disposition == register.DispositionFollowup && len(m.Reasons) > 0 {
			b.field("Joined", CleanLine(m.Reasons[len(m.Reasons)-1]), plain)
		}
		writeMessage(b, m, d.allHeaders)
	}
}

// writeMessage writes one message: headers, why it was classified so,
// attachments, warnings and body. The case detail and the message view
// both use it.
func writeMessage(b *textBuilder, m register.Message, allHeaders bool) {
	st := b.st
	hs := parseHeaders(m.Headers)
	var shown []header
	if allHeaders {
		shown = hs
	} else {
		shown = keyHeaders(hs, m)
	}
	// Everything drawn from this message, as it came, to count the hidden
	// characters the sanitiser marked in it.
	var drawn []string
	for _, h := range shown {
		if allHeaders {
			// Names of any length: written out whole, not in the label column.
			b.text(CleanLine(h.Key) + ": " + CleanLine(h.Value))
		} else {
			b.field(CleanLine(h.Key), CleanLine(h.Value), lipgloss.NewStyle())
		}
		drawn = append(drawn, h.Key, h.Value)
	}
	if len(shown) == 0 {
		b.styled(st.Muted, "(no headers)")
	}
	b.field("Arrived", m.ReceivedAt.In(register.Helsinki).Format("2006-01-02 15:04:05")+" Helsinki time", st.Muted)
	for i, r := range m.Reasons {
		label := ""
		if i == 0 {
			label = "Why"
		}
		b.field(label, CleanLine(r), lipgloss.NewStyle())
		drawn = append(drawn, r)
	}
	for i, a := range m.Attachments {
		label := ""
		if i == 0 {
			label = "Attached"
		}
		b.field(label, fmt.Sprintf("%s (%s, %s)", CleanLine(a.Name), CleanLine(a.Type), sizeText(a.Size)), lipgloss.NewStyle())
		drawn = append(drawn, a.Name, a.Type)
	}
	// One line for each removal, oldest first.
	for i, r := range strings.Split(strings.TrimSpace(m.Redacted), "\n") {
		if strings.TrimSpace(r) == "" {
			continue
		}
		label := ""
		if i == 0 {
			label = "Removed"
		}
		b.field(label, CleanLine(r), st.Muted)
		drawn = append(drawn, r)
	}
	drawn = append(drawn, m.Text)

	if m.ParseError != "" {
		b.blank()
		b.styled(st.Banner, "This message could not be read completely: "+CleanLine(m.ParseError)+"; its raw bytes are kept.")
	}
	if w := HiddenBanner(strings.Join(drawn, "\n")); w != "" {
		b.blank()
		b.styled(st.Banner, w)
	}
	b.blank()
	if strings.TrimSpace(m.Text) == "" {
		b.styled(st.Muted, "(no text)")
		return
	}
	b.text(Clean(m.Text))
}

// reasonsText joins a message's reasons, cleaned: "a; b".
func reasonsText(reasons []string) string {
	out := make([]string, len(reasons))
	for i, r := range reasons {
		out[i] = CleanLine(r)
	}
	return strings.Join(out, "; ")
}

// plural picks one or many by n.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// sizeText writes a size in bytes for people: "512 B", "14 kB", "2.1 MB".
func sizeText(n int) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d B", n)
	case n < 1000*1000:
		return fmt.Sprintf("%d kB", (n+500)/1000)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}

// header is one header field.
type header struct{ Key, Value string }

// parseHeaders reads "Key: value" lines; a line that starts with white space
// or has no colon continues the previous value.
func parseHeaders(s string) []header {
	var out []header
	for _, line := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok || line[0] == ' ' || line[0] == '\t' || strings.ContainsAny(k, " \t") {
			if len(out) > 0 {
				out[len(out)-1].Value += " " + strings.TrimSpace(line)
				continue
			}
			k, v = "", line
		}
		out = append(out, header{Key: strings.TrimSpace(k), Value: strings.TrimSpace(v)})
	}
	return out
}

// keyHeaders picks From, To, Date, Subject and Message-ID, in that order,
// filling From, Subject and Message-ID from the stored fields when the
// headers lack them.
func keyHeaders(hs []header, m register.Message) []header {
	var out []header
	for _, name := range []string{"From", "To", "Date", "Subject", "Message-ID"} {
		found := false
		for _, h := range hs {
			if strings.EqualFold(h.Key, name) {
				out = append(out, header{Key: name, Value: h.Value})
				found = true
				break
			}
		}
		if found {
			continue
		}
		var v string
		switch name {
		case "From":
			if m.From.Email != "" || m.From.Name != "" {
				v = personText(m.From)
			}
		case "Subject":
			v = m.Subject
		case "Message-ID":
			if m.MessageID != "" {
				v = "<" + m.MessageID + ">"
			}
		}
		if v != "" {
			out = append(out, header{Key: name, Value: v})
		}
	}
	return out
}

// personText is "Name <address>", or the one of them that is known; cleaned.
func personText(p register.Person) string {
	name, email := CleanLine(p.Name), CleanLine(p.Email)
	switch {
	case name == "" && email == "":
		return "(unknown)"
	case name == "":
		return email
	case email == "":
		return name
	}
	return name + " <" + email + ">"
}

// leftText is the detail screen's deadline note: "5 d left", "due today",
// "3 d late".
func leftText(n int) string {
	switch {
	case n > 0:
		return fmt.Sprintf("%d d left", n)
	case n == 0:
		return "due today"
	default:
		return fmt.Sprintf("%d d late", -n)
	}
}

// textBuilder collects the detail view's lines, each wrapped to width and
// styled on its own so no style spans a line break.
type textBuilder struct {
	lines []string
	width int
	st    Styles
}

func (b *textBuilder) blank() { b.lines = append(b.lines, "") }

// readState writes how the read of what a screen shows stands: still
// reading, gone, failed, or failed to reload what was read before. It
// reports whether what was read should follow.
func (b *textBuilder) readState(what string, read bool, err error) bool {
	switch {
	case err != nil && errors.Is(err, register.ErrNotFound):
		b.styled(b.st.Error, "This "+what+" no longer exists.")
		return false
	case err != nil && !read:
		b.styled(b.st.Error, "Could not read the "+what+": "+CleanLine(err.Error()))
		return false
	case !read:
		b.styled(b.st.Muted, "Reading the "+what+"…")
		return false
	case err != nil:
		b.styled(b.st.Error, "Could not reload the "+what+", showing what was read before: "+CleanLine(err.Error()))
		b.blank()
	}
	return true
}

// styled writes clean text s wrapped to the width, each line in style.
func (b *textBuilder) styled(style lipgloss.Style, s string) {
	for _, l := range wrapLines(s, b.width) {
		b.lines = append(b.lines, style.Render(l))
	}
}

// text writes clean multi-line text, wrapped to the width, unstyled.
func (b *textBuilder) text(s string) {
	b.lines = append(b.lines, wrapLines(s, b.width)...)
}

// field writes "Label       value", the value wrapped under itself.
func (b *textBuilder) field(label, value string, style lipgloss.Style) {
	b.labelled(label, value, style, labelWidth)
}

// labelled is field with a label column lw cells wide.
func (b *textBuilder) labelled(label, value string, style lipgloss.Style, lw int) {
	if b.width < 40 {
		lw = 0
	}
	vw := max(10, b.width-lw)
	if lw == 0 {
		b.lines = append(b.lines, b.st.Label.Render(ansi.Truncate(label, b.width, "…")))
		vw = b.width
	}
	for i, l := range wrapLines(value, vw) {
		lead := strings.Repeat(" ", lw)
		if i == 0 && lw > 0 {
			lead = b.st.Label.Render(cell(label, lw-1)) + " "
		}
		b.lines = append(b.lines, lead+style.Render(l))
	}
}

// rule writes a titled separator line across the width.
func (b *textBuilder) rule(title string) {
	t := "── " + title + " "
	n := b.width - ansi.StringWidth(t)
	if n > 0 {
		t += strings.Repeat("─", n)
	}
	b.lines = append(b.lines, b.st.Title.Render(ansi.Truncate(t, b.width, "")))
}

// wrapLines wraps clean text to width cells, breaking long words, and
// returns its lines.
func wrapLines(s string, width int) []string {
	if width < 1 {
		width = 1
	}
	return strings.Split(ansi.Wrap(s, width, ""), "\n")
}
