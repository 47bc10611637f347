package inbox

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"mime"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-message/charset"
	"github.com/emersion/go-message/textproto"
	"golang.org/x/text/encoding/charmap"
)

// Limits that keep parsing cheap on hostile input (see also limits.go).
const (
	maxMIMEDepth  = 32   // levels of multiparts and attached messages below the top
	maxMIMEParts  = 1000 // MIME entities visited in one message
	maxParseNotes = 6    // distinct reasons kept in ParseError
	maxBoundary   = 200  // RFC 2046 allows 70; anything far longer is hostile
)

// Parse reads a raw RFC 5322 message. It never fails: whatever can be read is
// filled in, and ParseError says briefly what could not be. Every string in
// the result is valid UTF-8; line endings in Text are "\n".
func Parse(raw []byte) Parsed { return parse(raw, time.Time{}) }

// parse is Parse giving up at deadline (zero: never) with a TooComplex note.
func parse(raw []byte, deadline time.Time) (out Parsed) {
	p := &parser{out: &out, deadline: deadline}
	defer func() {
		if r := recover(); r != nil {
			p.note(fmt.Sprintf("internal parser error: %v", r))
		}
		out.ParseError = strings.Join(p.notes, "; ")
		validateParsed(&out)
	}()

	if len(bytes.TrimSpace(raw)) == 0 {
		p.note("empty message")
		return out
	}

	h, body, ok := p.readEntity(raw)
	p.fillHeader(h)
	if !ok {
		// No header at all: show the bytes as a plain text body.
		out.Text = finishText(decodeText(raw, ""))
		return out
	}
	out.Text = finishText(p.node(h, body, 0).text)
	out.Forward = p.fwd.finish(&out)
	return out
}

// parser carries the state of one Parse call.
type parser struct {
	out     *Parsed
	parts   int
	stopped bool // the part limit was reached: stop everything
	deep    bool // the depth limit was reached somewhere
	notes   []string
	fwd     forwardState // attached messages, for forward detection
	// plainChosen is set while the part read is an HTML alternative to
	// a plain text already found; its text is not needed.
	plainChosen bool
	// deadline, when set, stops the parse once passed (see ParseLimited).
	deadline time.Time
}

// note records a reason for ParseError, once.
func (p *parser) note(reason string) {
	for _, n := range p.notes {
		if n == reason {
			return
		}
	}
	// A reached limit is always kept: it decides how the message is filed.
	if len(p.notes) < maxParseNotes || strings.HasPrefix(reason, TooComplex) {
		p.notes = append(p.notes, reason)
	}
}

// readEntity splits raw into a header and a body. ok is false when raw does
// not start with a header field at all.
func (p *parser) readEntity(raw []byte) (textproto.Header, []byte, bool) {
	// An mbox "From " separator line is not part of the message.
	if bytes.HasPrefix(raw, []byte("From ")) && !bytes.HasPrefix(raw, []byte("From :")) {
		if i := bytes.IndexByte(raw, '\n'); i >= 0 {
			raw = raw[i+1:]
		} else {
			raw = nil
		}
	}
	end, bodyStart, clean := headerEnd(raw)
	if end == 0 {
		p.note("no header fields found")
		return textproto.Header{}, raw, false
	}
	if end > maxHeaderBytes {
		p.stopped = true
		p.note(TooComplex + "header block larger than 1 MiB")
		return textproto.Header{}, nil, true
	}
	if !clean {
		p.note("malformed header: body assumed to start at the first line that is not a header field")
	}
	hb := make([]byte, 0, end+4)
	hb = append(hb, raw[:end]...)
	if hb[len(hb)-1] != '\n' {
		hb = append(hb, '\r', '\n')
	}
	hb = append(hb, '\r', '\n')
	// A buffer that holds the whole block reads it as the default 4 KiB
	// one does, without allocating 4 KiB for a small header.
	h, err := textproto.ReadHeader(bufio.NewReaderSize(bytes.NewReader(hb), min(len(hb), 4096)))
	if err != nil {
		p.note("malformed header: " + shorten(err.Error(), 60))
	}
	return h, raw[bodyStart:], true
}

// headerEnd finds where the header block of raw ends. It returns the length
// of the header fields (without the blank separator line), where the body
// begins, and whether the header ended with a proper blank line or at the end
// of the input. A line that is neither a field, a continuation nor blank is
// taken to begin the body.
func headerEnd(raw []byte) (end, bodyStart int, clean bool) {
	pos := 0
	fields := 0
	for pos < len(raw) {
		next := len(raw)
		if i := bytes.IndexByte(raw[pos:], '\n'); i >= 0 {
			next = pos + i + 1
		}
		line := bytes.TrimRight(raw[pos:next], "\r\n")
		switch {
		case len(line) == 0:
			return pos, next, true
		case line[0] == ' ' || line[0] == '\t':
			if fields == 0 {
				return 0, 0, false
			}
		case isFieldLine(line):
			fields++
		default:
			if fields == 0 {
				return 0, 0, false
			}
			return pos, pos, false
		}
		pos = next
	}
	return pos, pos, true
}

