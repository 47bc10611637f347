package inbox

import (
	"bytes"
	"errors"
	"fmt"
	"mime"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-message/textproto"
)

// Errors of RemoveAttachment. Both leave the message as it was.
var (
	// ErrNoSuchAttachment: the index is not one of Parse's attachments.
	ErrNoSuchAttachment = errors.New("no such attachment")
	// ErrCannotRemove: the attachment cannot be cut out of the raw bytes
	// without risking the rest of the message.
	ErrCannotRemove = errors.New("attachment cannot be removed safely")
)

// RemoveAttachment returns raw with the index-th attachment (the order of
// Parse's Parsed.Attachments) replaced by a short text/plain part saying what
// was removed, when and why, e.g. "[Attachment passi.jpg (image/jpeg, 183 KB)
// removed on 2026-11-24 after the requester's identity was checked. No copy
// is kept.]". An empty note gets that text for today, see RemovalNote.
// Every other byte of the message is kept exactly as it was: headers, other
// parts, boundaries, line endings. raw itself is never modified.
//
// The attachment is found by walking the MIME tree the way Parse does, but on
// byte offsets: a part of a multipart is replaced from the first byte of its
// header to the last byte of its body (the line break before the next
// boundary belongs to the boundary and stays). When the attachment is the
// single body of the message, or of a message attached as message/rfc822,
// that entity's Content-* header fields and its body are replaced and its
// other header fields kept. The new part is "Content-Type: text/plain;
// charset=utf-8", inline, in 8bit (quoted-printable when the note needs it),
// with an X-Dsrdesk-Removed field naming the original file, type and size,
// written with the line ending the surrounding structure uses.
//
// Parse of the result no longer lists the attachment: the note is inline text
// and becomes part of Parsed.Text where the attachment was, so the
// attachments after it move up by one. Removing an attached message removes
// whatever was attached inside it too. Attachments inside an attached message
// that is itself base64 or quoted-printable encoded are not in the raw bytes
// as such; only the enclosing message can be removed.
//
// It fails, changing nothing, when index is out of range (ErrNoSuchAttachment)
// or the structure cannot be rewritten safely (ErrCannotRemove): the walk
// does not find exactly the attachments Parse lists, or Parse of the result
// would list anything but the same attachments less the removed one, or
// would report a parse problem the original did not have.
func RemoveAttachment(raw []byte, index int, note string) (out []byte, err error) {
	before := Parse(raw)
	n := len(before.Attachments)
	if index < 0 || index >= n {
		return nil, fmt.Errorf("%w: index %d, the message has %d", ErrNoSuchAttachment, index, n)
	}
	spans, err := locateAttachments(raw)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCannotRemove, err)
	}
	if !sameAttachments(spans, before.Attachments) {
		return nil, fmt.Errorf("%w: the attachments could not be located in the raw message", ErrCannotRemove)
	}
	s := spans[index]
	if s.why != "" {
		return nil, fmt.Errorf("%w: %s", ErrCannotRemove, s.why)
	}
	att := before.Attachments[index]
	if note == "" {
		note = RemovalNote(att, time.Now())
	}
	if s.whole {
		out = replacePart(raw, s, att, note)
	} else {
		out = replaceEntity(raw, s, att, note)
	}
	if why := checkRemoval(before, Parse(out), spans, index); why != "" {
		return nil, fmt.Errorf("%w: %s", ErrCannotRemove, why)
	}
	return out, nil
}

// RemovalNote is the standard text that takes an attachment's place, dated
// on (in on's location).
func RemovalNote(a Attachment, on time.Time) string {
	what := "Attachment " + cleanNoteText(a.Name, 120) + " ("
	if strings.TrimSpace(a.Name) == "" {
		what = "Unnamed attachment ("
	}
	return fmt.Sprintf("[%s%s, %s) removed on %s after the requester's identity was checked. No copy is kept.]",
		what, cleanNoteText(a.Type, 80), sizeText(a.Size), on.Format("2006-01-02"))
}

// sizeText gives a size in bytes, KB or MB, as people read it.
func sizeText(n int) string {
	switch {
	case n == 1:
		return "1 byte"
	case n < 1024:
		return fmt.Sprintf("%d bytes", n)
	case n < 1024*1024:
		return fmt.Sprintf("%d KB", (n+512)/1024)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1024*1024))
}

