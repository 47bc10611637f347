package inbox

import (
	"net/mail"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-message/textproto"
)

// Forward detection. A forwarded original reaches the mailbox in one of two
// shapes: attached as message/rfc822 (the parser hands each attached message
// to forwardState.sawMessage as it renders it) or quoted inline below a
// header block that the forwarder's client wrote ("-----Original
// Message-----", "---------- Forwarded message ---------", "Begin forwarded
// message:" and their Finnish and Swedish translations). forwardState.finish
// decides, once the whole message is read, whether the message is a forward
// at all and which original it carries.

// Limits that keep the inline search cheap on hostile input.
const (
	maxLeadLines    = 4   // lines the forwarder may write above a block when the subject says nothing
	maxLeadLineLen  = 100 // runes in one such line
	maxShortOwnText = 200 // runes of the forwarder's own text beside an attached message, subject aside
	maxShortOwnLine = 3   // non-blank lines of that text
	maxBlockFields  = 16  // header lines read in one inline header block
	maxBlankBefore  = 2   // blank lines between a marker and its header lines
	maxDateLen      = 200 // a longer date value is not a date
)

// forwardState is what the parser notes while it walks a message.
type forwardState struct {
	first      *Original // the outermost attached message with a sender address
	firstDepth int
}

// sawMessage records an attached message: its header h (empty when it had
// none) and its readable text. The first message at the smallest depth
// wins, which is the outermost one in document order: inner messages are
// reported before the one holding them, but always deeper.
func (f *forwardState) sawMessage(h textproto.Header, text string, depth int) {
	if f.first != nil && f.firstDepth <= depth {
		return
	}
	from := parseAddressList(h.Get("From"))
	if len(from) == 0 || !strings.Contains(from[0].Email, "@") {
		return
	}
	f.first = &Original{
		From:    from[0],
		Date:    parseDate(h.Get("Date")),
		Subject: strings.TrimSpace(decodeWords(h.Get("Subject"))),
		Text:    finishText(text),
	}
	f.firstDepth = depth
}

// attachedHeading is the line the parser puts above the quoted rendering
// of an attached message (see parser.message).
const attachedHeading = "---------- Attached message ----------"

// withoutAttached returns the lines of text without the quoted renderings
// of attached messages: what the forwarder wrote.
func withoutAttached(text string) []string {
	// Kept lines are moved down in place: own never passes the line read.
	lines := strings.Split(text, "\n")
	own := lines[:0]
	inBlock := false
	for _, l := range lines {
		switch {
		case l == attachedHeading:
			inBlock = true
			continue
		case inBlock && strings.HasPrefix(l, ">"):
			continue
		}
		inBlock = false
		own = append(own, l)
	}
	return own
}

// finish returns the original that out forwards, or nil when out is not a
// forward. out must be filled in already.
func (f *forwardState) finish(out *Parsed) *Original {
	fwdSubject := IsForwardSubject(out.Subject)
	// Outlook heads the quote in a reply with the same block as in a
	// forward; only the explicit forward markers count below a reply.
	replySubject := !fwdSubject && replyPrefix.MatchString(out.Subject)

	// A time in an inline header block has no zone: the forwarder's
	// client printed it in its own, which the forward's Date shows.
	loc := time.UTC
	if !out.Date.IsZero() {
		loc = out.Date.Location()
	}
	lines := withoutAttached(out.Text)

	// A block right at the top is what the forwarder meant to send, even
	// when an attachment of the original came along.
	if b, ok := findInline(lines, true, replySubject, loc); ok {
		return cleanOriginal(b)
	}
	if f.first != nil && (fwdSubject || f.onlyAttachment(out, lines)) {
		return cleanOriginal(*f.first)
	}
	if fwdSubject {
		if b, ok := findInline(lines, false, false, loc); ok {
			return cleanOriginal(b)
		}
	}
	return nil
}