// isFieldLine reports whether line starts a header field: a non-empty name of
// printable ASCII without a colon, then a colon (spaces before it tolerated).
func isFieldLine(line []byte) bool {
	i := bytes.IndexByte(line, ':')
	if i <= 0 {
		return false
	}
	name := bytes.TrimRight(line[:i], " \t")
	if len(name) == 0 {
		return false
	}
	for _, c := range name {
		if c < 33 || c > 126 {
			return false
		}
	}
	return true
}

// fillHeader fills the top-level fields of out from h.
func (p *parser) fillHeader(h textproto.Header) {
	out := p.out
	fields := h.Fields()
	for fields.Next() {
		key := fields.Key()
		if raw, err := fields.Raw(); err == nil {
			if i := bytes.IndexByte(raw, ':'); i > 0 {
				key = string(bytes.TrimSpace(raw[:i]))
			}
		}
		out.Headers = append(out.Headers, Header{Key: key, Value: decodeWords(fields.Value())})
	}

	out.MessageID = firstMsgID(h.Get("Message-Id"))
	out.InReplyTo = msgIDList(strings.Join(h.Values("In-Reply-To"), " "))
	out.References = msgIDList(strings.Join(h.Values("References"), " "))
	out.Date = parseDate(h.Get("Date"))
	if from := parseAddressList(h.Get("From")); len(from) > 0 {
		out.From = from[0]
	}
	for _, v := range h.Values("To") {
		out.To = append(out.To, parseAddressList(v)...)
	}
	out.Subject = decodeWords(h.Get("Subject"))
}

// piece is the readable text of one MIME entity and what it came from.
type piece struct {
	text string
	kind pieceKind
}

type pieceKind int

const (
	kindNone  pieceKind = iota // no readable text (attachment, skipped part)
	kindPlain                  // text/plain and similar
	kindHTML                   // text/html turned into text
	kindMulti                  // assembled from a multipart or attached message
)

// node turns one MIME entity into readable text and records its attachments.
func (p *parser) node(h textproto.Header, body []byte, depth int) piece {
	if p.stopped {
		return piece{}
	}
	p.parts++
	if p.parts > maxMIMEParts {
		p.stopped = true
		p.note(fmt.Sprintf(TooComplex+"more than %d MIME parts; the rest was skipped", maxMIMEParts))
		return piece{}
	}
	if !p.deadline.IsZero() && time.Now().After(p.deadline) {
		p.stopped = true
		p.note(TooComplex + "parsing took longer than its time limit")
		return piece{}
	}
	if depth > maxMIMEDepth {
		p.tooDeep()
		return piece{}
	}

	mt, params := mediaType(h.Get("Content-Type"), "text/plain")
	disp, dparams := mediaType(h.Get("Content-Disposition"), "")
	// A text body marked as an attachment is still read when it is the
	// whole message: losing a request's text is worse than odd markup.
	attached := disp == "attachment" && depth > 0

	if strings.HasPrefix(mt, "multipart/") {
		if params["boundary"] == "" {
			p.note(shorten(mt, 40) + " without boundary; shown as text")
			return p.textPart(h, "text/plain", params, body)
		}
		return p.multipart(mt, params, body, depth)
	}

	switch {
	case mt == "message/rfc822" || mt == "message/global":
		data := p.transferDecode(h, body)
		p.addAttachment(mt, params, dparams, len(data), depth)
		return p.message(data, depth)
	case (mt == "text/plain" || mt == "text/html") && !attached,
		isReportText(mt) && !attached:
		return p.textPart(h, mt, params, body)
	}
	p.addAttachment(mt, params, dparams, p.transferDecodedLen(h, body), depth)
	return piece{}
}

// isReportText reports whether a media type is machine-readable text that is
// still worth showing, such as the status block of a bounce.
func isReportText(mt string) bool {
	switch mt {
	case "message/delivery-status", "message/global-delivery-status",
		"message/disposition-notification", "text/rfc822-headers",
		"message/rfc822-headers", "message/global-headers":
		return true
	}
	return false
}

func (p *parser) tooDeep() {
	if !p.deep {
		p.deep = true
		p.note(fmt.Sprintf(TooComplex+"MIME nesting deeper than %d levels; inner parts skipped", maxMIMEDepth))
	}
}

// addAttachment lists a non-text part. Depth 0 is the message itself, which
// is only listed when it is not text.
func (p *parser) addAttachment(mt string, params, dparams map[string]string, size int, depth int) {
	if depth == 0 && strings.HasPrefix(mt, "message/") {
		return
	}
	name := dparams["filename"]
	if name == "" {
		name = params["name"]
	}
	p.out.Attachments = append(p.out.Attachments, Attachment{
		Name: baseName(name),
		Type: mt,
		Size: size,
	})
}

// baseName drops any directory a sender put into a file name.
func baseName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	return strings.TrimSpace(name)
}

// textPart decodes a text entity to UTF-8 text.
func (p *parser) textPart(h textproto.Header, mt string, params map[string]string, body []byte) piece {
	if mt == "text/html" && p.plainChosen {
		// Only its decoding's notes are kept: the text is not shown.
		p.transferDecodedLen(h, body)
		return piece{kind: kindHTML}
	}
	data := p.transferDecode(h, body)
	label := params["charset"]
	if mt == "text/html" {
		if label == "" {
			label = sniffHTMLCharset(data)
		}
		return piece{text: normalizeNewlines(htmlToText(decodeCharset(data, label))), kind: kindHTML}
	}
	return piece{text: decodeText(data, label), kind: kindPlain}
}