// cleanNoteText makes a sender's file name or type fit for a one-line note:
// valid UTF-8, no control characters, at most limit runes.
func cleanNoteText(s string, limit int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	n := 0
	for _, r := range strings.TrimSpace(s) {
		if n == limit {
			b.WriteString("…")
			break
		}
		if r < 0x20 || r == 0x7f || 0x80 <= r && r < 0xa0 || r == '\u2028' || r == '\u2029' {
			r = ' '
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}

// attSpan is where one attachment Parse lists lies in the raw message.
type attSpan struct {
	att   Attachment
	inner int // attachments listed inside this one (the parts of an attached message)
	where
}

// where says how an entity can be rewritten in the raw message.
type where struct {
	why   string // non-empty: its bytes are not in the raw message as they are
	whole bool   // a part of a multipart: [start, end) is its header and body
	start int
	end   int    // end of the body
	nl    string // line ending to write
	// An entity with a header of its own (whole is false): the message, or
	// the message inside an attached message/rfc822. Its header fields are
	// raw[fields:fieldsEnd], its body raw[bodyStart:end].
	fields, fieldsEnd, bodyStart int
}

// locator walks a message like Parse (parser.node, parser.multipart,
// parser.message) and records where each attachment is.
type locator struct {
	p       *parser // Parse's helpers, writing to a scratch result
	parts   int
	stopped bool
	spans   []attSpan
}

// locateAttachments lists the attachments of raw in Parse's order with
// their places.
func locateAttachments(raw []byte) (spans []attSpan, err error) {
	l := &locator{p: &parser{out: &Parsed{}}}
	defer func() {
		if r := recover(); r != nil {
			spans, err = nil, fmt.Errorf("internal error: %v", r)
		}
	}()
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, nil
	}
	w, h, body, ok := l.entity(raw, 0, "")
	if ok {
		l.node(h, body, w, 0)
	}
	return l.spans, nil
}

// entity reads the header of data, which starts at raw offset base, as
// parser.readEntity does, and says where its parts are.
func (l *locator) entity(data []byte, base int, why string) (where, textproto.Header, []byte, bool) {
	h, body, ok := l.p.readEntity(data)
	if !ok {
		return where{}, h, nil, false
	}
	off := 0
	if bytes.HasPrefix(data, []byte("From ")) && !bytes.HasPrefix(data, []byte("From :")) {
		off = len(data)
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			off = i + 1
		}
	}
	end, bodyStart, _ := headerEnd(data[off:])
	w := where{
		why:       why,
		fields:    base + off,
		fieldsEnd: base + off + end,
		bodyStart: base + off + bodyStart,
		end:       base + len(data),
		nl:        lineEnding(data[off:]),
	}
	if w.why == "" && off+bodyStart != len(data)-len(body) {
		w.why = "its header could not be located"
	}
	return w, h, body, true
}

// node mirrors parser.node: w is where the entity is, body its body.
func (l *locator) node(h textproto.Header, body []byte, w where, depth int) {
	if l.stopped {
		return
	}
	l.parts++
	if l.parts > maxMIMEParts {
		l.stopped = true
		return
	}
	if depth > maxMIMEDepth {
		return
	}
	mt, params := mediaType(h.Get("Content-Type"), "text/plain")
	disp, dparams := mediaType(h.Get("Content-Disposition"), "")
	attached := disp == "attachment" && depth > 0

	if strings.HasPrefix(mt, "multipart/") {
		if params["boundary"] != "" {
			l.multipart(params["boundary"], body, w, depth)
		}
		return
	}
	switch {
	case mt == "message/rfc822" || mt == "message/global":
		data := l.p.transferDecode(h, body)
		i := l.add(mt, params, dparams, len(data), depth, w)
		why := w.why
		if why == "" && !sameBytes(data, body) {
			why = "it is inside an attached message that is itself encoded; remove the attached message instead"
		}
		if depth+1 <= maxMIMEDepth {
			if iw, ih, ibody, ok := l.entity(data, w.bodyStart, why); ok {
				l.node(ih, ibody, iw, depth+1)
			}
		}
		if i >= 0 {
			l.spans[i].inner = len(l.spans) - i - 1
		}
		return
	case (mt == "text/plain" || mt == "text/html") && !attached,
		isReportText(mt) && !attached:
		return
	}
	l.add(mt, params, dparams, l.p.transferDecodedLen(h, body), depth, w)
}

// add lists an attachment as parser.addAttachment does and returns its
// index, or -1 when it is not listed.
func (l *locator) add(mt string, params, dparams map[string]string, size, depth int, w where) int {
	atts := &l.p.out.Attachments
	n := len(*atts)
	l.p.addAttachment(mt, params, dparams, size, depth)
	if len(*atts) == n {
		return -1
	}
	l.spans = append(l.spans, attSpan{att: (*atts)[n], where: w})
	return len(l.spans) - 1
}