// onlyAttachment reports whether the forwarder wrote next to nothing beside
// the attached message: at most a short note and a signature. Delivery
// reports, which attach the undelivered message, never count.
func (f *forwardState) onlyAttachment(out *Parsed, lines []string) bool {
	for _, h := range out.Headers {
		if strings.EqualFold(h.Key, "Content-Type") {
			if mt, _ := mediaType(h.Value, ""); mt == "multipart/report" {
				return false
			}
			break
		}
	}
	// Drop the signature: everything from a "-- " line on.
	for i, l := range lines {
		if strings.TrimRight(l, " ") == "--" {
			lines = lines[:i]
			break
		}
	}
	n, runes := 0, 0
	for _, l := range lines {
		if l = strings.TrimSpace(l); l != "" {
			n++
			runes += utf8.RuneCountInString(l)
		}
	}
	return n <= maxShortOwnLine && runes <= maxShortOwnText
}

// cleanOriginal makes every string of o valid UTF-8.
func cleanOriginal(o Original) *Original {
	fix := func(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }
	o.From.Name, o.From.Email = fix(o.From.Name), fix(o.From.Email)
	o.Subject, o.Text = fix(o.Subject), fix(o.Text)
	return &o
}

// markerKind says how sure a marker line is that a forward follows.
type markerKind int

const (
	noMarker  markerKind = iota
	ambiguous            // Outlook's blocks, written on replies as well
	explicit             // "Forwarded message" and its kin
)

// dashedLabels are the words between the dashes of a marker line, lower
// case, with what they promise.
var dashedLabels = map[string]markerKind{
	"original message":           ambiguous,
	"alkuperäinen viesti":        ambiguous,
	"ursprungligt meddelande":    ambiguous,
	"originalmeddelande":         ambiguous,
	"forwarded message":          explicit,
	"välitetty viesti":           explicit,
	"edelleenlähetetty viesti":   explicit,
	"vidarebefordrat meddelande": explicit,
	"vidarebefordrat brev":       explicit,
	"weitergeleitete nachricht":  explicit,
}

// appleMarkers are the lines Apple Mail (and some others) write above a
// forwarded message, lower case, without the colon.
var appleMarkers = map[string]bool{
	"begin forwarded message":        true,
	"alkaa välitetty viesti":         true,
	"välitetty viesti alkaa":         true,
	"vidarebefordrat brev":           true,
	"vidarebefordrat meddelande":     true,
	"början på vidarebefordrat brev": true,
}

var dashedMarker = regexp.MustCompile(`^-{2,}\s*([^-].*?)\s*-{2,}$`)

// field names of an inline header block, lower case, by what they mean.
const (
	fieldFrom = iota + 1
	fieldDate
	fieldSubject
	fieldOther // To, Cc and the like: part of the block, otherwise unused
)

var blockFields = map[string]int{
	"from": fieldFrom, "lähettäjä": fieldFrom, "från": fieldFrom, "von": fieldFrom, "avsändare": fieldFrom,
	"sent": fieldDate, "date": fieldDate, "lähetetty": fieldDate, "päivämäärä": fieldDate,
	"päiväys": fieldDate, "skickat": fieldDate, "datum": fieldDate, "gesendet": fieldDate,
	"subject": fieldSubject, "aihe": fieldSubject, "ämne": fieldSubject, "betreff": fieldSubject,
	"to": fieldOther, "vastaanottaja": fieldOther, "till": fieldOther, "an": fieldOther,
	"cc": fieldOther, "kopio": fieldOther, "kopia": fieldOther, "bcc": fieldOther,
	"piilokopio": fieldOther, "hemlig kopia": fieldOther, "reply-to": fieldOther,
	"vastausosoite": fieldOther, "svara till": fieldOther, "importance": fieldOther,
	"tärkeys": fieldOther, "prioritet": fieldOther, "attachments": fieldOther,
	"liitteet": fieldOther, "bifogade filer": fieldOther, "bilagor": fieldOther,
}

// unquoteLine splits a line into its quote depth (leading ">" marks) and the
// rest, with one space after each mark dropped.
func unquoteLine(line string) (int, string) {
	depth := 0
	for {
		s := strings.TrimLeft(line, " \t")
		if !strings.HasPrefix(s, ">") {
			return depth, line
		}
		line = strings.TrimPrefix(s[1:], " ")
		depth++
	}
}

// markerOf reports what kind of marker line content is.
func markerOf(content string) markerKind {
	c := strings.TrimSpace(content)
	if c == "" || len(c) > 120 {
		return noMarker
	}
	c = strings.ToLower(c)
	if m := dashedMarker.FindStringSubmatch(c); m != nil {
		return dashedLabels[strings.Join(strings.Fields(m[1]), " ")]
	}
	if appleMarkers[strings.TrimSpace(strings.TrimSuffix(c, ":"))] {
		return explicit
	}
	if len(c) >= 10 && strings.Trim(c, "_") == "" {
		return ambiguous // Outlook's rule above a From/Sent block
	}
	return noMarker
}