// multipart walks the parts of a multipart entity.
func (p *parser) multipart(mt string, params map[string]string, body []byte, depth int) piece {
	boundary := params["boundary"]
	if len(boundary) > maxBoundary {
		p.note(shorten(mt, 40) + ": boundary too long")
		return piece{}
	}
	var kids []piece
	var kidTypes []string
	plain := false // a kid is a plain text chooseAlternative would take
	parts := newPartReader(body, boundary)
	for !p.stopped {
		h, data, truncated, err := parts.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			if len(kids) == 0 {
				p.note(shorten(mt, 40) + ": no parts found")
			} else {
				p.note(shorten(mt, 40) + ": rest skipped: " + shorten(err.Error(), 60))
			}
			break
		}
		if headerSize(h) > maxHeaderBytes {
			p.stopped = true
			p.note(TooComplex + "header block larger than 1 MiB")
			break
		}
		ct, _ := mediaType(h.Get("Content-Type"), "text/plain")
		// An HTML alternative to a plain text already read is not
		// converted: chooseAlternative takes the plain text.
		p.plainChosen = mt == "multipart/alternative" && ct == "text/html" && plain
		kid := p.node(h, data, depth+1)
		p.plainChosen = false
		plain = plain || isPlainAlternative(kid, ct)
		kids = append(kids, kid)
		kidTypes = append(kidTypes, ct)
		if truncated {
			p.note(shorten(mt, 40) + ": closing boundary missing (truncated?)")
			break
		}
	}
	if len(kids) == 0 && len(bytes.TrimSpace(body)) > 0 && !p.stopped {
		// The boundary never appeared: the body is probably plain text.
		return piece{text: decodeText(body, ""), kind: kindPlain}
	}

	if mt == "multipart/alternative" {
		return chooseAlternative(kids, kidTypes)
	}
	var texts []string
	for _, k := range kids {
		if t := strings.Trim(k.text, "\n"); strings.TrimSpace(t) != "" {
			texts = append(texts, t)
		}
	}
	return piece{text: strings.Join(texts, "\n\n"), kind: kindMulti}
}

// headerSize is about how many bytes the fields of h took.
func headerSize(h textproto.Header) int {
	n := 0
	for f := h.Fields(); f.Next(); {
		n += len(f.Key()) + len(f.Value()) + 4
	}
	return n
}

// chooseAlternative picks the text of a multipart/alternative: the first
// non-empty text/plain, else the last HTML, else the last part with any text.
func chooseAlternative(kids []piece, types []string) piece {
	for i, k := range kids {
		if isPlainAlternative(k, types[i]) {
			return k
		}
	}
	for i := len(kids) - 1; i >= 0; i-- {
		if kids[i].kind == kindHTML && strings.TrimSpace(kids[i].text) != "" {
			return kids[i]
		}
	}
	for i := len(kids) - 1; i >= 0; i-- {
		if strings.TrimSpace(kids[i].text) != "" {
			return kids[i]
		}
	}
	return piece{kind: kindMulti}
}

// isPlainAlternative reports whether kid, of media type ct, is a
// non-empty plain text: the alternative chooseAlternative takes first.
func isPlainAlternative(kid piece, ct string) bool {
	return kid.kind == kindPlain && ct == "text/plain" && strings.TrimSpace(kid.text) != ""
}

// message renders an attached message as a quoted block headed by its From,
// Date and Subject lines.
func (p *parser) message(data []byte, depth int) piece {
	if depth+1 > maxMIMEDepth {
		p.tooDeep()
		return piece{}
	}
	h, body, ok := p.readEntity(data)
	var inner piece
	if ok {
		inner = p.node(h, body, depth+1)
	} else {
		inner = piece{text: decodeText(data, "")}
	}

	var b strings.Builder
	b.WriteString("---------- Attached message ----------\n")
	quote := func(line string) {
		if line == "" {
			b.WriteString(">\n")
			return
		}
		b.WriteString("> ")
		b.WriteString(line)
		b.WriteByte('\n')
	}
	for _, k := range []string{"From", "Date", "Subject"} {
		if v := h.Get(k); v != "" {
			quote(k + ": " + decodeWords(v))
		}
	}
	quote("")
	for _, line := range strings.Split(strings.Trim(inner.text, "\n"), "\n") {
		quote(line)
	}
	p.fwd.sawMessage(h, inner.text, depth)
	return piece{text: b.String(), kind: kindMulti}
}

// transferDecode undoes the Content-Transfer-Encoding of a body, leniently.
func (p *parser) transferDecode(h textproto.Header, body []byte) []byte {
	enc := strings.ToLower(strings.TrimSpace(h.Get("Content-Transfer-Encoding")))
	switch {
	case enc == "", enc == "7bit", enc == "8bit", enc == "binary", enc == "7-bit", enc == "8-bit":
		return body
	case strings.Contains(enc, "quoted-printable"):
		return decodeQP(body)
	case strings.Contains(enc, "base64"):
		data, bad := decodeBase64(body)
		if bad {
			p.note("invalid base64 data")
		}
		return data
	}
	p.note(fmt.Sprintf("unknown transfer encoding %q", shorten(enc, 30)))
	return body
}