// multipart mirrors parser.multipart. body lies at raw offset w.bodyStart.
func (l *locator) multipart(boundary string, body []byte, w where, depth int) {
	if len(boundary) > maxBoundary {
		return
	}
	why := w.why
	if why == "" && strings.ContainsAny(boundary, "\r\n") {
		why = "its multipart boundary contains a line break"
	}
	base := w.bodyStart
	mr := newPartSplitter(body, boundary)
	for !l.stopped {
		part, err := mr.next()
		if err != nil {
			break
		}
		pw := where{why: why, whole: true, start: base + part.start, end: base + part.dataEnd,
			bodyStart: base + part.dataStart, nl: string(mr.nl)}
		l.node(part.header, body[part.dataStart:part.dataEnd], pw, depth+1)
		if part.truncated {
			break
		}
	}
}

// sameBytes reports whether a and b are the same bytes in memory, which is
// how transferDecode returns a body it did not have to decode.
func sameBytes(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// lineEnding is the line ending of the first line of b: CRLF unless that
// line ends in a bare LF.
func lineEnding(b []byte) string {
	if i := bytes.IndexByte(b, '\n'); i >= 0 && (i == 0 || b[i-1] != '\r') {
		return "\n"
	}
	return "\r\n"
}

// sameAttachments reports whether the walk found what Parse lists.
func sameAttachments(spans []attSpan, atts []Attachment) bool {
	if len(spans) != len(atts) {
		return false
	}
	for i, s := range spans {
		a := s.att
		a.Name = strings.ToValidUTF8(a.Name, "\uFFFD")
		a.Type = strings.ToValidUTF8(a.Type, "\uFFFD")
		if a != atts[i] {
			return false
		}
	}
	return true
}

// checkRemoval compares Parse before and after removing attachment index:
// the others must be listed as before (an enclosing attached message only
// shrinks), and no parse problem may be new.
func checkRemoval(before, after Parsed, spans []attSpan, index int) string {
	gone := 1 + spans[index].inner
	if len(after.Attachments) != len(before.Attachments)-gone {
		return fmt.Sprintf("the result would list %d attachments instead of %d", len(after.Attachments), len(before.Attachments)-gone)
	}
	for i, a := range after.Attachments {
		j := i
		if i >= index {
			j = i + gone
		}
		b := before.Attachments[j]
		if j < index && j+spans[j].inner >= index {
			a.Size, b.Size = 0, 0 // it held the removed one
		}
		if a != b {
			return fmt.Sprintf("attachment %q would change", b.Name)
		}
	}
	if after.ParseError != "" {
		old := map[string]bool{}
		for _, r := range strings.Split(before.ParseError, "; ") {
			old[r] = true
		}
		for _, r := range strings.Split(after.ParseError, "; ") {
			if !old[r] {
				return "the result would not parse cleanly: " + shorten(r, 80)
			}
		}
	}
	return ""
}

// replacePart replaces a part of a multipart, header and body.
func replacePart(raw []byte, s attSpan, a Attachment, note string) []byte {
	body, enc := noteBody(note, s.nl)
	var b bytes.Buffer
	b.Grow(len(raw) - (s.end - s.start) + len(body) + 300)
	b.Write(raw[:s.start])
	writeNoteHeader(&b, a, enc, s.nl)
	b.WriteString(s.nl)
	b.WriteString(body)
	b.Write(raw[s.end:])
	return b.Bytes()
}

// replaceEntity replaces the Content-* fields and the body of an entity
// with a header of its own; its other fields stay where they are.
func replaceEntity(raw []byte, s attSpan, a Attachment, note string) []byte {
	body, enc := noteBody(note, s.nl)
	var b bytes.Buffer
	b.Grow(len(raw) - (s.end - s.bodyStart) + len(body) + 300)
	b.Write(raw[:s.fields])
	written := false
	for _, f := range headerFieldsOf(raw[s.fields:s.fieldsEnd]) {
		if isContentField(f) {
			if !written {
				writeNoteHeader(&b, a, enc, s.nl)
				written = true
			}
			continue
		}
		b.Write(f)
		if !bytes.HasSuffix(f, []byte("\n")) {
			b.WriteString(s.nl)
		}
	}
	if !written {
		writeNoteHeader(&b, a, enc, s.nl)
	}
	b.WriteString(s.nl)
	b.WriteString(body)
	if s.end > s.bodyStart && raw[s.end-1] == '\n' {
		b.WriteString(s.nl)
	}
	b.Write(raw[s.end:])
	return b.Bytes()
}

// headerFieldsOf splits a header block into fields, each with its
// continuation lines and line breaks.
func headerFieldsOf(h []byte) [][]byte {
	var fields [][]byte
	for len(h) > 0 {
		end := len(h)
		for i := 0; i < len(h); {
			j := bytes.IndexByte(h[i:], '\n')
			if j < 0 {
				break
			}
			i += j + 1
			if i == len(h) || h[i] != ' ' && h[i] != '\t' {
				end = i
				break
			}
		}
		fields = append(fields, h[:end])
		h = h[end:]
	}
	return fields
}

func isContentField(f []byte) bool {
	i := bytes.IndexByte(f, ':')
	if i < 0 {
		return false
	}
	name := bytes.TrimRight(f[:i], " \t")
	return len(name) >= 8 && strings.EqualFold(string(name[:8]), "content-")
}

// writeNoteHeader writes the header fields of the note part.
func writeNoteHeader(b *bytes.Buffer, a Attachment, enc, nl string) {
	b.WriteString("Content-Type: text/plain; charset=utf-8" + nl)
	b.WriteString("Content-Transfer-Encoding: " + enc + nl)
	b.WriteString("Content-Disposition: inline" + nl)
	b.WriteString("X-Dsrdesk-Removed: " + removedValue(a, nl) + nl)
}

// removedValue names the removed file, its type and size, RFC 2047 encoded
// when needed and folded between encoded words.
func removedValue(a Attachment, nl string) string {
	name := cleanNoteText(a.Name, 120)
	if name == "" {
		name = "(no name)"
	}
	typ := []byte(a.Type)
	if len(typ) > 80 {
		typ = typ[:80]
	}
	for i, c := range typ {
		if c <= ' ' || c >= 0x7f || c == '(' || c == ')' || c == ',' || c == ';' {
			typ[i] = '?'
		}
	}
	v := fmt.Sprintf("%s (%s, %d bytes)", name, typ, a.Size)
	if isPlainHeaderText(v) {
		return v
	}
	words := strings.Split(mime.QEncoding.Encode("utf-8", v), " ")
	var b strings.Builder
	col := len("X-Dsrdesk-Removed: ")
	for i, w := range words {
		if i > 0 {
			if col+1+len(w) > 76 {
				b.WriteString(nl)
				col = 0
			}
			b.WriteByte(' ')
			col++
		}
		b.WriteString(w)
		col += len(w)
	}
	return b.String()
}

// isPlainHeaderText reports whether s can go into a header as it is:
// printable ASCII without anything that looks like an encoded word.
func isPlainHeaderText(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] > '~' {
			return false
		}
	}
	return !strings.Contains(s, "=?")
}