// fieldOf reads content as a "Name: value" line of a header block.
func fieldOf(content string) (kind int, value string) {
	c := strings.TrimSpace(content)
	i := strings.IndexByte(c, ':')
	if i <= 0 || i > 40 {
		return 0, ""
	}
	name := strings.ToLower(strings.Trim(c[:i], "* \t"))
	kind = blockFields[name]
	if kind == 0 {
		return 0, ""
	}
	return kind, strings.TrimLeft(c[i+1:], "* \t")
}

// findInline looks for a quoted original in lines. With top set, the block
// must begin after at most a few short lines; otherwise anywhere. With
// explicitOnly set, only explicit forward markers count.
func findInline(lines []string, top, explicitOnly bool, loc *time.Location) (Original, bool) {
	lead := 0
	for i, line := range lines {
		_, content := unquoteLine(line)
		if o, kind, ok := blockAt(lines, i, loc); ok && (kind == explicit || !explicitOnly) {
			return o, true
		}
		if !top {
			continue
		}
		if t := strings.TrimSpace(content); t != "" {
			lead++
			if lead > maxLeadLines || utf8.RuneCountInString(t) > maxLeadLineLen {
				break
			}
		}
	}
	return Original{}, false
}

// blockAt reads an inline forward block starting at line i: a marker line
// and a header block below it, or a bare Outlook header block (From and
// Sent or Date). It needs a From line with an address.
func blockAt(lines []string, i int, loc *time.Location) (Original, markerKind, bool) {
	_, content := unquoteLine(lines[i])
	kind := markerOf(content)
	bare := kind == noMarker
	j := i + 1
	if bare {
		if f, _ := fieldOf(content); f != fieldFrom {
			return Original{}, noMarker, false
		}
		kind, j = ambiguous, i
	} else {
		for blank := 0; j < len(lines) && blank < maxBlankBefore; j++ {
			if _, c := unquoteLine(lines[j]); strings.TrimSpace(c) != "" {
				break
			}
			blank++
		}
	}
	if j >= len(lines) {
		return Original{}, noMarker, false
	}

	// The header lines, all at the quote depth of the first.
	depth, _ := unquoteLine(lines[j])
	var o Original
	var from, date string
	seen := map[int]bool{}
	last := 0 // the field a continuation line belongs to
	for n := 0; j < len(lines) && n < maxBlockFields; j++ {
		d, c := unquoteLine(lines[j])
		if d != depth || strings.TrimSpace(c) == "" {
			break
		}
		f, v := fieldOf(c)
		if f == 0 {
			if last == 0 || (c[0] != ' ' && c[0] != '\t') {
				break
			}
			v = " " + strings.TrimSpace(c)
			switch last {
			case fieldFrom:
				from += v
			case fieldDate:
				date += v
			case fieldSubject:
				o.Subject += v
			}
			continue
		}
		if seen[f] && f != fieldOther {
			break // a second From: the next block, or prose
		}
		n++
		seen[f], last = true, f
		switch f {
		case fieldFrom:
			from = v
		case fieldDate:
			date = v
		case fieldSubject:
			o.Subject = v
		}
	}
	// A bare block needs its Sent or Date line to be told from prose.
	if !seen[fieldFrom] || bare && !seen[fieldDate] {
		return Original{}, noMarker, false
	}
	a, ok := blockAddress(from)
	if !ok {
		return Original{}, noMarker, false
	}
	o.From = a
	o.Subject = strings.TrimSpace(o.Subject)
	o.Date = parseHumanDate(date, loc)
	o.Text = blockBody(lines[j:], depth)
	return o, kind, true
}

var (
	outlookMailto = regexp.MustCompile(`(?i)\[mailto:([^\]\s]+)\]`)
	doubledAngle  = regexp.MustCompile(`(?i)<([^<>\s]+)\s*<mailto:[^<>]*>>`)
	nameAngle     = regexp.MustCompile(`^(.*?)\s*<\s*(?:mailto:)?([^<>\s]+@[^<>\s]+)\s*>\s*$`)
)