// transferDecodedLen is len(p.transferDecode(h, body)), with the same
// notes, for an attachment whose size alone is shown: base64 is only
// counted, not decoded.
func (p *parser) transferDecodedLen(h textproto.Header, body []byte) int {
	enc := strings.ToLower(strings.TrimSpace(h.Get("Content-Transfer-Encoding")))
	if strings.Contains(enc, "base64") && !strings.Contains(enc, "quoted-printable") {
		n, bad := base64DecodedLen(body)
		if bad {
			p.note("invalid base64 data")
		}
		return n
	}
	return len(p.transferDecode(h, body))
}

// decodeQP decodes quoted-printable. Broken escapes are kept as they are.
func decodeQP(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c == '=':
			if i+2 < len(b) && isHex(b[i+1]) && isHex(b[i+2]) {
				out = append(out, unhex(b[i+1])<<4|unhex(b[i+2]))
				i += 2
				continue
			}
			// Soft line break: "=" then optional white space and a newline.
			j := i + 1
			for j < len(b) && (b[j] == ' ' || b[j] == '\t') {
				j++
			}
			if j < len(b) && b[j] == '\r' {
				j++
			}
			if j == len(b) || b[j] == '\n' {
				i = j
				continue
			}
			out = append(out, c)
		case c == ' ' || c == '\t':
			// Trailing white space before a line break is transport padding.
			j := i
			for j < len(b) && (b[j] == ' ' || b[j] == '\t') {
				j++
			}
			if j < len(b) && (b[j] == '\r' || b[j] == '\n') {
				i = j - 1
				continue
			}
			out = append(out, b[i:j]...)
			i = j - 1
		default:
			out = append(out, c)
		}
	}
	return out
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case '0' <= c && c <= '9':
		return c - '0'
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10
	default:
		return c - 'A' + 10
	}
}

// mediaType parses a Content-Type or Content-Disposition value. The type is
// lower-case; parameter names are lower-case and values decoded (RFC 2231,
// and RFC 2047 as some mailers use it). def is returned for an empty value.
func mediaType(v, def string) (string, map[string]string) {
	v = strings.TrimSpace(v)
	if v == "" {
		return def, map[string]string{}
	}
	mt, params, err := mime.ParseMediaType(v)
	if err != nil || needsLenientParams(v, params) {
		mt, params = parseParamsLenient(v)
	}
	if mt == "" {
		mt = def
	}
	// Some mailers put RFC 2047 words into file names. Other parameters,
	// the boundary above all, must stay byte for byte as they are.
	for _, k := range []string{"name", "filename"} {
		if val, ok := params[k]; ok {
			params[k] = decodeWords(val)
		}
	}
	return repairUTF8(mt), params
}

// needsLenientParams reports whether the standard parser dropped an RFC 2231
// name parameter, which it does for charsets other than UTF-8 and ASCII.
func needsLenientParams(v string, params map[string]string) bool {
	if !strings.Contains(v, "*") {
		return false
	}
	lv := strings.ToLower(v)
	return strings.Contains(lv, "name*") && params["filename"] == "" && params["name"] == ""
}

// parseParamsLenient parses a media type with parameters, including RFC 2231
// extended and continued ones (name*, name*0*, ...), without giving up on
// syntax errors. Continuations and encoded values are joined and
// decoded per RFC 2231.
func parseParamsLenient(v string) (string, map[string]string) {
	segs := splitOutsideQuotes(v, ';')
	mt := strings.ToLower(strings.TrimSpace(segs[0]))
	if i := strings.IndexAny(mt, " \t"); i >= 0 {
		mt = mt[:i]
	}
	type cont struct {
		val     string
		encoded bool
	}
	plain := map[string]string{}
	conts := map[string]map[int]cont{}
	for _, s := range segs[1:] {
		k, val, ok := strings.Cut(s, "=")
		if !ok {
			continue
		}
		k = strings.ToLower(strings.TrimSpace(k))
		val = unquote(strings.TrimSpace(val))
		if k == "" {
			continue
		}
		if !strings.Contains(k, "*") {
			if _, seen := plain[k]; !seen {
				plain[k] = val
			}
			continue
		}
		encoded := strings.HasSuffix(k, "*")
		k = strings.TrimSuffix(k, "*")
		base, num, hasNum := strings.Cut(k, "*")
		n := 0
		if hasNum {
			if _, err := fmt.Sscanf(num, "%d", &n); err != nil || n < 0 || n > 1000 {
				continue
			}
		}
		if conts[base] == nil {
			conts[base] = map[int]cont{}
		}
		conts[base][n] = cont{val, encoded}
	}
	for base, cs := range conts {
		if _, ok := cs[0]; !ok {
			continue
		}
		var raw []byte
		label := ""
		for n := 0; ; n++ {
			c, ok := cs[n]
			if !ok {
				break
			}
			val := c.val
			if n == 0 && c.encoded {
				if parts := strings.SplitN(val, "'", 3); len(parts) == 3 {
					label, val = parts[0], parts[2]
				}
			}
			if c.encoded {
				raw = append(raw, percentDecode(val)...)
			} else {
				raw = append(raw, val...)
			}
		}
		plain[base] = decodeCharset(raw, label)
	}
	return mt, plain
}