// noteBody encodes the note as a body with line ending nl: 8bit when it is
// safe, quoted-printable otherwise. No line of the result starts with '-',
// so it can never be taken for a boundary.
func noteBody(note, nl string) (body, enc string) {
	note = strings.ReplaceAll(note, "\r\n", "\n")
	note = strings.ReplaceAll(note, "\r", "\n")
	lines := strings.Split(note, "\n")
	if plainNote(note, lines) {
		return strings.Join(lines, nl), "8bit"
	}
	var b strings.Builder
	for i, line := range lines {
		if i > 0 {
			b.WriteString(nl)
		}
		col := 0
		for j := 0; j < len(line); j++ {
			c := line[j]
			last := j == len(line)-1
			tok := ""
			switch {
			case c == '=' || c < ' ' && c != '\t' || c > '~' || (c == ' ' || c == '\t') && last:
				tok = fmt.Sprintf("=%02X", c)
			case c == '-' && col == 0:
				tok = "=2D"
			default:
				tok = string(c)
			}
			if col+len(tok) > 75 { // keep room for the soft break's "="
				b.WriteString("=" + nl)
				col = 0
				if c == '-' {
					tok = "=2D"
				}
			}
			b.WriteString(tok)
			col += len(tok)
		}
	}
	return b.String(), "quoted-printable"
}

// plainNote reports whether a note can be written as 8bit text.
func plainNote(note string, lines []string) bool {
	if !utf8.ValidString(note) {
		return false
	}
	for _, r := range note {
		if r < ' ' && r != '\t' && r != '\n' || r == 0x7f {
			return false
		}
	}
	for _, line := range lines {
		if len(line) > 900 || strings.HasPrefix(line, "-") {
			return false
		}
	}
	return true
}