// blockAddress reads the From value of an inline header block: "Name
// <addr>", "\"Name\" <addr>", a bare address, "Name [mailto:addr]" or
// "Name <mailto:addr>". The result must have an address.
func blockAddress(v string) (Address, bool) {
	v = strings.TrimSpace(v)
	v = outlookMailto.ReplaceAllString(v, "<$1>")
	v = doubledAngle.ReplaceAllString(v, "<$1>")
	if m := nameAngle.FindStringSubmatch(v); m != nil {
		// "Virtanen, Olli <olli@example.fi>" is one mailbox, not two.
		name := displayName(m[1])
		return Address{Name: name, Email: strings.Trim(m[2], `"'`)}, true
	}
	for _, a := range parseAddressList(v) {
		if strings.Contains(a.Email, "@") && !strings.ContainsAny(a.Email, " <>") {
			return a, true
		}
	}
	return Address{}, false
}

// blockBody returns the original's text below a header block at quote
// depth depth: the lines that stay at least that deep, with that many quote
// marks removed, and one more level when every line is quoted.
func blockBody(lines []string, depth int) string {
	var body []string
	for _, line := range lines {
		d, _ := unquoteLine(line)
		if d < depth {
			if rest := stripQuotes(line, d); strings.TrimSpace(rest) != "" {
				break
			}
		}
		body = append(body, stripQuotes(line, depth))
	}
	if allQuoted(body) {
		for i, l := range body {
			body[i] = stripQuotes(l, 1)
		}
	}
	return finishText(strings.Join(body, "\n"))
}

// stripQuotes removes up to n quote marks from the start of line.
func stripQuotes(line string, n int) string {
	for ; n > 0; n-- {
		s := strings.TrimLeft(line, " \t")
		if !strings.HasPrefix(s, ">") {
			break
		}
		line = strings.TrimPrefix(s[1:], " ")
	}
	return line
}

// allQuoted reports whether every non-blank line starts with a quote mark
// and there is at least one.
func allQuoted(lines []string) bool {
	any := false
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" {
			continue
		}
		if !strings.HasPrefix(t, ">") {
			return false
		}
		any = true
	}
	return any
}

// Human-written dates, as mail clients print them in forward headers.