// splitOutsideQuotes splits s at sep where sep is not inside double quotes.
func splitOutsideQuotes(s string, sep byte) []string {
	var out []string
	inQuote := false
	start := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' && inQuote:
			i++
		case c == '"':
			inQuote = !inQuote
		case c == sep && !inQuote:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// unquote removes surrounding double quotes and backslash escapes.
func unquote(s string) string {
	if len(s) < 2 || s[0] != '"' {
		return s
	}
	s = s[1:]
	if strings.HasSuffix(s, `"`) {
		s = s[:len(s)-1]
	}
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func percentDecode(s string) []byte {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			out = append(out, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
			continue
		}
		out = append(out, s[i])
	}
	return out
}

// sniffHTMLCharset looks for a <meta> charset declaration near the start of
// an HTML body whose Content-Type had none.
func sniffHTMLCharset(b []byte) string {
	if len(b) > 4096 {
		b = b[:4096]
	}
	lb := bytes.ToLower(b)
	i := bytes.Index(lb, []byte("charset="))
	if i < 0 {
		return ""
	}
	rest := lb[i+len("charset="):]
	rest = bytes.TrimLeft(rest, `"' `)
	end := 0
	for end < len(rest) && end < 40 {
		c := rest[end]
		if !(c == '-' || c == '_' || c == ':' || c == '.' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z') {
			break
		}
		end++
	}
	return string(rest[:end])
}

// decodeCharset converts b from the charset named by label to UTF-8. It
// copes with the usual mislabelling: text declared UTF-8 or ASCII (or not
// declared) that is not valid UTF-8 is read as Windows-1252; ISO-8859-1 is
// read as its superset Windows-1252; Latin-1 labels on valid multi-byte UTF-8
// are ignored; an unknown label falls back to UTF-8 or Windows-1252. The
// result is always valid UTF-8.
func decodeCharset(b []byte, label string) string { return decodeCharsetLF(b, label, false) }

// decodeText is normalizeNewlines(decodeCharset(b, label)). UTF-8 and
// Windows-1252 text, where CR and LF are single bytes that decode to
// themselves, is copied once with its line breaks changed on the way.
func decodeText(b []byte, label string) string { return decodeCharsetLF(b, label, true) }

// decodeCharsetLF is decodeCharset, turning line breaks into LF if lf is set.
func decodeCharsetLF(b []byte, label string, lf bool) string {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	l := strings.ToLower(strings.Trim(strings.TrimSpace(label), `"'`))
	switch {
	case l == "" || utf8Labels[l] || asciiLabels[l]:
		return utf8OrWindows1252(b, lf)
	case latin1Labels[l]:
		if !isASCII(b) && utf8.Valid(b) {
			return bytesToString(b, lf)
		}
		return decodeWindows1252(b, lf)
	}
	r, err := charset.Reader(l, bytes.NewReader(b))
	if err != nil || r == nil {
		return utf8OrWindows1252(b, lf)
	}
	data, err := io.ReadAll(r)
	if err != nil && len(data) == 0 {
		return utf8OrWindows1252(b, lf)
	}
	s := strings.ToValidUTF8(string(data), "\uFFFD")
	if lf {
		return normalizeNewlines(s)
	}
	return s
}

var utf8Labels = map[string]bool{"utf-8": true, "utf8": true, "unicode-1-1-utf-8": true, "x-unicode20utf8": true}

var asciiLabels = map[string]bool{
	"us-ascii": true, "ascii": true, "ansi_x3.4-1968": true, "iso646-us": true,
	"us": true, "iso-ir-6": true, "cp367": true, "ibm367": true, "csascii": true,
}

var latin1Labels = map[string]bool{
	"iso-8859-1": true, "iso8859-1": true, "iso_8859-1": true, "iso_8859-1:1987": true,
	"iso88591": true, "8859-1": true, "latin1": true, "latin-1": true, "l1": true,
	"cp819": true, "ibm819": true, "iso-ir-100": true, "csisolatin1": true,
	"windows-1252": true, "cp1252": true, "x-cp1252": true, "cswindows1252": true,
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func utf8OrWindows1252(b []byte, lf bool) string {
	if utf8.Valid(b) {
		return bytesToString(b, lf)
	}
	return decodeWindows1252(b, lf)
}

// bytesToString is string(b), with CRLF and lone CR turned into LF if lf is
// set: normalizeNewlines(string(b)) without copying the text twice. The two
// loops are the same, once for []byte and once for string.
func bytesToString(b []byte, lf bool) string {
	i := bytes.IndexByte(b, '\r')
	if !lf || i < 0 {
		return string(b)
	}
	var sb strings.Builder
	sb.Grow(len(b))
	for i >= 0 {
		sb.Write(b[:i])
		b = b[i+1:]
		if len(b) == 0 || b[0] != '\n' {
			sb.WriteByte('\n')
		}
		i = bytes.IndexByte(b, '\r')
	}
	sb.Write(b)
	return sb.String()
}

// win1252Rune reads byte c as Windows-1252. The five bytes the code page
// leaves unassigned become the C1 control of that value, as browsers read
// them (x/text would give U+FFFD), so the display shows what was there.
func win1252Rune(c byte) rune {
	if r := charmap.Windows1252.DecodeByte(c); r != utf8.RuneError {
		return r
	}
	return rune(c)
}

// decodeWindows1252 reads b as Windows-1252, turning CRLF and lone CR into
// LF if lf is set.
func decodeWindows1252(b []byte, lf bool) string {
	var sb strings.Builder
	sb.Grow(len(b) + len(b)/4)
	for i, c := range b {
		if c < utf8.RuneSelf {
			if c == '\r' && lf {
				if i+1 < len(b) && b[i+1] == '\n' {
					continue
				}
				c = '\n'
			}
			sb.WriteByte(c)
		} else {
			sb.WriteRune(win1252Rune(c))
		}
	}
	return sb.String()
}

// repairUTF8 keeps valid UTF-8 as it is and reads each invalid byte as
// Windows-1252, which is what stray 8-bit bytes in mail headers usually are.
func repairUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var sb strings.Builder
	sb.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			sb.WriteRune(win1252Rune(s[i]))
		} else {
			sb.WriteString(s[i : i+size])
		}
		i += size
	}
	return sb.String()
}

// decodeWords decodes RFC 2047 encoded words in an unstructured header value.
// It is lenient: words need not be separated by white space, a multi-byte
// character split across adjacent words is joined, unknown or wrong charsets
// fall back as in decodeCharset, and raw 8-bit bytes are repaired.
func decodeWords(s string) string {
	if !strings.Contains(s, "=?") {
		return repairUTF8(s)
	}
	var out strings.Builder
	var plain []byte // undecoded text waiting to be written
	var ws []byte    // white space after an encoded word
	var acc []byte   // decoded bytes of adjacent words in one charset
	accLabel := ""
	afterWord := false
	endCache := -1 // index of the next "?=" at or after some position

	flushAcc := func() {
		if acc != nil {
			out.WriteString(decodeCharset(acc, accLabel))
			acc = nil
		}
	}
	flushPlain := func() {
		if len(plain) > 0 {
			out.WriteString(repairUTF8(string(plain)))
			plain = plain[:0]
		}
	}
	for i := 0; i < len(s); {
		if s[i] == '=' && i+1 < len(s) && s[i+1] == '?' {
			if label, data, n, ok := encodedWord(s, i, &endCache); ok {
				if !afterWord {
					flushPlain()
				}
				ws = ws[:0]
				if acc != nil && !strings.EqualFold(label, accLabel) {
					flushAcc()
				}
				if acc == nil {
					acc = []byte{}
				}
				acc = append(acc, data...)
				accLabel = label
				afterWord = true
				i += n
				continue
			}
		}
		c := s[i]
		if afterWord && (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
			ws = append(ws, c)
			i++
			continue
		}
		if afterWord {
			flushAcc()
			plain = append(plain, ws...)
			ws = ws[:0]
			afterWord = false
		}
		plain = append(plain, c)
		i++
	}
	flushAcc()
	plain = append(plain, ws...)
	flushPlain()
	return out.String()
}

// encodedWord parses "=?charset?enc?text?=" at s[i:]. It returns the charset
// label, the decoded bytes and the length consumed. endCache remembers where
// the next "?=" is so a long value full of "=?" stays linear to scan.
func encodedWord(s string, i int, endCache *int) (label string, data []byte, n int, ok bool) {
	rest := s[i+2:]
	q := strings.IndexByte(rest, '?')
	if q <= 0 || q > 64 || q+2 >= len(rest) || rest[q+2] != '?' {
		return "", nil, 0, false
	}
	label = rest[:q]
	if strings.ContainsAny(label, " \t\r\n=") {
		return "", nil, 0, false
	}
	if star := strings.IndexByte(label, '*'); star >= 0 {
		label = label[:star] // RFC 2231 language suffix
	}
	enc := rest[q+1]
	textStart := i + 2 + q + 3
	if *endCache < textStart {
		j := strings.Index(s[textStart:], "?=")
		if j < 0 {
			*endCache = len(s)
			return "", nil, 0, false
		}
		*endCache = textStart + j
	}
	if *endCache >= len(s) {
		return "", nil, 0, false
	}
	text := s[textStart:*endCache]
	if strings.ContainsAny(text, "\r\n") {
		return "", nil, 0, false
	}
	switch enc {
	case 'b', 'B':
		data, _ = decodeBase64([]byte(text))
	case 'q', 'Q':
		data = make([]byte, 0, len(text))
		for k := 0; k < len(text); k++ {
			c := text[k]
			switch {
			case c == '_':
				data = append(data, ' ')
			case c == '=' && k+2 < len(text) && isHex(text[k+1]) && isHex(text[k+2]):
				data = append(data, unhex(text[k+1])<<4|unhex(text[k+2]))
				k += 2
			default:
				data = append(data, c)
			}
		}
	default:
		return "", nil, 0, false
	}
	return label, data, *endCache + 2 - i, true
}