var (
	clockPattern   = regexp.MustCompile(`^(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?$`)
	numericDate    = regexp.MustCompile(`^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})$`)
	isoDate        = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})$`)
	offsetPattern  = regexp.MustCompile(`^(?:gmt|utc)?([+-])(\d{1,2})(?::?(\d{2}))?$`)
	numberPattern  = regexp.MustCompile(`^\d{1,4}$`)
	clockWithMerid = regexp.MustCompile(`^(\d{1,2}[:.]\d{2}(?:[:.]\d{2})?)(am|pm)$`)
)

// monthNames maps English and Swedish month names and abbreviations, lower
// case and without a trailing dot, to months.
var monthNames = map[string]time.Month{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
	"sept": 9, "oct": 10, "nov": 11, "dec": 12,
	"januari": 1, "februari": 2, "mars": 3, "maj": 5, "juni": 6, "juli": 7, "augusti": 8,
	"oktober": 10, "okt": 10,
}

// finnishMonths are the stems of the Finnish month names, which come as
// "marraskuu", partitive "marraskuuta", genitive "marraskuun" or "marrask.".
var finnishMonths = []string{
	"tammi", "helmi", "maalis", "huhti", "touko", "kesä",
	"heinä", "elo", "syys", "loka", "marras", "joulu",
}

// monthOf reads a month name in English, Swedish or Finnish.
func monthOf(w string) (time.Month, bool) {
	w = strings.TrimSuffix(w, ".")
	if m, ok := monthNames[w]; ok {
		return m, true
	}
	for i, stem := range finnishMonths {
		if rest, ok := strings.CutPrefix(w, stem); ok {
			switch rest {
			case "k", "kuu", "kuuta", "kuun":
				return time.Month(i + 1), true
			}
		}
	}
	return 0, false
}

// zoneNames are the zone abbreviations clients print, with their offsets.
var zoneNames = map[string]int{
	"utc": 0, "gmt": 0, "ut": 0, "z": 0, "wet": 0, "west": 1, "bst": 1,
	"cet": 1, "cest": 2, "eet": 2, "eest": 3, "msk": 3,
	"est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6, "pst": -8, "pdt": -7,
}

// dateSeparators turns the commas and brackets of a written date into
// spaces and "a.m."/"p.m." into "am"/"pm", for parseHumanDate.
var dateSeparators = strings.NewReplacer(",", " ", "(", " ", ")", " ", "a.m.", "am", "p.m.", "pm")

// parseHumanDate reads a date as clients print it in a forward header:
// RFC 5322, "Monday, November 3, 2026 9:14 AM", "maanantai 3. marraskuuta
// 2026 9.14", "den 3 november 2026 09:14", "Mon, 3 Nov 2026 at 09:14",
// "3.11.2026 klo 9.14", "2026-11-03 09:14". A time without a zone is taken
// in loc. Anything else gives the zero time.
func parseHumanDate(v string, loc *time.Location) time.Time {
	v = strings.TrimSpace(v)
	if v == "" || len(v) > maxDateLen {
		return time.Time{}
	}
	if t, err := mail.ParseDate(v); err == nil {
		return t
	}
	v = strings.ToLower(v)
	v = dateSeparators.Replace(v)
	day, year, hour, minute, sec := -1, -1, -1, 0, 0
	var month time.Month
	meridiem := ""
	var zone *time.Location
	for _, w := range strings.Fields(v) {
		if m := clockWithMerid.FindStringSubmatch(w); m != nil {
			w, meridiem = m[1], m[2]
		}
		switch {
		case numericDate.MatchString(w) && day < 0:
			m := numericDate.FindStringSubmatch(w)
			day, _ = strconv.Atoi(m[1])
			mo, _ := strconv.Atoi(m[2])
			month = time.Month(mo)
			year, _ = strconv.Atoi(m[3])
			if year < 100 {
				year += 2000
			}
		case isoDate.MatchString(w) && day < 0:
			m := isoDate.FindStringSubmatch(w)
			year, _ = strconv.Atoi(m[1])
			mo, _ := strconv.Atoi(m[2])
			month = time.Month(mo)
			day, _ = strconv.Atoi(m[3])
		case clockPattern.MatchString(w) && hour < 0:
			m := clockPattern.FindStringSubmatch(w)
			hour, _ = strconv.Atoi(m[1])
			minute, _ = strconv.Atoi(m[2])
			if m[3] != "" {
				sec, _ = strconv.Atoi(m[3])
			}
		case w == "am" || w == "pm" || w == "ap." || w == "ip." || w == "fm" || w == "em":
			meridiem = map[string]string{"am": "am", "ap.": "am", "fm": "am", "pm": "pm", "ip.": "pm", "em": "pm"}[w]
		case numberPattern.MatchString(strings.TrimSuffix(w, ".")):
			n, _ := strconv.Atoi(strings.TrimSuffix(w, "."))
			switch {
			case len(strings.TrimSuffix(w, ".")) == 4 && year < 0:
				year = n
			case n >= 1 && n <= 31 && day < 0:
				day = n
			}
		case offsetPattern.MatchString(w):
			m := offsetPattern.FindStringSubmatch(w)
			h, _ := strconv.Atoi(m[2])
			mi := 0
			if m[3] != "" {
				mi, _ = strconv.Atoi(m[3])
			}
			off := h*3600 + mi*60
			if m[1] == "-" {
				off = -off
			}
			if h <= 14 && mi < 60 {
				zone = time.FixedZone("", off)
			}
		default:
			if mo, ok := monthOf(w); ok && month == 0 {
				month = mo
			} else if off, ok := zoneNames[w]; ok && zone == nil {
				zone = time.FixedZone(strings.ToUpper(w), off*3600)
			}
		}
	}
	if day < 1 || month < 1 || month > 12 || year < 1970 || year > 2200 {
		return time.Time{}
	}
	if hour < 0 {
		hour = 0
	}
	switch meridiem {
	case "am":
		if hour == 12 {
			hour = 0
		}
	case "pm":
		if hour < 12 {
			hour += 12
		}
	}
	if hour > 23 || minute > 59 || sec > 60 {
		return time.Time{}
	}
	if zone == nil {
		zone = loc
	}
	t := time.Date(year, month, day, hour, minute, min(sec, 59), 0, zone)
	if t.Day() != day || t.Month() != month {
		return time.Time{} // 31 November and the like
	}
	return t
}