// firstMsgID returns the first message id of a Message-ID value, without
// angle brackets.
func firstMsgID(v string) string {
	if ids := msgIDList(v); len(ids) > 0 {
		return ids[0]
	}
	return ""
}

// msgIDList extracts message ids from In-Reply-To or References. Ids in angle
// brackets are taken as they are; outside brackets, words that look like ids
// (they contain "@") are taken too, as some mailers drop the brackets.
// Comments are dropped.
func msgIDList(v string) []string {
	v = repairUTF8(stripComments(v))
	var ids []string
	bracketed := strings.Contains(v, "<")
	bare := func(s string) {
		for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
			if id := cleanMsgID(f); id != "" && (strings.Contains(id, "@") || !bracketed) {
				ids = append(ids, id)
			}
		}
	}
	for {
		lt := strings.IndexByte(v, '<')
		if lt < 0 {
			break
		}
		bare(v[:lt])
		gt := strings.IndexByte(v[lt:], '>')
		if gt < 0 {
			if id := cleanMsgID(v[lt+1:]); id != "" {
				ids = append(ids, id)
			}
			return ids
		}
		if id := cleanMsgID(v[lt+1 : lt+gt]); id != "" {
			ids = append(ids, id)
		}
		v = v[lt+gt+1:]
	}
	bare(v)
	return ids
}

func cleanMsgID(s string) string {
	s = strings.TrimSpace(s)
	s = strings.Join(strings.Fields(s), "")
	return strings.Trim(s, `"`)
}

// stripComments removes RFC 5322 comments "(...)" outside quoted strings.
func stripComments(s string) string {
	if !strings.Contains(s, "(") {
		return s
	}
	var b strings.Builder
	depth := 0
	inQuote := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && (inQuote || depth > 0):
			if depth == 0 {
				b.WriteByte(c)
				b.WriteByte(s[i+1])
			}
			i++
			continue
		case c == '"' && depth == 0:
			inQuote = !inQuote
		case c == '(' && !inQuote:
			depth++
			continue
		case c == ')' && !inQuote && depth > 0:
			depth--
			if depth == 0 {
				b.WriteByte(' ')
			}
			continue
		}
		if depth == 0 {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// dateLayouts are tried when net/mail cannot read a Date header.
var dateLayouts = []string{
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04 -0700",
	"2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04 -0700",
	"Mon, 2 Jan 06 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05",
	"Mon Jan 2 15:04:05 2006",
	"Mon Jan 2 15:04:05 -0700 2006",
	"Mon, 2 January 2006 15:04:05 -0700",
	time.RFC3339,
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05",
}

// parseDate reads a Date header; the zero time means missing or unreadable.
func parseDate(v string) time.Time {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}
	}
	if t, ok := parseCommonDate(v); ok {
		return t
	}
	if t, err := mail.ParseDate(v); err == nil {
		return t
	}
	v = strings.Join(strings.Fields(stripComments(v)), " ")
	v = strings.TrimSuffix(strings.TrimSuffix(v, " UT"), " GMT")
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, v); err == nil {
			return t
		}
	}
	return time.Time{}
}

// commonDate is how nearly every Date header is written.
const commonDate = "Mon, 2 Jan 2006 15:04:05 -0700"

// parseCommonDate is mail.ParseDate for a trimmed v written as commonDate,
// without the failed tries of its other layouts, each of which allocates
// an error. ok is false when v may be written otherwise. v is what
// mail.ParseDate parses when it has no CR and its zone, at the end, is the
// first '+' or '-' in it; then commonDate is the first of its layouts that
// can match a v starting with a day name.
func parseCommonDate(v string) (t time.Time, ok bool) {
	if len(v) < 5 || strings.IndexAny(v, "+-") != len(v)-5 || strings.IndexByte(v, '\r') >= 0 {
		return time.Time{}, false
	}
	t, err := time.Parse(commonDate, v)
	return t, err == nil
}

// parseAddressList reads an address list header tolerantly: display names
// are unquoted and RFC 2047 decoded, groups are flattened, and entries that
// do not follow RFC 5322 are read as well as they can be.
func parseAddressList(v string) []Address {
	var out []Address
	for _, m := range splitAddresses(v) {
		if a, ok := parseMailbox(m); ok {
			out = append(out, a)
		}
	}
	return out
}

// splitAddresses splits an address list at top-level commas and group
// delimiters, skipping quoted strings, comments, angle addresses and encoded
// words.
func splitAddresses(v string) []string {
	var out []string
	var cur strings.Builder
	inQuote, angle, comment := false, false, 0
	endCache := -1
	emit := func() {
		if s := strings.TrimSpace(cur.String()); s != "" {
			out = append(out, s)
		}
		cur.Reset()
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !inQuote && comment == 0 && c == '=' && i+1 < len(v) && v[i+1] == '?' {
			if _, _, n, ok := encodedWord(v, i, &endCache); ok {
				cur.WriteString(v[i : i+n])
				i += n - 1
				continue
			}
		}
		switch {
		case c == '\\' && (inQuote || comment > 0) && i+1 < len(v):
			cur.WriteByte(c)
			i++
			c = v[i]
		case c == '"' && comment == 0:
			inQuote = !inQuote
		case inQuote:
		case c == '(':
			comment++
		case c == ')' && comment > 0:
			comment--
		case comment > 0:
		case c == '<':
			angle = true
		case c == '>':
			angle = false
		case angle:
		case c == ',' || c == ';':
			emit()
			continue
		case c == ':':
			// A group name ends here; "Re: x <a@b>" style names are rare.
			if !strings.Contains(cur.String(), "<") && !strings.Contains(cur.String(), "@") {
				cur.Reset()
				continue
			}
		}
		cur.WriteByte(c)
	}
	emit()
	return out
}

// parseMailbox reads one "Name <addr>", "addr (Name)" or bare address.
func parseMailbox(m string) (Address, bool) {
	var name, addr string
	if lt := lastTopLevelAngle(m); lt >= 0 {
		rest := m[lt+1:]
		if gt := strings.IndexByte(rest, '>'); gt >= 0 {
			rest = rest[:gt]
		}
		addr = rest
		name = m[:lt]
	} else {
		// "addr (Name)": the comment is the old way to give a name.
		if lp := strings.IndexByte(m, '('); lp >= 0 && !strings.Contains(m[:lp], `"`) {
			if rp := strings.LastIndexByte(m, ')'); rp > lp {
				name = m[lp+1 : rp]
			}
		}
		addr = stripComments(m)
		if f := strings.Fields(addr); len(f) != 1 {
			// No single address token: a name alone, or junk.
			if name == "" {
				name = addr
			}
			addr = ""
			for _, w := range f {
				if strings.Contains(w, "@") {
					addr = w
				}
			}
		}
	}
	addr = strings.Join(strings.Fields(stripComments(addr)), "")
	addr = strings.Trim(addr, `"'`)
	if len(addr) > 7 && strings.EqualFold(addr[:7], "mailto:") {
		addr = addr[7:]
	}
	name = displayName(name)
	addr = repairUTF8(addr)
	if name == "" && addr == "" {
		return Address{}, false
	}
	return Address{Name: name, Email: addr}, true
}

// lastTopLevelAngle finds the '<' that starts the angle address, ignoring
// quoted strings and comments.
func lastTopLevelAngle(m string) int {
	inQuote, comment, pos := false, 0, -1
	for i := 0; i < len(m); i++ {
		c := m[i]
		switch {
		case c == '\\' && (inQuote || comment > 0):
			i++
		case c == '"' && comment == 0:
			inQuote = !inQuote
		case inQuote:
		case c == '(':
			comment++
		case c == ')' && comment > 0:
			comment--
		case c == '<' && comment == 0:
			pos = i
		}
	}
	return pos
}

// displayName unquotes and decodes a display name.
func displayName(s string) string {
	s = stripComments(strings.TrimSpace(s))
	var b strings.Builder
	inQuote := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && inQuote && i+1 < len(s):
			i++
			b.WriteByte(s[i])
		case c == '"':
			inQuote = !inQuote
		default:
			b.WriteByte(c)
		}
	}
	name := decodeWords(strings.Join(strings.Fields(b.String()), " "))
	name = strings.TrimSpace(name)
	if len(name) >= 2 && name[0] == '\'' && name[len(name)-1] == '\'' {
		name = strings.TrimSpace(name[1 : len(name)-1])
	}
	return name
}

// normalizeNewlines turns CRLF and lone CR into LF.
func normalizeNewlines(s string) string {
	i := strings.IndexByte(s, '\r')
	if i < 0 {
		return s
	}
	var sb strings.Builder
	sb.Grow(len(s))
	for i >= 0 {
		sb.WriteString(s[:i])
		s = s[i+1:]
		if len(s) == 0 || s[0] != '\n' {
			sb.WriteByte('\n')
		}
		i = strings.IndexByte(s, '\r')
	}
	sb.WriteString(s)
	return sb.String()
}

// finishText trims blank lines and trailing space around the whole body.
func finishText(s string) string {
	s = normalizeNewlines(s)
	s = strings.TrimRight(s, " \t\n")
	for {
		i := strings.IndexByte(s, '\n')
		if i < 0 || strings.TrimSpace(s[:i]) != "" {
			break
		}
		s = s[i+1:]
	}
	return s
}

func shorten(s string, n int) string {
	s = repairUTF8(s)
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// validateParsed makes sure every string of out is valid UTF-8, whatever
// path produced it.
func validateParsed(out *Parsed) {
	fix := func(s *string) {
		if !utf8.ValidString(*s) {
			*s = strings.ToValidUTF8(*s, "\uFFFD")
		}
	}
	fix(&out.MessageID)
	for i := range out.InReplyTo {
		fix(&out.InReplyTo[i])
	}
	for i := range out.References {
		fix(&out.References[i])
	}
	fix(&out.From.Name)
	fix(&out.From.Email)
	for i := range out.To {
		fix(&out.To[i].Name)
		fix(&out.To[i].Email)
	}
	fix(&out.Subject)
	fix(&out.Text)
	for i := range out.Headers {
		fix(&out.Headers[i].Key)
		fix(&out.Headers[i].Value)
	}
	for i := range out.Attachments {
		fix(&out.Attachments[i].Name)
		fix(&out.Attachments[i].Type)
	}
	fix(&out.ParseError)
}
