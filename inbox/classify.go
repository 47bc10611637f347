package inbox

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Classify decides what a message is and, for a request, which rights it
// invokes, keeping its reasons.
//
// The order of decision is fixed: a delivery report is a Bounce; an
// automatic answer is an AutoReply; mail with mailing-list or bulk-mailer
// headers is Bulk, unless its text carries a strong first-person request
// about the writer's own data, which makes it an uncertain Request (the
// mailer's footer, instructions to the reader and articles about rights
// are no such request). Then the writer's own words decide
// (quoted text, a signature and forwarded text do not count as their own,
// though forwarded text is weak evidence): a Request when they exercise a
// right, Bulk when they read like a newsletter footer or spam, and Other
// otherwise. A missed request is the worst mistake, so a person's mail that
// might be a request is an uncertain Request rather than Other.
//
// The text rules live in lexiconGroups (the words and phrases, by feature)
// and in the rule functions of textEvaluator (how features near each other
// make evidence for a kind). See lexiconGroups for how to add a phrase.
func Classify(p Parsed) Verdict {
	if reasons := bounceEvidence(p); len(reasons) > 0 {
		return Verdict{Disposition: Bounce, Reasons: reasons}
	}
	if reasons := autoReplyEvidence(p); len(reasons) > 0 {
		return Verdict{Disposition: AutoReply, Reasons: reasons}
	}
	a := analyseText(p)
	if bulk := bulkHeaderEvidence(p); len(bulk) > 0 {
		if g := a.genuineOnly(); g.certain {
			v := g.request()
			v.Uncertain = true
			v.Reasons = append(v.Reasons, bulk...)
			v.Reasons = append(v.Reasons, "request words in a bulk-looking mail")
			return v
		}
		return Verdict{Disposition: Bulk, Reasons: bulk}
	}
	if len(a.bulk) >= 2 {
		if g := a.genuineOnly(); g.certain {
			v := g.request()
			v.Uncertain = true
			v.Reasons = append(v.Reasons, a.bulk...)
			return v
		}
		v := Verdict{Disposition: Bulk, Reasons: a.bulk, Uncertain: len(a.bulk) < 3 || a.hasRequest}
		if a.hasRequest {
			v.Reasons = append(v.Reasons, a.request().Reasons...)
		}
		return v
	}
	if a.hasRequest {
		return a.request()
	}
	v := a.other()
	if p.ParseError != "" {
		// Part of the message may be missing: only a person can tell.
		v.Disposition, v.Uncertain = Request, true
		v.Reasons = append(v.Reasons, "not parsed completely: "+shorten(p.ParseError, 60))
	}
	return v
}

func bounceEvidence(p Parsed) []string {
	var reasons []string
	mt, params := mediaType(headerValue(p, "Content-Type"), "")
	if mt == "multipart/report" && strings.EqualFold(strings.TrimSpace(params["report-type"]), "delivery-status") {
		reasons = append(reasons, "multipart/report; report-type=delivery-status")
	}
	local := p.From.Email
	if at := strings.LastIndexByte(local, '@'); at >= 0 {
		local = local[:at]
	}
	if strings.EqualFold(local, "mailer-daemon") || strings.EqualFold(local, "postmaster") {
		reasons = append(reasons, "sender "+p.From.Email)
	}
	for _, h := range p.Headers {
		if strings.EqualFold(h.Key, "X-Failed-Recipients") {
			reasons = append(reasons, evidence(h))
			break
		}
	}
	return reasons
}

func autoReplyEvidence(p Parsed) []string {
	var strong, weak []string
	for _, h := range p.Headers {
		v := strings.ToLower(strings.TrimSpace(h.Value))
		token := v
		if i := strings.IndexAny(token, "; \t("); i >= 0 {
			token = token[:i]
		}
		switch strings.ToLower(h.Key) {
		case "auto-submitted":
			// "no" means a person sent it. "auto-forwarded" is not a
			// registered value, but forwarding rules that set it pass on
			// mail a person wrote, so it is no evidence either. Only
			// "auto-replied" decides alone: web forms and ticket systems
			// send real requests as "auto-generated", so that value only
			// supports an out-of-office subject.
			switch token {
			case "", "no", "auto-forwarded":
			case "auto-replied":
				strong = append(strong, evidence(h))
			default:
				weak = append(weak, evidence(h))
			}
		case "x-autoreply", "x-autorespond":
			if token != "no" && token != "false" && token != "0" {
				strong = append(strong, evidence(h))
			}
		case "precedence":
			switch token {
			case "auto_reply", "auto-reply":
				strong = append(strong, evidence(h))
			case "bulk", "junk", "list":
				// Bulk mail, not an automatic answer; it only supports
				// an out-of-office subject below.
				weak = append(weak, evidence(h))
			}
		case "x-auto-response-suppress", "x-ms-exchange-generated-message-source",
			"x-ms-exchange-inbox-rules-loop":
			// Outlook and Exchange set these on more than automatic
			// answers, so they are not enough on their own.
			weak = append(weak, evidence(h))
		case "return-path":
			if v == "<>" {
				weak = append(weak, evidence(h))
			}
		}
	}
	if mt, params := mediaType(headerValue(p, "Content-Type"), ""); mt == "multipart/report" &&
		strings.EqualFold(strings.TrimSpace(params["report-type"]), "disposition-notification") {
		strong = append(strong, "multipart/report; report-type=disposition-notification")
	}

	subject := strings.TrimSpace(p.Subject)
	if prefix, ok := exactAutoSubject(subject); ok {
		strong = append(strong, "subject starts with "+quoteReason(prefix))
		strong = append(strong, weak...)
	} else if prefix, ok := looseAutoSubject(subject); ok && len(weak) > 0 {
		strong = append(strong, "subject starts with "+quoteReason(prefix))
		strong = append(strong, weak...)
	}
	return strong
}

// exactAutoSubjects are the subject prefixes mail programs write on their
// automatic answers, matched exactly (case included) at the very start.
var exactAutoSubjects = []string{
	"Automaattinen vastaus:",
	"Automatiskt svar:",
	"Automatic reply:",
	"Autosvar:",
	"Out of Office:",
	"Out of Office AutoReply:",
	"Poissa:",
	"Frånvaro:",
}

// looseAutoSubjects, matched without regard to case as whole words at the
// start, only count together with a header that hints at automatic mail. A
// subject that is nothing but one of them is taken as exact.
var looseAutoSubjects = []string{
	"automaattinen vastaus",
	"automatiskt svar",
	"automatic reply",
	"autosvar",
	"out of office",
	"out of the office",
	"poissa",
	"frånvaro",
	"auto reply",
	"auto-reply",
	"autoreply",
}

func exactAutoSubject(s string) (string, bool) {
	for _, p := range exactAutoSubjects {
		if strings.HasPrefix(s, p) {
			return p, true
		}
	}
	bare := strings.TrimRight(s, " .!:")
	for _, p := range looseAutoSubjects {
		if strings.EqualFold(bare, p) {
			return bare, true
		}
	}
	return "", false
}

func looseAutoSubject(s string) (string, bool) {
	for _, p := range looseAutoSubjects {
		if len(s) < len(p) || !strings.EqualFold(s[:len(p)], p) {
			continue
		}
		if rest := s[len(p):]; rest != "" {
			r, _ := utf8.DecodeRuneInString(rest)
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				continue // "Poissaolo" is not "Poissa"
			}
		}
		return s[:len(p)], true
	}
	return "", false
}

// bulkHeaderEvidence lists the headers that mark mailing-list, newsletter,
// bulk-mailer and spam-flagged mail. A person's own mail practically never
// carries them.
func bulkHeaderEvidence(p Parsed) []string {
	var reasons []string
	add := func(r string) {
		for _, x := range reasons {
			if x == r {
				return
			}
		}
		reasons = append(reasons, r)
	}
	for _, h := range p.Headers {
		key := strings.ToLower(h.Key)
		v := strings.ToLower(strings.TrimSpace(h.Value))
		token := v
		if i := strings.IndexAny(token, "; \t(,"); i >= 0 {
			token = token[:i]
		}
		switch {
		case key == "list-unsubscribe", key == "list-id", key == "list-unsubscribe-post",
			key == "x-mc-user", key == "feedback-id", key == "x-csa-complaints",
			key == "x-sfmc-stack", key == "x-mailgun-campaign-id",
			strings.HasPrefix(key, "x-mailchimp"), strings.HasPrefix(key, "x-campaign"),
			strings.HasPrefix(key, "x-newsletter"):
			add("header " + h.Key + " → bulk")
		case key == "precedence" && (token == "bulk" || token == "list" || token == "junk"):
			add("header " + h.Key + ": " + token + " → bulk")
		case (key == "x-spam-flag" || key == "x-spam-status") && strings.HasPrefix(token, "yes"):
			add("header " + h.Key + ": " + token + " → bulk")
		case key == "x-mailer" && isBulkMailer(v):
			add("header " + h.Key + ": " + shorten(strings.TrimSpace(h.Value), 40) + " → bulk")
		}
	}
	return reasons
}

// bulkMailers are names that newsletter and campaign software write into
// X-Mailer.
var bulkMailers = []string{
	"mailchimp", "sendinblue", "brevo", "mailerlite", "klaviyo", "hubspot", "mailjet",
	"campaign monitor", "createsend", "apsis", "mailpoet", "emarsys", "liana", "getresponse",
	"activecampaign", "constant contact", "phplist", "acymailing", "newsletter", "rapidmail",
	"cleverreach", "moosend", "omnisend", "salesforce marketing",
}

func isBulkMailer(v string) bool {
	for _, m := range bulkMailers {
		if strings.Contains(v, m) {
			return true
		}
	}
	return false
}

// headerValue returns the first top-level header named key.
func headerValue(p Parsed, key string) string {
	for _, h := range p.Headers {
		if strings.EqualFold(h.Key, key) {
			return h.Value
		}
	}
	return ""
}

// evidence renders a header as a reason, shortened.
func evidence(h Header) string {
	return "header " + h.Key + ": " + shorten(strings.TrimSpace(h.Value), 80)
}

func quoteReason(s string) string {
	return `"` + shorten(s, 60) + `"`
}

// ---- The writer's own words -------------------------------------------

// textSource says where a piece of text came from, which decides how much
// its words count.
type textSource uint8

const (
	srcOwn          textSource = iota // the writer's own text
	srcSubject                        // the subject of a new message
	srcReplySubject                   // the subject of a reply: weak evidence only
	srcForwarded                      // forwarded or attached text: at most medium evidence
	srcQuoted                         // quoted text: never evidence, only a hint for Other
)

// maxAnalysed caps how much of each part of a message is read: a request
// sits at the top, and the classifier must stay fast on hostile input.
const maxAnalysed = 64 << 10

// splitQuoted separates a body into the writer's own text, forwarded text
// and quoted text. Lines starting with ">" are quoted; so is everything
// after a reply header ("-----Original Message-----", "On … wrote:",
// "… kirjoitti:", "… skrev:", an Outlook "From:/Sent:" block), unless the
// subject says the message is a forward, in which case such blocks are
// forwarded text. A "-- " signature is dropped. Forward markers ("Forwarded
// message", "Välitetty viesti", "Vidarebefordrat meddelande", the parser's
// "Attached message") start forwarded text, whose first level of ">" is
// taken off.
func splitQuoted(text string, forwardSubject bool) (own, forwarded, quoted string) {
	const (
		stOwn = iota
		stSignature
		stForwarded
		stQuoted
	)
	var ob, fb, qb strings.Builder
	state := stOwn
	rest := text
	for rest != "" {
		line := rest
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = ""
		}
		line = strings.TrimRight(line, "\r")
		trimmed := strings.TrimSpace(line)
		if state == stForwarded {
			// The parser quotes an attached message; take one level off.
			if strings.HasPrefix(trimmed, ">") {
				trimmed = strings.TrimSpace(trimmed[1:])
				line = trimmed
			}
		}
		switch {
		case isForwardMarker(trimmed):
			state = stForwarded
			continue
		case state != stQuoted && isReplyMarker(trimmed, rest):
			if forwardSubject {
				state = stForwarded
			} else {
				state = stQuoted
			}
		case state == stOwn && (line == "-- " || trimmed == "--"):
			state = stSignature
			continue
		case state == stOwn && isAttribution(trimmed):
			// "On … wrote:" followed by ">" lines: only the attribution
			// line is dropped; a bottom-posted answer after it is own text.
			if !nextLineQuoted(rest) {
				state = stQuoted
			}
			continue
		}
		target := &ob
		switch {
		case state == stSignature:
			continue
		case state == stQuoted, strings.HasPrefix(trimmed, ">"):
			target = &qb
		case state == stForwarded:
			target = &fb
		}
		if target.Len() < maxAnalysed {
			target.WriteString(line)
			target.WriteByte('\n')
		}
	}
	return ob.String(), fb.String(), qb.String()
}

// isForwardMarker reports whether a line starts forwarded text.
func isForwardMarker(line string) bool {
	if len(line) > 120 || len(line) < 10 ||
		line[0] != '-' && line[0] != 'B' && line[0] != 'b' && line[len(line)-1] != ':' {
		return false
	}
	l := foldString(line)
	for _, m := range []string{"forwarded message", "valitetty viesti", "vidarebefordrat meddelande",
		"vidarebefordrat brev", "attached message", "begin forwarded message", "edelleenlahetetty viesti",
		"weitergeleitete nachricht"} {
		if strings.Contains(l, m) && (strings.HasPrefix(l, "-") || strings.HasPrefix(l, "begin") || strings.HasSuffix(l, ":")) {
			return true
		}
	}
	return false
}

// isReplyMarker reports whether a line starts the quoted original of a
// reply: an "Original Message" rule or an Outlook header block.
func isReplyMarker(line, rest string) bool {
	if len(line) > 200 || line == "" {
		return false
	}
	if line[0] == '-' || line[0] == '_' {
		l := strings.Trim(foldString(line), "-_ ")
		switch l {
		case "original message", "alkuperainen viesti", "ursprungligt meddelande",
			"ursprungliga meddelandet", "originalnachricht", "original meddelande":
			return true
		}
		return false
	}
	if !isHeaderLine(line, "from", "lahettaja", "fran", "von", "de") {
		return false
	}
	// An Outlook block: From: followed closely by Sent:/Date:/To:/Subject:.
	for n := 0; n < 5 && rest != ""; n++ {
		next := rest
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			next, rest = rest[:i], rest[i+1:]
		} else {
			rest = ""
		}
		if isHeaderLine(strings.TrimSpace(next), "sent", "date", "to", "subject", "lahetetty", "paivamaara",
			"vastaanottaja", "aihe", "skickat", "datum", "till", "amne", "gesendet", "an", "betreff") {
			return true
		}
	}
	return false
}

// isHeaderLine reports whether line starts with one of the given field names
// (folded) and a colon.
func isHeaderLine(line string, names ...string) bool {
	colon := strings.IndexByte(line, ':')
	if colon <= 0 || colon > 20 {
		return false
	}
	key := foldString(strings.TrimLeft(line[:colon], "*> "))
	for _, n := range names {
		if key == n {
			return true
		}
	}
	return false
}

// isAttribution reports whether a line is a reply's attribution: "On …
// wrote:", "… kirjoitti:", "… skrev …:".
func isAttribution(line string) bool {
	if len(line) > 300 || !strings.HasSuffix(line, ":") {
		return false
	}
	l := " " + foldString(line)
	for _, w := range []string{" wrote", " kirjoitti", " skrev", " schrieb", " a ecrit"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// nextLineQuoted reports whether the next non-empty line starts with ">".
func nextLineQuoted(rest string) bool {
	for rest != "" {
		line := rest
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = ""
		}
		if t := strings.TrimSpace(line); t != "" {
			return strings.HasPrefix(t, ">")
		}
	}
	return false
}

// ---- Tokens and sentences ------------------------------------------------

// wordToken is one word, lower-cased and folded (ä→a, ö→o, å→a, é→e …),
// with what the lexicon found in it.
type wordToken struct {
	w          string     // folded word
	start, end int        // byte offsets in the segment's text
	sent       int        // index of its sentence
	punct      bool       // a comma, colon, bracket or dash separates it from the word before
	feat       lexFeature // features of lexicon entries matching here
	kinds      kindSet    // the kinds a right's name (fRight) stands for
	span       int        // words covered by the longest entry matching here
	poss       int8       // owner of a data word: 1 me, 2 you, 3 someone else, 4 us (a company), 0 unknown
}

// sentence is a run of tokens between sentence ends.
type sentence struct {
	first, last int  // token indices, inclusive
	lead        int  // for a list item, the sentence introducing the list ("Please send:"), else -1
	question    bool // ends with "?"
	closed      bool // ends with ".", "!" or "?": no heading or link label
}

// textSegment is one piece of a message, tokenised and annotated.
type textSegment struct {
	src     string
	source  textSource
	toks    []wordToken
	sents   []sentence
	swedish bool // more Swedish than Finnish function words: "en" is an article, not "I don't"
	finnish bool // more Finnish than Swedish or English function words: "me" is "we", not "me"
}

func newSegment(src string, source textSource) *textSegment {
	if len(src) > maxAnalysed {
		cut := maxAnalysed
		for cut > 0 && !utf8.RuneStart(src[cut]) {
			cut--
		}
		src = src[:cut]
	}
	s := &textSegment{src: src, source: source}
	s.tokenize()
	s.annotate()
	return s
}

// foldRune lower-cases r and takes the diacritics off common Latin letters,
// so that "Päivittäkää", "paivittakaa" and "PÄIVITTÄKÄÄ" are one word. A
// replacement character (a byte the decoder could not read, usually ä) is
// taken as "a".
func foldRune(r rune) rune {
	r = unicode.ToLower(r)
	if r < 0x80 {
		return r
	}
	switch r {
	case 'ä', 'å', 'à', 'á', 'â', 'ã', 'ā', 'ą', 'æ', '\uFFFD':
		return 'a'
	case 'ö', 'ø', 'ò', 'ó', 'ô', 'õ', 'ō', 'œ':
		return 'o'
	case 'é', 'è', 'ê', 'ë', 'ē', 'ę', 'ė':
		return 'e'
	case 'ü', 'ù', 'ú', 'û', 'ū':
		return 'u'
	case 'í', 'ì', 'î', 'ï':
		return 'i'
	case 'ç', 'č', 'ć':
		return 'c'
	case 'š', 'ś', 'ß':
		return 's'
	case 'ž', 'ź', 'ż':
		return 'z'
	case 'ñ', 'ń':
		return 'n'
	case 'ý', 'ÿ':
		return 'y'
	case 'ł':
		return 'l'
	case 'ř':
		return 'r'
	case 'ď':
		return 'd'
	case 'ť':
		return 't'
	}
	return r
}

// foldString folds a short string the way words are folded.
func foldString(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(foldRune(r))
	}
	return b.String()
}

func isWordRune(r rune) bool {
	return r == '\uFFFD' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// maxWord caps a folded word; longer runs are cut.
const maxWord = 48

// tokenize splits the text into folded words and sentences. A sentence ends
// at "!", "?", ";", a blank line, a list bullet, and at "." followed by
// white space and a capital letter or a line break (so "Art. 15" and
// "1.12.2025" do not end one). Commas, colons, brackets and free-standing
// dashes mark the next word (punct), which bounds negation and conditions.
// URLs and e-mail addresses are skipped whole.
func (s *textSegment) tokenize() {
	src := s.src
	// All folded words go into one buffer, made a string once at the end;
	// the tokens' words are slices of it.
	folded := make([]byte, 0, len(src))
	var spans [][2]int
	s.toks = make([]wordToken, 0, len(src)/6+1)
	var (
		punct, boundary bool
		lastSig         rune = '\n' // the last character that was not white space
		lead                 = -1   // the list lead-in for the next sentence
		lineStart            = true
	)
	for i := 0; i < len(src); {
		if lineStart {
			lineStart = false
			j := i
			for j < len(src) && (src[j] == ' ' || src[j] == '\t') {
				j++
			}
			if n := bulletLen(src[j:]); n > 0 {
				boundary = true
				if cur := len(s.sents) - 1; cur >= 0 {
					if lastSig == ':' {
						lead = cur
					} else if s.sents[cur].lead >= 0 {
						lead = s.sents[cur].lead
					}
				}
				lastSig = '-'
				i = j + n
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(src[i:])
		if isWordRune(r) {
			if i == 0 || isSpaceByte(src[i-1]) || strings.IndexByte("<([{\"'", src[i-1]) >= 0 {
				end := i
				for end < len(src) && !isSpaceByte(src[end]) {
					end++
				}
				if chunk := src[i:end]; strings.Contains(chunk, "://") || strings.IndexByte(chunk, '@') >= 0 ||
					(len(chunk) > 4 && strings.EqualFold(chunk[:4], "www.")) {
					i, punct, lastSig = end, true, 'a'
					continue
				}
			}
			start := i
			wstart := len(folded)
			for i < len(src) {
				r, size = utf8.DecodeRuneInString(src[i:])
				if r >= 0x300 && unicode.Is(unicode.Mn, r) {
					i += size
					continue
				}
				if !isWordRune(r) {
					break
				}
				i += size
				if len(folded)-wstart >= maxWord {
					continue
				}
				f := foldRune(r)
				if n := len(folded); f < 0x80 && unicode.IsLetter(f) && n-wstart >= 2 && folded[n-1] == byte(f) && folded[n-2] == byte(f) {
					continue // "poistakaaa" is "poistakaa"
				}
				folded = utf8.AppendRune(folded, f)
			}
			if boundary || len(s.sents) == 0 {
				s.sents = append(s.sents, sentence{first: len(s.toks), lead: lead})
				lead, boundary = -1, false
			}
			cur := len(s.sents) - 1
			s.toks = append(s.toks, wordToken{start: start, end: i, sent: cur, punct: punct, span: 1})
			spans = append(spans, [2]int{wstart, len(folded)})
			s.sents[cur].last = len(s.toks) - 1
			punct, lastSig = false, 'a'
			continue
		}
		switch r {
		case '.':
			if sentenceEnds(src, i+size) {
				boundary = true
				if n := len(s.sents); n > 0 {
					s.sents[n-1].closed = true
				}
			}
		case '!', ';':
			boundary = true
			if n := len(s.sents); n > 0 && r == '!' {
				s.sents[n-1].closed = true
			}
		case '?':
			boundary = true
			if n := len(s.sents); n > 0 {
				s.sents[n-1].question = true
				s.sents[n-1].closed = true
			}
		case '\n':
			if blankLineFollows(src, i+1) {
				boundary = true
			}
			lineStart = true
		case ',', ':', '(', ')', '[', ']', '{', '}', '"', '“', '”', '„', '«', '»', '|', '•', '·', '*':
			punct = true
		case '-', '–', '—', '/':
			if r != '-' || i+size >= len(src) || isSpaceByte(src[i+size]) || (i > 0 && isSpaceByte(src[i-1])) {
				punct = true
			}
		}
		if !unicode.IsSpace(r) {
			lastSig = r
		}
		i += size
	}
	words := string(folded)
	for k, sp := range spans {
		s.toks[k].w = words[sp[0]:sp[1]]
	}
}

// bulletLen returns the length of a list bullet ("- ", "* ", "• ", "1. ",
// "2) ") at the start of s, or 0.
func bulletLen(s string) int {
	for _, b := range []string{"- ", "* ", "• ", "– ", "· "} {
		if strings.HasPrefix(s, b) {
			return len(b)
		}
	}
	n := 0
	for n < len(s) && n < 3 && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	if n > 0 && n+1 < len(s) && (s[n] == '.' || s[n] == ')') && s[n+1] == ' ' {
		return n + 2
	}
	return 0
}

// sentenceEnds reports whether a full stop ending at j ends a sentence.
func sentenceEnds(src string, j int) bool {
	if j >= len(src) {
		return true
	}
	if !isSpaceByte(src[j]) {
		return false
	}
	for j < len(src) && isSpaceByte(src[j]) {
		if src[j] == '\n' {
			return true
		}
		j++
	}
	if j >= len(src) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(src[j:])
	return !unicode.IsLower(r) && !unicode.IsDigit(r)
}

// blankLineFollows reports whether only white space separates j from the
// next line break.
func blankLineFollows(src string, j int) bool {
	for ; j < len(src); j++ {
		switch src[j] {
		case '\n':
			return true
		case ' ', '\t', '\r':
		default:
			return false
		}
	}
	return true
}

// quote renders the words at the given token indices (each with the words
// its lexicon entry spans), lower-cased: words at most three apart are
// joined with what stands between them, others separated by " … ".
func (s *textSegment) quote(idx ...int) string {
	type run struct{ a, b int }
	var runs []run
	for _, i := range idx {
		if i >= 0 && i < len(s.toks) {
			runs = append(runs, run{i, min(i+s.toks[i].span-1, len(s.toks)-1)})
		}
	}
	slices.SortFunc(runs, func(x, y run) int { return x.a - y.a })
	var parts []string
	for i := 0; i < len(runs); {
		a, b := runs[i].a, runs[i].b
		for i++; i < len(runs) && runs[i].a <= b+4; i++ {
			b = max(b, runs[i].b)
		}
		parts = append(parts, strings.Join(strings.Fields(strings.ToLower(s.src[s.toks[a].start:s.toks[b].end])), " "))
	}
	return strings.Join(parts, " … ")
}

// ---- The lexicon -----------------------------------------------------------

// lexFeature is what a word or phrase contributes: one bit per feature.
type lexFeature uint64

// The features. Cues (the kind words) need support near them: an ask and an
// object; the rest are that support or mark mail that is no request.
const (
	// The writer's voice.
	fAsk      lexFeature = 1 << iota // the writer asks or wants: haluan, pyydän, please, jag vill
	fImp                             // a bare imperative (delete, radera, poista): an ask when it opens a clause
	fNeg                             // not, en, älkää, inte
	fHedge                           // if, jos, ifall: a condition, up to the next comma or ask
	fMention                         // I remind you, please note, including: the rest of the sentence only mentions rights
	fConj                            // and, ja, och, but: ends the reach of a negation
	fGreeting                        // hello, hei, hej, dear: skipped before an imperative
	fThanks                          // thanks, kiitos, tack
	fFirst                           // I, we, jag, minulla: the writer speaks of themselves
	fQuestion                        // how long, kuinka kauan, hur länge, why
	fPolite                          // "if you could", "olisin kiitollinen, jos": an ask, not a condition

	// Whose and what.
	fMy         // my, mina, minun: the next data word is the writer's
	fYour       // your, din, er: the next data word is the reader's
	fTheir      // their, his, hänen, deras: the next data word is someone else's
	fOur        // our, meidän: the next data word is the writer's company's
	fMe         // me, minut, minusta, mig, about me
	fData       // data, tiedot, uppgifter: personal data when owned by the writer
	fPersonal   // henkilötiedot, personal data, personuppgifter: personal data in itself
	fField      // address, nimi, telefon: a datum one can correct
	fAccount    // account, tili, register, database
	fPronoun    // it, them, se, ne, det, allt: an object named in the sentence before
	fProcessing // processing, käsittely, behandling, use
	fConsent    // consent, suostumus, lupa, samtycke
	fMarketing  // marketing, uutiskirje, nyhetsbrev, mailing list, market research
	fMailObj    // e-mail, message, viesti, attachment: what is sent, not personal data
	fBusiness   // order, lasku, leverans: a customer-service matter
	fPrivacy    // GDPR, tietosuoja, privacy, dataskydd

	// The kind words (cues).
	fErase          // delete, poistaa, radera
	fCopy           // copy, kopio, kopia
	fSee            // access, see, tarkastaa, nähdä, veta
	fSend           // send, provide, lähettää, toimittaa, skicka, receive, saada
	fTell           // tell, inform, kertoa, berätta, confirm
	fSource         // recipients, source, mistä saitte, retention: details of access
	fWhat           // what, which, mitä, vilka, onko
	fCorrect        // correct, update, korjata, oikaista, rätta
	fWrong          // wrong, outdated, virheellinen, felaktig
	fMoved          // moved, new address, muutin, flyttat: only an address changed
	fRestrict       // restrict, rajoittaa, begränsa
	fFormat         // machine-readable, CSV, JSON, koneluettava
	fTransfer       // transfer, siirtää, överföra, to another provider
	fOptOut         // unsubscribe, opt out, avregistrera
	fStop           // stop, lopettakaa, sluta, no more
	fObject         // object, vastustaa, invända
	fWithdraw       // withdraw, cancel, peruuttaa, återkalla, avsluta
	fSubscription   // subscription, prenumeration
	fForbid         // kieltää, forbid, förbjuda
	fCall           // call, soittaa, ringa, telemarketing
	fRight          // a right's or a request's name; its kinds are in the entry
	fGenericRequest // "GDPR request": a request of no stated kind
	fArticle        // art., article, artikla, artikel

	// Mail that is no request.
	fFooter    // click here, view in browser: a newsletter's footer
	fFooterCtx // click, link, you can: makes an unsubscribe a footer
	fSpam      // lottery, bitcoin, SEO services
	fVoid      // a phrase whose words are no cue or ask after all ("an update", "please find attached")

	// Who speaks, and of what.
	fSelf    // the writer as one person: I, minä, jag, haluan, pyydän, minulla
	fWe      // the writer as a company: we, me, vi, olemme, our, vårt
	fCompany // company, yritys, yhtiö, företag: makes a datum the company's
	fAll     // everything, kaikki, allt: the whole of what is held, with "about me"
	fDoc     // document, asiakirja, dokument: a thing sent, not personal data
	fMistake // by mistake, vahingossa, av misstag: a misdirected document
	fAbroad  // outside the EU, third countries, ulkomaille: a transfer the notice describes
	fDest    // to another provider, elsewhere, muualle, upload: where ported data goes
	fFile    // in a file, tiedostona, i en fil: portability only with a destination named
)

// cueFeatures are the features a rule starts from.
const cueFeatures = fErase | fCopy | fSee | fSend | fTell | fWhat | fCorrect | fWrong | fMoved |
	fRestrict | fFormat | fTransfer | fOptOut | fStop | fObject | fWithdraw | fForbid | fCall |
	fMarketing | fMailObj | fRight | fGenericRequest | fArticle | fDest | fFile

// kindSet is a set of kinds, one bit per index into Kinds.
type kindSet uint8

// Indices into Kinds.
const (
	ixAccess = iota
	ixRectification
	ixErasure
	ixRestriction
	ixPortability
	ixObjection
)

const (
	kAccess        kindSet = 1 << ixAccess
	kRectification kindSet = 1 << ixRectification
	kErasure       kindSet = 1 << ixErasure
	kRestriction   kindSet = 1 << ixRestriction
	kPortability   kindSet = 1 << ixPortability
	kObjection     kindSet = 1 << ixObjection
)

// lexiconGroups are the words and phrases the classifier knows, by feature.
//
// To add a phrase, put it into the group of the feature it expresses.
// Write it lower-case with ä, ö and å as a, o and a: the mail's words are
// folded the same way before matching, so "poistakaa" matches "Poistakaa",
// "poistakaa" and "POISTAKÄÄ". Words are separated by spaces, and the
// mail's punctuation and hyphens count as spaces ("machine-readable" is
// "machine readable"). Each word is matched:
//
//	word    exactly
//	stem*   as a prefix, so that Finnish inflections hit (poist* matches
//	        poistakaa, poistamaan, poisto); stem*!not!other excludes words
//	        starting with "not" or "other"
//	*part*  anywhere in the word, for compounds (*markkin* matches
//	        suoramarkkinointikielto)
//
// Single words and stems of seven letters or more also match with one typo.
// Which features make a request, and of which kind, is decided by the rule
// functions of textEvaluator; a new kind word only needs a group here.
var lexiconGroups = []struct {
	f     lexFeature
	kinds kindSet
	pats  []string
}{
	{fAsk, 0, []string{
		// Finnish: first person, polite questions and nouns of asking.
		"haluan", "haluaisin", "haluamme", "haluaisimme", "halua", "halusin", "tahdon", "tahtoisin",
		"pyydan", "pyydamme", "pyytaisin", "pyytaisimme", "pyydetaan", "pyytamaan", "haluisin", "haluun",
		"pyynto", "pyyntoni", "pyyntomme", "pyyntona", "vaadin", "vaadimme", "vaatisin", "vaatimus",
		"vaatimukseni", "toivon", "toivoisin", "toivomme", "voisitteko", "voitteko", "voisitko", "voitko",
		"voisiko", "olkaa hyva", "olisiko mahdollista", "ystavallisesti", "kaytan", "kaytamme",
		"saanko", "saisinko", "voinko saada", "edellytan", "vastustan", "vastustamme", "kiellan", "kiellamme",
		"kieltaydyn", "peruutan", "perun", "peruutamme", "irtisanon", "ilmoitan", "kiitollinen",
		// Swedish.
		"jag vill", "vi vill", "vill", "onskar", "skulle vilja", "begar", "begaran", "jag ber", "ber er",
		"ber dig", "ber om", "kraver", "krav", "vanligen", "var vanlig", "var snall", "kan ni", "kan du",
		"skulle ni kunna", "kunde ni", "anhaller", "harmed", "utovar", "utnyttjar", "invander",
		"motsatter mig", "aterkallar", "forbjuder", "tacksam", "kan jag fa", "skulle jag kunna fa",
		// English.
		"i request", "we request", "i am requesting", "i m requesting", "formal request", "this request",
		"my request", "request for", "request to", "request that", "requesting that", "would like", "d like", "id like", "want", "wish",
		"demand", "demanding", "ask", "asking", "i need", "we need", "i require", "i expect", "i insist",
		"can i get", "could i get", "can i have", "could i have",
		"instruct", "please", "pls", "plz", "plase", "pleae", "pleas", "kindly", "could you", "can you", "would you", "will you",
		"hereby", "i exercise", "exercise my", "exercising", "i am writing to", "i m writing to",
		"im writing to", "i object", "i withdraw", "i revoke", "i opt out", "grateful", "appreciate",
	}},
	{fImp, 0, []string{
		// Bare imperatives: an ask when they open a sentence or clause.
		"delete", "erase", "remove", "send", "provide", "give", "correct", "update", "change", "fix",
		"amend", "restrict", "limit", "stop", "unsubscribe", "transfer", "export", "forget", "cancel",
		"close", "tell", "email", "mail", "confirm", "take", "request",
		"radera", "ta", "skicka", "ratta", "korrigera", "uppdatera", "begransa", "sluta", "avregistrera",
		"avsluta", "stoppa", "overfor", "flytta", "exportera", "ge", "lamna", "glom", "beratta", "meddela", "bekrafta",
		"poista", "laheta", "korjaa", "oikaise", "paivita", "lopeta", "peru", "peruuta", "kerro", "anna",
		"toimita", "siirra", "rajoita", "unohda", "tuhoa", "vaihda", "muuta", "vahvista", "ilmoita",
	}},
	{fNeg, 0, []string{
		"en", "emme", "ala", "alkaa", "alko", "ei", "ette", "eivat",
		"inte", "ej", "icke", "aldrig",
		"not", "dont", "don t", "do not", "doesn t", "didn t", "won t", "cannot", "can t", "never",
		"no longer",
	}},
	{fHedge, 0, []string{
		"if", "jos", "mikali", "ifall", "in case", "unless", "otherwise", "muuten", "annars",
		"in the event", "should you",
	}},
	{fMention, 0, []string{
		"remind", "reminder", "muistut*", "paminn*", "huomaut*", "please note", "note that", "observera",
		"reserve", "varaan", "pidatan", "forbehall*", "aware", "tietoisia", "medveten", "medvetna",
		"you may", "you might", "may", "entitled", "oikeutettu", "berattigad", "such as", "including",
		"kuten", "esimerkiksi", "sasom", "inklusive", "existence", "olemassaolo*", "forekomst*",
	}},
	{fPolite, 0, []string{
		"if you could", "if you would", "if you can", "if you please", "grateful if", "appreciate it if",
		"jos voisitte", "jos voitte", "jos voisit", "kiitollinen jos", "kiitollinen mikali",
		"om ni kunde", "om ni kan", "tacksam om", "tacksam ifall",
	}},
	{fConj, 0, []string{
		"and", "but", "also", "then", "plus", "ja", "seka", "mutta", "vaan", "myos", "lisaksi", "sitten",
		"och", "men", "samt", "aven", "ocksa", "sedan",
	}},
	{fGreeting, 0, []string{
		"hi", "hello", "hey", "dear", "hei", "heippa", "moi", "moikka", "terve", "tervehdys", "hyva",
		"hyvat", "arvoisa", "hej", "hejsan", "hallo", "god", "good", "morning", "afternoon", "paivaa",
		"huomenta", "iltaa", "sir", "madam", "team", "ok", "okay", "selva", "sesoma", "asiakaspalvelu",
		"tietosuojavastaava", "kundtjanst", "support",
	}},
	{fMy, 0, []string{
		"my", "mine", "mina", "min", "mitt", "minun", "mun", "oma", "omat", "omia", "omani",
		"omiani", "omista",
	}},
	{fYour, 0, []string{"your", "yours", "din", "ditt", "dina", "er", "ert", "era", "teidan", "sinun"}},
	{fOur, 0, []string{"our", "ours", "meidan", "vart", "vara"}},
	{fTheir, 0, []string{
		"their", "his", "her", "hans", "hennes", "deras", "hanen", "heidan", "asiakkaiden", "customers",
	}},
	{fPronoun, 0, []string{
		"it", "them", "everything", "all of it", "se", "sen", "ne", "niita", "kaikki", "kaiken",
		"det", "dem", "allt", "dessa", "those", "these",
	}},
	{fMe, 0, []string{
		"me", "myself", "mig", "mej", "minut", "minua", "minusta", "minuun", "itsestani", "meista",
		"musta", "mua", "mut",
		"om mig", "about me", "on me", "concerning me", "regarding me", "relating to me", "related to me",
	}},
	{fData, 0, []string{
		"tieto*!tietosuoj!tietokon!tietotur!tietoliik!tietopyyn!tietoine!tietoisi!tietoisu!tietojarj",
		"tiedo*!tiedost!tiedoks!tiedote!tiedott",
		"data", "information", "informationen", "info", "details", "datan", "uppgift*",
	}},
	{fPersonal, 0, []string{
		"henkilotie*", "yhteystie*", "asiakastie*", "personuppgift*", "kontaktuppgift*", "kunduppgift*",
		"personal data", "personal information", "personal details", "personally identifiable", "pii",
		"personlig information", "personliga uppgifter", "contact details", "contact information",
	}},
	{fField, 0, []string{
		"*osoite*", "*osoitte*", "nimi", "nimeni", "nimen", "nimea", "nimeani", "nimessa", "nimessani", "nimet", "nimia",
		"*sukunim*", "*etunim*", "puhelin*", "puhelim*", "*puhelinnum*", "syntymaaika*", "syntymapaiv*",
		"henkilotunnu*", "titteli*", "tyonimik*", "sahkopostiosoit*", "kirjoitusasu*",
		"*adress*", "namn", "namnet", "*efternamn*", "*fornamn*", "telefon*", "personnummer*", "stavning*",
		"address", "addresses", "name", "names", "surname", "last name", "first name", "phone",
		"telephone", "mobile", "date of birth", "birthday", "job title", "spelling",
	}},
	{fAccount, 0, []string{
		"account", "accounts", "profile", "profiles", "records", "register", "registers", "registry",
		"database", "databases", "system", "systems", "crm",
		"tili", "tilin", "tilini", "tilia", "tiliani", "tilista", "tilistani", "tilille", "tililta", "tilit", "*kayttajatil*",
		"*asiakastili*", "asiakkuu*", "rekister*!rekisteroi!rekisterinpit", "*asiakasrekister*",
		"tietokan*", "jarjestelm*", "profiili*",
		"konto", "kontot", "*kundkonto*", "profil", "profilen", "registret", "databas*", "*kundregist*",
	}},
	{fMarketing, 0, []string{
		"*markkin*", "*mainos*", "*mainok*", "mainon*", "*uutiskirj*", "*postituslist*", "*postilist*", "listalta",
		"listalle", "listoilta", "*kampanj*", "kysely*", "tarjou*", "tekstiviest*",
		"*nyhetsbrev*", "*reklam*", "*marknadsfor*", "direktmarknad*", "utskick*", "*enkat*",
		"*undersokning*", "listan", "listor*", "lista", "sms",
		"*newsletter*", "marketing", "advertis*", "promotion*", "promotional", "mailing list", "mailinglist",
		"mailing lists", "list", "market research", "survey*", "offers", "ads",
		// Research and polling firms, to which numbers are passed for market research.
		"research agenc*", "research compan*", "research firm*", "research institut*", "polling",
		"opinion poll*", "*kysely*", "*tutkimuslaito*", "*tutkimusyhti*", "*tutkimusyrity*",
		"*tutkimustoimisto*", "*mielipidetutkimu*", "*opinionsinstitut*", "*undersokningsforetag*",
		"*undersokningsinstitut*",
		// Profiling and targeting, which Art. 21 treats as marketing.
		"profilo*", "kohdenn*", "kohdenne*", "profilering*", "riktad*", "profiling", "profiled", "targeted",
	}},
	{fMailObj, 0, []string{
		"email", "emails", "e mail", "e mails", "mail", "mails", "mailings", "message", "messages",
		"file", "files", "attach*", "viesti*", "sahkopost*", "liite*", "liitte*", "tiedosto*", "bifog*",
		"meddelande*", "mejl*", "e post", "bilag*", "fil",
	}},
	{fBusiness, 0, []string{
		"tilau*", "tilaamani", "tilasin", "lasku*", "toimitu*", "toimitus*", "tuote*", "tuotte*",
		"paketti*", "paketin", "lahetys*", "maksu*", "hinta*", "hinnan", "hinnat", "hinnasto*",
		"tarjous*", "reklamaatio*", "palautu*", "palautus*", "varasto*", "kuitti*", "takuu*",
		"bestallning*", "faktura*", "leverans*", "produkt*", "paket", "paketet", "betalning*", "offert*",
		"kvitto*", "priset", "pris", "ordern", "ordrar*", "ordernummer*", "min order", "er order", "din order",
		"my order", "the order", "your order", "order number", "order no", "orders", "ordered",
		"invoice*", "delivery", "deliveries", "shipment*", "package", "parcel", "product*", "payment*",
		"price*", "quote", "quotation", "refund*", "receipt", "tracking", "warranty",
	}},
	{fErase, 0, []string{
		"poist*!poistu", "tuho*!tuhoutu", "unoht*!unohtui!unohtu", "unohd*!unohdin!unohdi", "anonymi*",
		"sulkekaa", "sulje", "close my account", "avsluta mitt konto",
		"radera*", "radering*", "ta bort", "tar bort", "tas bort", "tagit bort", "togs bort", "tagits bort",
		"plocka bort", "bortglomd*", "glom mig", "glomma mig", "avlagsna*", "anonymiser*",
		"delet*", "delte", "dlete", "eras*!erasmus", "remov*", "remvoe", "forget me", "forgotten", "destroy*", "purge", "wipe",
		"take me off", "anonymis*", "anonymiz*",
	}},
	{fCopy, 0, []string{
		"copy", "copies", "kopio*", "kopia*", "jaljenno*", "utdrag", "extract", "printout", "tuloste*",
		"utskrift*",
	}},
	{fSee, 0, []string{
		"access", "see", "view", "know", "review", "inspect",
		"tarkast*", "tarkist*", "nahda", "nakemaan", "nahtavaksi", "nahtavilla", "tieta*", "saada tieta*",
		"veta", "se vilka", "se vad", "se mina", "ta del av", "insyn*", "tillgang*", "granska*",
	}},
	{fSend, 0, []string{
		"send", "provide", "supply", "give", "forward", "receive", "obtain", "email me", "mail me",
		"sending", "lahett*!lahetin!lahetimme", "laheta", "lahetat*", "toimitta*", "toimita", "toimitat*",
		"anta*!antanut!antaneet",
		"saada", "saamaan", "saisin", "saanko", "saisinko",
		"skicka*", "sand mig", "lamna ut", "lamnas ut", "fa", "fa ut", "erhalla", "ha ut",
	}},
	{fTell, 0, []string{
		"tell", "inform", "let me know", "explain", "confirm",
		"kerto*", "kerro", "kerrot*", "ilmoitta*", "ilmoita", "selvitta*", "vahvista*",
		"beratta", "meddela", "upplys*", "redogor*", "bekrafta*",
	}},
	{fSource, 0, []string{
		"recipient*", "source", "sources", "disclosed", "shared", "purposes", "retention", "where you got",
		"vastaanottaj*", "luovut*", "mista sait*", "mista olette saaneet", "lahteist*", "lahteen", "lahde",
		"lahteet", "tarkoitu*", "sailyt*", "keep", "kept", "retain", "lagra*", "sparar", "sparas",
		"mottagare*", "kallan", "kallor", "varifran", "andamal*", "lagringstid*",
	}},
	{fWhat, 0, []string{
		"what", "which", "whether", "mita", "mitka", "onko", "vilka", "vad", "huruvida", "vilken", "vilket",
	}},
	{fCorrect, 0, []string{
		"correct", "correction", "corrected", "correcting", "rectif*", "fix", "amend*", "update", "updated", "updating",
		"change",
		"korja*", "oikais*", "paivit*", "muutta*", "muutos*", "*osoitteenmuutos*", "vaihta*", "vaihda",
		"ratta", "rattar", "rattas", "rattad", "rattat", "rattelse*", "rattning*", "korriger*", "uppdater*", "andring*",
		// "ändra", but not "andra" (other): only with its object.
		"andra den", "andra det", "andra dem", "andra min", "andra mitt", "andra mina", "andrat", "andrade",
	}},
	{fWrong, 0, []string{
		"wrong", "incorrect", "inaccurate", "outdated", "out of date", "misspelled", "misspelt",
		"not correct", "not accurate",
		"virheelli*", "virhe", "virheen", "virheita", "vaar*!vaaral", "vanhentun*", "ei pida paikkaansa",
		"vaihtunut", "muuttunut",
		"felaktig*", "fel", "felstav*", "inaktuell*", "stammer inte",
	}},
	{fRestrict, 0, []string{
		"restrict*", "limit the processing", "limit processing", "rajoit*", "begrans*",
	}},
	{fProcessing, 0, []string{
		"process", "processing", "processed", "use", "using", "kasittel*", "kasitel*",
		"kaytt*!kayttaja", "behandl*", "anvand*",
	}},
	{fFormat, 0, []string{
		"machine readable", "koneluettav*", "koneellisesti luettav*", "maskinlasbar*", "csv", "json",
		"xml", "structured", "strukturoi*", "strukturerad*", "strukturerat", "rakenteis*",
		"excel",
	}},
	{fFile, 0, []string{
		// A file, which is only how an access copy is delivered unless the
		// writer will take it elsewhere ("in a file I can upload elsewhere").
		"in a file", "as a file", "in one file", "in a single file", "i en fil", "som en fil", "som fil",
		"i ett dokument", "tiedostona", "yhtena tiedostona", "tiedostomuodossa",
	}},
	{fTransfer, 0, []string{
		"transfer*", "port", "export*", "move my data", "siirt*", "siirr*", "siirto*", "overfor*", "flytta*",
	}},
	{fDest, 0, []string{
		// Where ported data goes: another controller, or away with the writer.
		"to another", "toiselle", "toiseen", "muualle", "till en annan", "till ett annat", "till annan",
		"another controller", "another provider", "another service", "new provider", "new supplier",
		"new service", "uudelle palvelu*", "uudelle toimittaja*", "uuteen palveluun", "ny leverantor*",
		"nya leverantor*", "ny tjanst", "nya tjansten",
		"elsewhere", "somewhere else", "annanstans", "nagon annanstans", "kilpailija*", "konkurrent*",
		"competitor*", "ladda upp", "upload*", "ta med", "take with me", "take it with me", "port",
		"export*",
	}},
	{fAbroad, 0, []string{
		// International transfers: what a privacy notice describes, not portability.
		"outside", "third countr*", "other countries", "another country", "abroad", "overseas",
		"internationally", "united states", "ulkopuol*", "kolmansi*", "kolmas maa*", "kolmanteen maahan",
		"ulkomail*", "ulkomaille", "ulkomaihin", "muihin maihin", "toiseen maahan", "yhdysval*", "utanfor",
		"tredje land*", "tredjeland*", "andra lander", "annat land", "utomlands",
	}},
	{fOptOut, 0, []string{
		"unsubscr*", "unsub", "opt out", "optout", "avregistrer*", "avanmal*", "avprenumer*",
		"take me off",
	}},
	{fStop, 0, []string{
		"stop", "stopp*", "cease", "no more", "no longer", "keep sending", "still sending", "still send",
		"continue to send", "keep getting", "still getting", "still receive", "still receiving",
		"fortsatter att skicka", "far fortfarande", "saan edelleen", "saan yha", "lopet*", "ei enaa", "en enaa",
		"sluta", "slutar", "upphor*", "inte langre", "inga fler", "inga mer",
	}},
	{fObject, 0, []string{
		"object", "objects", "objecting", "objection", "vastust*", "invand*", "motsatter",
	}},
	{fWithdraw, 0, []string{
		"withdraw*", "revok*", "revocation", "cancel*", "peru*!perus!perun", "aterkall*", "dra tillbaka",
		"drar tillbaka", "avsluta*", "saga upp", "sager upp", "irtisan*", "lakkaut*",
	}},
	{fConsent, 0, []string{
		"consent*", "suostum*", "lupa", "lupani", "luvan", "lupaa", "lupaani", "samtyck*", "permission",
		"medgivande*",
	}},
	{fSubscription, 0, []string{"subscription*", "subscribed", "prenumeration*", "tilaaja*"}},
	{fForbid, 0, []string{"kiell*", "kielt*", "*kielto*", "*kiellon*", "forbid*", "forbjud*", "prohibit*"}},
	{fCall, 0, []string{
		"soitt*", "call", "calls", "calling", "ringa", "ring", "ringer", "uppring*", "telemarket*", "puhelinmyyn*",
		"telefonforsalj*",
	}},
	{fRight, kAccess, []string{
		"tarkastusoikeu*", "tarkastuspyyn*", "tietopyyn*", "tiedonsaantioikeu*", "paasyoikeu*",
		"oikeu* saada paasy", "registerutdrag*", "ratt till tillgang", "insynsratt*", "begaran om tillgang",
		"right of access", "right to access", "access request", "subject access", "subject access request",
		"data subject access request", "dsar", "sar",
		"data access request",
	}},
	{fRight, kErasure, []string{
		"right to erasure", "right to be forgotten", "be forgotten", "tulla unohdetuksi", "bli bortglomd",
		"poistopyyn*",
		"poisto oikeu*", "ratt att bli bortglomd", "ratt till radering", "raderingsbegar*", "raderingsratt*",
		"deletion request", "erasure request", "request for deletion", "request for erasure",
		"begaran om radering",
	}},
	{fRight, kRectification, []string{
		"right to rectification", "oikaisuoikeu*", "oikaisupyyn*", "oikeu* oikaista", "ratt till rattelse",
		"rattelsebegar*", "begaran om rattelse", "rectification request",
	}},
	{fRight, kRestriction, []string{
		"right to restriction", "right to restrict", "oikeu* rajoittaa", "rajoittamisoikeu*",
		"ratt till begransning", "begaran om begransning",
	}},
	{fRight, kPortability, []string{
		"right to data portability", "data portability", "portability", "siirto oikeu*", "tietojen siirto",
		"oikeu* siirtaa", "dataportabilitet*", "portabilitet*", "ratt till dataportabilitet",
	}},
	{fRight, kObjection, []string{
		"right to object", "vastustamisoikeu*", "oikeu* vastustaa", "ratt att invanda", "invandningsratt*",
		"*markkinointikiel*",
	}},
	{fGenericRequest, 0, []string{
		"gdpr request", "gdpr pyynto", "gdpr begaran", "tietosuojapyyn*", "data subject request",
		"data subject rights request", "dsr",
	}},
	{fArticle, 0, []string{"art", "article", "articles", "artikla*", "artikel*"}},
	{fQuestion, 0, []string{
		"how long", "kuinka kauan", "miten kauan", "hur lange", "how do you", "how do i", "miten", "kuinka",
		"hur", "why", "miksi", "varfor", "voinko", "can i", "kan jag", "mihin", "where",
	}},
	{fPrivacy, 0, []string{
		"gdpr", "tietosuoj*", "privacy", "data protection", "dataskydd*", "integritet*", "rekisteriseloste*",
		"edpb",
	}},
	{fFooter, 0, []string{
		"click here", "klikkaa tasta", "klikkaa tata", "klicka har", "view in browser", "view this email",
		"view it in your browser", "nayta selaimessa", "avaa selaimessa", "visa i webblasare",
		"you are receiving this", "you received this", "you have received this", "you are subscribed",
		"saat taman viestin", "olet saanut taman", "du far detta", "du har fatt detta",
		"manage preferences", "manage your preferences", "update your preferences", "email preferences",
		"if you no longer wish", "jos et halua enaa", "om du inte langre vill", "all rights reserved",
		"kaikki oikeudet pidatetaan", "alla rattigheter forbehallna", "this email was sent to",
		"tama viesti lahetettiin", "peruuta tilaus", "peru tilaus", "forward to a friend",
		"unsubscribe from this list",
	}},
	{fFooterCtx, 0, []string{
		"click", "klikkaa", "klikkaamalla", "klicka", "link", "linkki*", "lanken", "any time", "anytime",
		"milloin tahansa", "nar som helst", "you can", "voit", "du kan", "preferences", "tilausasetu*",
		"installningar", "below", "alta", "tasta", "taalta", "here", "you", "dig", "sinut", "itsesi",
	}},
	{fSpam, 0, []string{
		"viagra", "cialis", "casino", "lottery", "jackpot", "bitcoin", "crypto*", "btc",
		"investment opportunity", "you have won", "you ve won", "claim your prize", "prize", "inheritance",
		"beneficiary", "wire transfer", "western union", "seo", "backlinks", "first page of google",
		"dear friend", "weight loss", "loan offer", "risk free", "act now", "limited time offer",
		"make money", "work from home", "hot singles", "million dollars", "congratulations",
	}},
	{fThanks, 0, []string{"thanks", "thank", "thx", "kiitos", "kiitoksia", "kiitti", "tack", "tackar"}},
	{fMoved, 0, []string{
		"new address", "moved", "muutin", "muuttanut", "uusi osoite", "uusi osoitteeni", "ny adress", "nya adress*",
		"flyttat", "flyttade", "flyttar",
	}},
	{fFirst, 0, []string{
		"i", "we", "jag", "vi", "olen", "olin", "minulla", "minulle", "meilla", "meille", "mina", "me",
	}},
	{fSelf, 0, []string{
		// One person: pronouns and the first-person verbs of asking.
		"i", "me", "my", "mine", "myself", "jag", "mig", "mej", "min", "mitt", "mina", "minun", "mun",
		"minulla", "minulle", "minut", "minua", "minusta", "minuun", "mulla", "mulle", "musta", "mua",
		"mut", "itselleni", "olen", "olin", "en", "haluan", "haluaisin", "haluisin", "haluun", "halusin",
		"tahdon", "tahtoisin", "pyydan", "pyytaisin", "vaadin", "vaatisin", "toivon", "toivoisin", "kaytan",
		"kiellan", "kieltaydyn", "peruutan", "perun", "vastustan", "irtisanon", "ilmoitan", "saanko",
		"saisinko", "edellytan",
	}},
	{fWe, 0, []string{
		// A company: first person plural.
		"we", "us", "our", "ours", "ourselves", "vi", "oss", "vart", "me", "meidan", "meilla", "meille",
		"meita", "meihin", "olemme", "olimme",
	}},
	{fCompany, 0, []string{
		"yritys*", "yrityks*", "yhtio*", "firma*", "toiminimi*", "organisaatio*", "konserni*", "foretag*",
		"bolag*", "koncern*", "company", "companies", "organisation*", "organization*", "firm", "oy",
		"oyj", "ab", "ltd", "inc", "gmbh", "llc",
	}},
	{fAll, 0, []string{
		"everything", "all", "anything", "allt", "allting", "alla", "kaikki", "kaiken", "kaikkea",
	}},
	{fDoc, 0, []string{
		"document*", "dokument*", "asiakirj*", "pdf", "screenshot*", "kuvakaappau*", "skarmdump*",
		"spreadsheet*", "taulukko*", "kalkylark*", "drawing*", "piirustu*", "ritning*",
	}},
	{fMistake, 0, []string{
		"by mistake", "by accident", "accidentally", "mistakenly", "in error", "erroneously",
		"wrong recipient", "wrong person", "vahingossa", "erehdyksessa", "erehdyksella", "epahuomiossa",
		"vaaralle vastaanottajalle", "vaaralle henkilolle", "av misstag", "misstag", "oavsiktligt", "rakade",
		"fel mottagare", "fel person",
	}},
	{fVoid, 0, []string{
		"update on", "update about", "an update", "status update", "correct me", "please find", "please see",
		"see attached", "see below", "let me know if", "tell me if",
	}},
}

// lexTok is one word of a pattern.
type lexTok struct {
	s    string
	mode byte     // '=' exact, '*' prefix, '~' contains
	not  []string // prefixes that do not match
}

func (t lexTok) match(w string) bool {
	switch t.mode {
	case '=':
		return w == t.s
	case '*':
		if !strings.HasPrefix(w, t.s) {
			return false
		}
	default:
		if !strings.Contains(w, t.s) {
			return false
		}
	}
	for _, n := range t.not {
		if strings.HasPrefix(w, n) {
			return false
		}
	}
	return true
}

type lexEntry struct {
	toks  []lexTok
	f     lexFeature
	kinds kindSet
}

// lexIndex finds the entries that may start at a word.
type lexIndex struct {
	exact    map[string][]*lexEntry // by the first word
	prefix   map[string][]*lexEntry // by the first three bytes of the first stem (fewer if shorter)
	contains map[string][]*lexEntry // by the first three bytes of the part, looked up at every position
	typo     map[byte][]*lexEntry   // one-word entries of seven bytes or more, by first byte
}

var lexicon = buildLexicon()

func buildLexicon() *lexIndex {
	x := &lexIndex{exact: map[string][]*lexEntry{}, prefix: map[string][]*lexEntry{},
		contains: map[string][]*lexEntry{}, typo: map[byte][]*lexEntry{}}
	for _, g := range lexiconGroups {
		for _, p := range g.pats {
			e := &lexEntry{f: g.f, kinds: g.kinds}
			for _, w := range strings.Fields(foldString(p)) {
				parts := strings.Split(w, "!")
				t := lexTok{s: parts[0], mode: '=', not: parts[1:]}
				switch {
				case len(t.s) > 2 && strings.HasPrefix(t.s, "*") && strings.HasSuffix(t.s, "*"):
					t.s, t.mode = t.s[1:len(t.s)-1], '~'
				case len(t.s) > 1 && strings.HasSuffix(t.s, "*"):
					t.s, t.mode = t.s[:len(t.s)-1], '*'
				}
				e.toks = append(e.toks, t)
			}
			if len(e.toks) == 0 {
				continue
			}
			first := e.toks[0]
			switch first.mode {
			case '=':
				x.exact[first.s] = append(x.exact[first.s], e)
			case '*':
				key := first.s[:min(3, len(first.s))]
				x.prefix[key] = append(x.prefix[key], e)
			default:
				key := first.s[:min(3, len(first.s))]
				x.contains[key] = append(x.contains[key], e)
			}
			if len(e.toks) == 1 && first.mode != '~' && len(first.s) >= 7 {
				x.typo[first.s[0]] = append(x.typo[first.s[0]], e)
			}
		}
	}
	return x
}

// matchAt returns how many words e covers when it starts at token i, or 0.
func (e *lexEntry) matchAt(s *textSegment, i int) int {
	for k, t := range e.toks {
		j := i + k
		if j >= len(s.toks) || s.toks[j].sent != s.toks[i].sent || !t.match(s.toks[j].w) {
			return 0
		}
	}
	return len(e.toks)
}

func (s *textSegment) apply(i int, e *lexEntry, n int) {
	t := &s.toks[i]
	t.feat |= e.f
	t.kinds |= e.kinds
	t.span = max(t.span, n)
}

// annotate marks every token with the features of the entries matching
// there, then applies the Finnish suffix rules and owner words.
func (s *textSegment) annotate() {
	x := lexicon
	sv, fi, en := 0, 0, 0
	for i := range s.toks {
		w := s.toks[i].w
		try := func(list []*lexEntry) {
			for _, e := range list {
				if n := e.matchAt(s, i); n > 0 {
					s.apply(i, e, n)
				}
			}
		}
		try(x.exact[w])
		for n := 1; n <= 3 && n <= len(w); n++ {
			try(x.prefix[w[:n]])
		}
		for j := 0; j+3 <= len(w); j++ {
			if list := x.contains[w[j:j+3]]; list != nil {
				try(list)
			}
		}
		if s.toks[i].feat == 0 && len(w) >= 7 {
			for _, e := range x.typo[w[0]] {
				if typoMatch(e.toks[0], w) {
					s.apply(i, e, 1)
				}
			}
		}
		switch {
		case swedishWords[w]:
			sv++
		case finnishWords[w]:
			fi++
		case englishWords[w]:
			en++
		}
	}
	s.swedish = sv > fi
	s.finnish = fi > sv && fi > en
	for i := range s.toks {
		if t := &s.toks[i]; t.feat&fVoid != 0 {
			for k := i; k < i+t.span && k < len(s.toks); k++ {
				s.toks[k].feat &^= cueFeatures | fAsk | fImp
			}
		}
		if t := &s.toks[i]; t.feat&fPolite != 0 {
			// "if you could delete", "olisin kiitollinen, jos poistaisitte":
			// the "if" asks politely and conditions nothing.
			t.feat |= fAsk
			for k := i; k < i+t.span && k < len(s.toks); k++ {
				s.toks[k].feat &^= fHedge
			}
		}
	}
	for i := range s.toks {
		t := &s.toks[i]
		if s.swedish && t.w == "en" {
			t.feat &^= fNeg | fSelf // the article, not "I don't"
		}
		if t.w == "me" {
			if s.finnish {
				t.feat &^= fMe | fSelf // "me olemme": we
			} else {
				t.feat &^= fWe
			}
		}
		if t.feat&(fHedge|fMention) != 0 && t.feat&fPolite == 0 {
			t.feat &^= fAsk // "please note" is no ask
		}
		finnishForms(t)
	}
	// English and Swedish owners: "my data", "all my personal data", "din adress".
	const owned = fData | fPersonal | fField | fAccount | fConsent | fSubscription
	for i := range s.toks {
		t := &s.toks[i]
		if t.feat&owned == 0 || t.poss != 0 {
			continue
		}
		first := s.sents[t.sent].first
		for k := i - 1; k >= max(first, i-3); k-- {
			if s.toks[k+1].punct {
				break
			}
			if f := s.toks[k].feat; f&fMy != 0 {
				t.poss = 1
				break
			} else if f&fYour != 0 {
				t.poss = 2
				break
			} else if f&fTheir != 0 {
				t.poss = 3
				break
			} else if f&fOur != 0 || f&fCompany != 0 && s.ourCompany(k) || s.toks[k].w == "var" && swedishOur(s, k, i) {
				// "our address", "yrityksemme uusi osoite", "our company's
				// address", "vårt företags adress", "vår nya adress".
				t.poss = 4
				break
			}
		}
	}
}

// ourCompany reports whether the company word at k is the writer's own:
// "yrityksemme", "our company", "vårt företag", "meidän yhtiömme".
func (s *textSegment) ourCompany(k int) bool {
	if s.toks[k].feat&fWe != 0 {
		return true // "yrityksemme", "firmamme"
	}
	for j := k - 1; j >= max(s.sents[s.toks[k].sent].first, k-2); j-- {
		if s.toks[j+1].punct {
			break
		}
		if s.toks[j].feat&(fOur|fWe) != 0 || s.toks[j].w == "var" {
			return true
		}
	}
	return false
}

// swedishOur reports whether "var" at k is "vår" (our) owning token i: right
// before it or before an adjective and it ("vår nya adress"), not "var
// vänlig" (please be kind).
func swedishOur(s *textSegment, k, i int) bool {
	if k == i-1 {
		return true
	}
	switch s.toks[k+1].w {
	case "nya", "gamla", "nuvarande", "ratta", "korrekta", "tidigare":
		return k == i-2
	}
	return false
}

// finnishForms applies what Finnish endings say: "-kaa" is a plural
// imperative (poistakaa, lähettäkää), "-tteko" a polite question
// (voisitteko), and on a data word "-ni"/"-mme" mean mine/ours, "-si"/"-nne"
// yours and "-nsa" someone else's.
func finnishForms(t *wordToken) {
	w := t.w
	switch {
	case len(w) >= 7 && strings.HasSuffix(w, "kaa") && w != "tarkkaa":
		t.feat |= fAsk | fImp
	case len(w) >= 8 && strings.HasSuffix(w, "tteko"), len(w) >= 7 && strings.HasSuffix(w, "isitko"):
		t.feat |= fAsk
	}
	if t.feat&(fData|fPersonal|fField|fAccount|fConsent) == 0 || len(w) < 5 {
		if len(w) >= 6 && strings.HasSuffix(w, "mme") && t.feat&fNeg == 0 {
			t.feat |= fWe // "muutimme", "haluamme": we
		}
		return
	}
	switch {
	case strings.HasSuffix(w, "ni"):
		t.poss = 1
	case strings.HasSuffix(w, "mme"):
		t.poss = 4
	case strings.HasSuffix(w, "nne"), strings.HasSuffix(w, "si"):
		t.poss = 2
	case strings.HasSuffix(w, "nsa"):
		t.poss = 3
	}
}

// swedishWords and finnishWords are common function words, to tell the
// languages apart where a word means different things in them.
var swedishWords = map[string]bool{
	"och": true, "att": true, "jag": true, "det": true, "ar": true, "inte": true, "for": true,
	"med": true, "som": true, "pa": true, "av": true, "till": true, "mig": true, "ni": true, "har": true,
	"vill": true, "mina": true, "om": true, "den": true, "ett": true, "hej": true, "tack": true,
}

var finnishWords = map[string]bool{
	"ja": true, "on": true, "ei": true, "etta": true, "tai": true, "se": true, "olen": true, "ole": true,
	"minun": true, "teidan": true, "kiitos": true, "hei": true, "ovat": true, "voi": true, "haluan": true,
	"pyydan": true, "myos": true, "tama": true, "nyt": true, "mutta": true, "kun": true, "jos": true,
	"olemme": true, "teilla": true, "meilla": true,
}

var englishWords = map[string]bool{
	"the": true, "and": true, "to": true, "of": true, "you": true, "is": true, "i": true, "my": true,
	"please": true, "your": true, "that": true, "this": true, "with": true, "have": true, "we": true,
	"it": true, "are": true, "be": true, "from": true, "would": true, "hi": true, "dear": true,
}

// typoMatch reports whether w is t's word or stem with one typo.
func typoMatch(t lexTok, w string) bool {
	if t.mode == '=' {
		return within1(w, t.s)
	}
	for n := len(t.s) - 1; n <= len(t.s)+1; n++ {
		if n <= len(w) && within1(w[:n], t.s) {
			for _, x := range t.not {
				if strings.HasPrefix(w, x) {
					return false
				}
			}
			return true
		}
	}
	return false
}

// within1 reports whether a and b differ by at most one substitution,
// insertion, deletion or swap of neighbouring letters.
func within1(a, b string) bool {
	if len(a) < len(b) {
		a, b = b, a
	}
	if len(a)-len(b) > 1 {
		return false
	}
	i := 0
	for i < len(b) && a[i] == b[i] {
		i++
	}
	if i == len(b) {
		return true
	}
	if len(a) == len(b) {
		if a[i+1:] == b[i+1:] {
			return true
		}
		return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
	}
	return a[i+1:] == b[i:]
}

// ---- The rules ----------------------------------------------------------------

// cueWindow is how many words on either side of a kind word its ask and
// object may stand, within the sentence.
const cueWindow = 10

// reach bounds every other look along a sentence (a condition's reach, a
// footer's words, a list's lead-in), so that one endless sentence costs no
// more than many short ones.
const reach = 40

// evidenceItem is one piece of evidence for a kind.
type evidenceItem struct {
	kind  int // index into Kinds; -1 for a request of no stated kind
	level int // 1 weak, 2 medium (no explicit ask), 3 strong
	seg   *textSegment
	cue   int    // the token the rule started from
	at    [4]int // tokens to quote; -1 where unused
	note  string
	// listRemoval marks an objection read from "remove me from your
	// mailing list", which is part of an erasure when the mail asks for one.
	listRemoval bool
}

func (it evidenceItem) reason() string {
	where := "text"
	switch it.seg.source {
	case srcSubject:
		where = "subject"
	case srcReplySubject:
		where = "reply subject"
	case srcForwarded:
		where = "forwarded text"
	case srcQuoted:
		where = "quoted text"
	}
	what := "request of no stated kind"
	if it.kind >= 0 {
		what = string(Kinds[it.kind])
	}
	r := where + " " + quoteReason(it.seg.quote(it.at[:]...)) + " → " + what
	if it.note != "" {
		r += " (" + it.note + ")"
	}
	return r
}

// textEvaluator applies the rules to segments and collects evidence.
type textEvaluator struct {
	items   []evidenceItem
	bulk    []string // newsletter footers found while evaluating
	short   bool     // the writer wrote only a few words: a bare "Unsubscribe" is an ask
	company bool     // the mail speaks of a company's own data ("our new address", "olemme muuttaneet")
	checks  []string // why an Other should still be looked at: words that looked like a request but were not
}

// check notes once why an Other deserves a look.
func (e *textEvaluator) check(c cueCtx, what string, at ...int) {
	if c.s.source != srcOwn && c.s.source != srcSubject {
		return
	}
	r := "text " + quoteReason(c.s.quote(append(at, c.i)...)) + " → " + what
	if !slices.Contains(e.checks, r) && len(e.checks) < 3 {
		e.checks = append(e.checks, r)
	}
}

// cueCtx is a kind word and the stretch of its sentence its support may
// come from.
type cueCtx struct {
	s      *textSegment
	i      int
	lo, hi int
}

func (s *textSegment) cue(i int) cueCtx {
	se := s.sents[s.toks[i].sent]
	return cueCtx{s: s, i: i, lo: max(se.first, i-cueWindow), hi: min(se.last, i+cueWindow)}
}

// nearest returns the token in [lo, hi], clipped to the window, nearest to
// the cue for which ok holds, or -1.
func (c cueCtx) nearest(lo, hi int, ok func(k int) bool) int {
	lo, hi = max(lo, c.lo), min(hi, c.hi)
	for d := 0; c.i-d >= lo || c.i+d <= hi; d++ {
		if k := c.i - d; k >= lo && k <= hi && ok(k) {
			return k
		}
		if k := c.i + d; d > 0 && k >= lo && k <= hi && ok(k) {
			return k
		}
	}
	return -1
}

// find returns the token in [lo, hi] nearest to the cue that has any of f.
func (c cueCtx) find(f lexFeature, lo, hi int) int {
	return c.nearest(lo, hi, func(k int) bool { return c.s.toks[k].feat&f != 0 })
}

// near returns the token in the window nearest to the cue that has any of f.
func (c cueCtx) near(f lexFeature) int { return c.find(f, c.lo, c.hi) }

// sentHas reports whether the cue's sentence has a token with any of f,
// within reach of the cue.
func (c cueCtx) sentHas(f lexFeature) bool { return c.s.sentHas(c.i, f) }

// ask returns the token that carries the writer's ask near the cue: a word
// of asking, or an imperative opening a clause; for a list item, from the
// sentence introducing the list. It returns -1 when there is none.
func (c cueCtx) ask() int {
	s := c.s
	isAsk := func(k int) bool {
		f := s.toks[k].feat
		return f&fAsk != 0 || f&fImp != 0 && s.opensClause(k)
	}
	// A word of asking first ("please delete", "please stop … and
	// erase"), then the cue as an imperative, then any imperative.
	if k := c.nearest(c.lo, c.hi, func(k int) bool { return s.toks[k].feat&fAsk != 0 }); k >= 0 {
		return k
	}
	if isAsk(c.i) {
		return c.i
	}
	if k := c.nearest(c.lo, c.hi, isAsk); k >= 0 {
		return k
	}
	if lead := s.sents[s.toks[c.i].sent].lead; lead >= 0 {
		se := s.sents[lead]
		for k := max(se.first, se.last-reach); k <= se.last; k++ {
			if isAsk(k) {
				return k
			}
		}
	}
	return -1
}

// opensClause reports whether token k starts its sentence or clause, but for
// greetings, conjunctions and words of asking before it.
func (s *textSegment) opensClause(k int) bool {
	first := max(s.sents[s.toks[k].sent].first, k-cueWindow)
	for j := k; j > first; j-- {
		if s.toks[j].punct {
			return true
		}
		if s.toks[j-1].feat&(fGreeting|fConj|fAsk) == 0 {
			return false
		}
	}
	return true
}

// negated reports whether a negation stands at most four words before token
// i, or "stop" just before it ("stop sending"), with no comma or
// conjunction between.
func (s *textSegment) negated(i int) bool {
	first := s.sents[s.toks[i].sent].first
	for k := i - 1; k >= max(first, i-4); k-- {
		if s.toks[k+1].punct || s.toks[k].feat&fConj != 0 {
			return false
		}
		if f := s.toks[k].feat; f&fNeg != 0 || f&fStop != 0 && k >= i-2 {
			return true
		}
	}
	return false
}

// ownReport reports whether the cue at i tells of something the writer or
// their company has done ("I have deleted them", "we deleted the test
// files", "poistin ne", "olemme selvittäneet", "jag har raderat dem"): a
// report, not an ask.
func (s *textSegment) ownReport(i int) bool {
	w := s.toks[i].w
	if !s.swedish && finnishFirstPast(w) {
		return true
	}
	if !pastForm(w) {
		return false
	}
	first := s.sents[s.toks[i].sent].first
	for k := i - 1; k >= max(first, i-4); k-- {
		if s.toks[k+1].punct {
			return false
		}
		switch w := s.toks[k].w; w {
		case "i", "we", "jag", "vi", "olen", "olemme", "olin", "olimme", "mina":
			return true
		case "me":
			return s.finnish
		case "have", "had", "ve", "d", "already", "just", "now", "also", "all", "har", "hade", "redan",
			"nu", "ocksa", "aven", "jo", "juuri", "nyt", "myos", "itse", "sjalv", "myself", "ourselves":
		default:
			return false
		}
	}
	return false
}

// pastErasure reports whether the erasure word at the cue is a past tense or
// perfect form ("deleted", "have removed", "poistin", "olen poistanut",
// "on poistettu", "raderade", "har raderat") in a statement: a report of
// what was done, not an ask. The passive infinitive ("should be deleted"),
// a question ("have you deleted my data?") and what the reader did ("you
// deleted my account") are not reports by the writer.
func (c cueCtx) pastErasure() bool {
	s := c.s
	w := s.toks[c.i].w
	if !pastForm(w) && !(finnishFirstPast(w) && !s.swedish) && !strings.HasSuffix(w, "ttiin") {
		return false
	}
	if s.sents[s.toks[c.i].sent].question {
		return false
	}
	first := s.sents[s.toks[c.i].sent].first
	for k := c.i - 1; k >= max(first, c.i-6); k-- {
		switch s.toks[k].w {
		case "be", "get", "bli", "tulla":
			return k < c.i-2 // "should be deleted", "must get removed"
		case "you", "ni", "te", "du", "olette", "ette", "sina":
			return false // "you deleted my account": the reader's doing
		}
		if s.toks[k+1].punct {
			break
		}
	}
	return true
}

// finnishFirstPast reports whether w is a Finnish verb in the first person
// past: "poistin", "poistimme", "tarkistin" (not the conditional
// "poistaisin").
func finnishFirstPast(w string) bool {
	switch {
	case len(w) >= 7 && strings.HasSuffix(w, "imme"):
		return !strings.HasSuffix(w, "isimme")
	case len(w) >= 6 && strings.HasSuffix(w, "in"):
		// Not "poistaisin" (I would), "poistettaisiin" or "poistettiin"
		// (passive), nor English "obtain", "explain".
		return !strings.HasSuffix(w, "isin") && !strings.HasSuffix(w, "iin") && !strings.HasSuffix(w, "ain")
	}
	return false
}

// pastForm reports whether w looks like a past tense or participle:
// "deleted", "sent", "raderat", "raderade", "poistanut", "selvittäneet".
func pastForm(w string) bool {
	switch w {
	case "sent", "gave", "given", "told", "done", "seen", "saw", "taken", "took", "tog", "tagit", "gav", "gett":
		return true
	}
	if len(w) < 5 {
		return false
	}
	for _, suf := range []string{"ed", "ade", "at", "it", "nut", "nyt", "neet", "ttu", "tty"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// confirmsAction reports whether an access word asks to confirm or be told
// of another action on the data ("please confirm that you have deleted my
// data", "vahvistakaa tietojeni poisto", "let me know when my data has been
// deleted"): that is part of the action, not access. The action stands
// between the word and its object k, or just after the object.
func (c cueCtx) confirmsAction(k int) bool {
	const action = fErase | fCorrect | fRestrict | fObject | fWithdraw | fForbid | fOptOut | fTransfer | fDest
	s := c.s
	end := c.hi
	if k > c.i {
		end = min(c.hi, k+s.toks[k].span+2) // "my personal details have been erased"
	}
	for j := c.i + 1; j <= end; j++ {
		t := &s.toks[j]
		if k > c.i && j > k && (t.punct || t.feat&fConj != 0) || k <= c.i && t.feat&fConj != 0 {
			return false // "tietojeni tarkastus ja poisto": two asks
		}
		switch {
		case t.feat&(fCopy|fSource) != 0, t.feat&fWhat != 0 && !yesNo(t.w):
			return false // "tell me what data you hold … and delete it"
		case t.feat&action != 0:
			return true
		}
	}
	return false
}

// yesNo reports whether a question word asks only whether: "whether",
// "onko", "huruvida", "om".
func yesNo(w string) bool {
	return w == "whether" || w == "onko" || w == "huruvida" || w == "om"
}

// nonDataObject returns a word near an erasure cue naming a thing sent
// rather than personal data: an attachment, a document, a copy, an invoice
// ("please delete the attachment I sent by mistake"), or -1. A word that
// only qualifies a datum ("email address") does not count.
func (c cueCtx) nonDataObject() int {
	s := c.s
	const data = fData | fPersonal | fField | fAccount
	return c.nearest(c.i-3, c.hi, func(k int) bool {
		f := s.toks[k].feat
		if f&(fMailObj|fDoc|fBusiness|fCopy) == 0 || f&data != 0 {
			return false
		}
		return k+1 >= len(s.toks) || s.toks[k+1].sent != s.toks[k].sent || s.toks[k+1].punct ||
			s.toks[k+1].feat&data == 0
	})
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// aroundHas reports whether the cue's sentence or the one before has a word
// with any of f, within reach of the cue.
func (c cueCtx) aroundHas(f lexFeature) bool {
	s := c.s
	sent := s.toks[c.i].sent
	for k := max(s.sents[max(0, sent-1)].first, c.i-reach); k <= min(s.sents[sent].last, c.i+reach); k++ {
		if s.toks[k].feat&f != 0 {
			return true
		}
	}
	return false
}

// hedged reports whether token i stands in the reach of a condition ("if",
// "jos", "ifall"), which ends at a comma or a word of asking, or of a
// reminder ("I remind you of my rights", "please note"), which lasts to the
// end of the sentence.
func (s *textSegment) hedged(i int) bool {
	first := max(s.sents[s.toks[i].sent].first, i-reach)
	inReach := true
	for k := i; k >= first; k-- {
		f := s.toks[k].feat
		if f&fMention != 0 || f&fHedge != 0 && inReach {
			return true
		}
		if f&fAsk != 0 || s.toks[k].punct {
			inReach = false
		}
	}
	return false
}

// object returns the strongest object with any of the features in mask near
// the cue, and its strength: 2 when it is the writer's (tietoni, my data,
// personal data, data about me), 1 for a bare data word, 0 for none or the
// reader's own ("your data"). A customer-service word nearby takes a bare
// data word's strength away ("send the order details").
func (c cueCtx) object(mask lexFeature) (int, int) {
	return c.objectIn(mask, c.lo, c.hi, true)
}

// objectIn is object over [lo, hi]; unless personal is set, a word such as
// "personal data" counts as the writer's only when owned by them. With a
// data word in mask, "everything" about the writer counts as their data
// ("skicka allt ni har om mig", "kaikki mitä teillä on minusta"). A
// business word never takes the strength of the writer's own data away.
func (c cueCtx) objectIn(mask lexFeature, lo, hi int, personal bool) (int, int) {
	return c.objectSkip(mask, 0, lo, hi, personal)
}

// objectExcept is object, but words with any of skip are not objects: the
// list in "poistakaa tietoni markkinointirekisteristä" is where from.
func (c cueCtx) objectExcept(mask, skip lexFeature) (int, int) {
	return c.objectSkip(mask, skip, c.lo, c.hi, true)
}

func (c cueCtx) objectSkip(mask, skip lexFeature, lo, hi int, personal bool) (int, int) {
	s := c.s
	me := c.me()
	business := c.near(fBusiness) >= 0
	best, at, all := 0, -1, -1
	c.nearest(lo, hi, func(k int) bool {
		t := &s.toks[k]
		if t.feat&mask == 0 || t.feat&skip != 0 {
			if t.feat&fAll != 0 && mask&fData != 0 && me >= 0 && all < 0 {
				all = k
			}
			return false
		}
		st := 1
		switch {
		case t.poss == 2 && t.feat&fAccount != 0: // "rekisteristänne": the company's register
		case t.poss == 2:
			st = 0
		case t.poss == 4 && business: // "päivittäkää laskutusosoitteemme": a customer-service matter
			st = 0
		case t.poss == 4: // "asiakastietoihimme": the company's own
		case t.poss == 1, personal && t.feat&fPersonal != 0, me >= 0:
			st = 2
		case t.poss == 3: // "hänen tietojensa": on someone's behalf
		case business:
			st = 0
		}
		if st > best {
			best, at = st, k
		}
		return false
	})
	if best < 2 && all >= 0 {
		return all, 2
	}
	return at, best
}

// me returns the word in the window that makes the writer the data's
// subject ("about me", "minusta", "om mig"), or -1: "send me" and "tell me"
// name a recipient.
func (c cueCtx) me() int {
	s := c.s
	return c.nearest(c.lo, c.hi, func(k int) bool {
		return s.toks[k].feat&fMe != 0 && (k == 0 || s.toks[k-1].feat&(fSend|fTell) == 0)
	})
}

// pronounObject returns a pronoun just after the cue ("poistakaa ne",
// "delete it", "rätta den") when its sentence or the one before names data
// of the writer's, or -1. A datum of an order or delivery ("the delivery
// address", "leveransadressen", "toimitusosoite") is no such data unless
// the writer calls it theirs.
func (c cueCtx) pronounObject() int {
	p := c.find(fPronoun, c.i+1, c.i+3)
	if p < 0 {
		return -1
	}
	s := c.s
	sent := s.toks[c.i].sent
	for k := max(s.sents[max(0, sent-1)].first, c.i-reach); k <= min(s.sents[sent].last, c.i+reach); k++ {
		t := &s.toks[k]
		if t.feat&(fData|fPersonal|fField|fAccount) == 0 || t.poss == 2 {
			continue
		}
		if t.poss != 1 && (t.feat&fBusiness != 0 || k > 0 && s.toks[k-1].feat&fBusiness != 0 ||
			s.sentHas(k, fBusiness)) {
			// "leveransadressen för min beställning … kan ni ändra det?":
			// the address of a delivery, not the writer's own details.
			continue
		}
		return p
	}
	return -1
}

// grade turns an ask and an object's strength into a level: an ask with any
// object is strong; the writer's own data without an ask is medium; a bare
// data word alone is weak.
func grade(ask, st int) int {
	if ask >= 0 && st > 0 {
		return 3
	}
	return st
}

// add records evidence, weakened by a condition around the cue and by
// where the text came from.
func (e *textEvaluator) add(c cueCtx, kind, level int, note string, at ...int) {
	s := c.s
	if level > 1 && s.hedged(c.i) {
		level, note = 1, "conditional or reminder"
	}
	switch s.source {
	case srcReplySubject, srcQuoted:
		level = min(level, 1)
	case srcForwarded:
		level = min(level, 2)
	}
	if level <= 0 {
		return
	}
	if note == "" {
		switch level {
		case 1:
			note = "weak"
		case 2:
			note = "no explicit ask"
		}
	}
	it := evidenceItem{kind: kind, level: level, seg: s, cue: c.i, at: [4]int{-1, -1, -1, -1}, note: note}
	n := 0
	for _, k := range at {
		if k >= 0 && n < len(it.at) {
			it.at[n] = k
			n++
		}
	}
	if n == 0 {
		it.at[0] = c.i
	} else if n < len(it.at) && !slices.Contains(it.at[:n], c.i) {
		it.at[n] = c.i
	}
	e.items = append(e.items, it)
}

// footer reports whether the cue's sentence reads like a newsletter's
// footer ("click here to unsubscribe", "voit perua tilauksen linkistä"):
// words of its context and nothing in the first person. It notes the
// footer as bulk evidence.
func (e *textEvaluator) footer(c cueCtx) bool {
	if !c.sentHas(fFooterCtx) || c.sentHas(fFirst|fMe|fMy) {
		return false
	}
	if src := c.s.source; src == srcOwn || src == srcSubject {
		e.bulk = append(e.bulk, "text "+quoteReason(c.s.quote(c.i))+" in a newsletter footer → bulk")
	}
	return true
}

// evaluate runs every rule whose cue occurs in s.
func (e *textEvaluator) evaluate(s *textSegment) {
	for i := range s.toks {
		f := s.toks[i].feat
		if f&cueFeatures == 0 {
			continue
		}
		c := s.cue(i)
		if f&fErase != 0 {
			e.erasure(c)
		}
		if f&(fCopy|fSee|fSend|fTell) != 0 {
			e.access(c, f)
		}
		if f&fWhat != 0 {
			e.what(c)
		}
		if f&(fCorrect|fWrong|fMoved) != 0 {
			e.rectification(c, f)
		}
		if f&fRestrict != 0 {
			e.restriction(c)
		}
		if f&(fFormat|fTransfer|fDest|fFile) != 0 {
			e.portability(c, f)
		}
		if f&fOptOut != 0 {
			e.optOut(c)
		}
		if f&fStop != 0 {
			e.stop(c)
		}
		if f&fObject != 0 {
			e.objectTo(c)
		}
		if f&fWithdraw != 0 {
			e.withdraw(c)
		}
		if f&fForbid != 0 {
			e.forbid(c)
		}
		if f&(fMarketing|fCall|fMailObj) != 0 {
			e.notWanted(c)
		}
		if f&fRight != 0 {
			e.right(c)
		}
		if f&fArticle != 0 {
			e.article(c)
		}
		if f&fGenericRequest != 0 {
			e.generic(c)
		}
	}
}

// erasure: "poistakaa tietoni", "please delete my data", "radera mina
// uppgifter", "forget me", "ta bort mig". Removing the writer from a mailing
// list ("poistakaa minut postituslistalta") is an objection instead, unless
// the mail also asks to erase their data.
//
// The object must be the writer's data, account or details, or the writer
// ("remove me"): an attachment, a document or an invoice copy sent by
// mistake is tidying up, not erasure, and "poistin ne" (I deleted them)
// reports, it does not ask. The writer's data erased from a marketing list
// too ("poistakaa tietoni myös markkinointirekisteristä") is erasure alone.
func (e *textEvaluator) erasure(c cueCtx) {
	if c.s.negated(c.i) || c.s.ownReport(c.i) {
		return
	}
	ask := c.ask()
	if list := c.find(fMarketing, c.i+1, c.i+6); list >= 0 {
		if k, st := c.objectExcept(fData|fPersonal|fAccount, fMarketing); st > 0 {
			e.add(c, ixErasure, grade(ask, st), "", ask, k, list)
			return
		}
		lvl := 1
		if ask >= 0 {
			lvl = 3
		} else if c.near(fMe|fMy) >= 0 {
			lvl = 2
		}
		n := len(e.items)
		e.add(c, ixObjection, lvl, "", ask, list)
		if len(e.items) > n {
			e.items[n].listRemoval = true
		}
		return
	}
	if ask < 0 && c.pastErasure() {
		return // "deleted them after testing", "har raderat dem": a report
	}
	k, st := c.object(fData | fPersonal | fAccount | fField)
	if st == 0 {
		if m := c.find(fMe, c.i-2, c.i+3); m >= 0 {
			if list := c.find(fMarketing, c.i-6, c.i-1); list >= 0 {
				// "Objection to direct marketing - please remove me".
				e.add(c, ixObjection, grade(ask, 2), "", ask, list, m)
				return
			}
			k, st = m, 2
		} else if m := c.pronounObject(); m >= 0 {
			k, st = m, 1
		}
	}
	doc := c.nonDataObject()
	switch {
	case st == 0 && (doc >= 0 || c.aroundHas(fMistake|fDoc|fMailObj|fBusiness)),
		st == 1 && (doc >= 0 && abs(doc-c.i) < abs(k-c.i) || c.aroundHas(fMistake)),
		st == 2 && doc > c.i && doc < k && c.find(fConj, doc, k) < 0:
		// "please delete the attachment I sent by mistake", "poistakaa
		// lasku", "delete the document with my details".
		if ask >= 0 && !c.aroundHas(fBusiness) && (doc >= 0 || c.aroundHas(fMistake|fDoc|fMailObj)) {
			e.check(c, "a document to delete, not the writer's personal data", doc)
		}
		return
	case st == 0:
		// "pyydän poistoa": an ask to delete, object unsaid.
		if ask >= 0 {
			e.add(c, ixErasure, 1, "object not named", ask)
		}
		return
	}
	e.add(c, ixErasure, grade(ask, st), "", ask, k)
}

// access: "send me a copy of my data", "haluan tietää, mitä tietoja minusta
// on", "jag vill ta del av mina uppgifter", "kertokaa, mistä saitte
// osoitteeni". A copy in a machine-readable format is portability.
//
// Asking to confirm or be told of another action ("please confirm that you
// have deleted my data", "vahvistakaa poisto") is part of that action, and
// "we have checked" or "olemme selvittäneet" report rather than ask.
func (e *textEvaluator) access(c cueCtx, f lexFeature) {
	s := c.s
	if s.negated(c.i) || s.ownReport(c.i) {
		return
	}
	if f&(fSee|fTell) == 0 && c.sentHas(fFormat|fDest) {
		return // a copy to keep or move elsewhere: portability
	}
	if f&fCopy != 0 && c.find(fErase, c.i-3, c.i-1) >= 0 {
		return // "poistakaa lähettämäni kopio": a copy to delete
	}
	ask := c.ask()
	// What is to be seen, sent or copied follows the verb ("send me my
	// data", "kopio henkilökortistani") or stands just before it
	// ("tietojeni tarkastus"); data further back is another clause's
	// ("poistakaa henkilötiedot ja ilmoittakaa, kun poisto on tehty").
	k, st := c.objectIn(fData|fPersonal, c.i-2, c.hi, true)
	if f&(fSee|fTell|fSend) != 0 && c.confirmsAction(k) {
		return
	}
	onlySource := false
	if st < 2 && f&(fTell|fSee) != 0 {
		if src := c.near(fSource); src >= 0 && c.near(fBusiness) < 0 {
			// "kertokaa, mistä saitte osoitteeni", "tell me how long":
			// details of access, but alone they may be about an erasure.
			k, st, onlySource = src, 2, true
		}
	}
	lvl := 0
	switch {
	case onlySource:
		lvl = 1
	case st == 2:
		lvl = grade(ask, st)
	case f&fCopy != 0 && st == 1:
		lvl = grade(ask, st)
	case f&fCopy != 0 && ask >= 0 && c.near(fBusiness|fMailObj|fDoc) < 0 && !c.aroundHas(fMistake):
		lvl = 1
	}
	if lvl > 0 {
		e.add(c, ixAccess, lvl, "", ask, k)
	}
}

// what: "what data do you hold about me", "mitä tietoja minusta on
// tallennettu", "vilka uppgifter har ni om mig".
func (e *textEvaluator) what(c cueCtx) {
	if c.sentHas(cueFeatures &^ (fWhat | fSee | fSend | fTell | fCopy | fMarketing | fMailObj | fFile | fDest)) {
		return // "restrict … while you check which": another kind's sentence
	}
	if c.i > 0 && c.s.toks[c.i-1].feat&fAll != 0 && c.sentHas(fDest) {
		return // "lähettäkää kaikki mitä … toiseen palveluun": what to move, for portability
	}
	k, st := c.objectIn(fData|fPersonal, c.lo, c.hi, false)
	if st < 2 {
		// "What do you have on me", "vad har ni om mig": the question word
		// is the object.
		if m := c.me(); m >= 0 {
			k, st = m, 2
		}
	}
	if st < 2 {
		return // "what personal data do you collect": a question about the notice
	}
	ask := c.ask()
	e.add(c, ixAccess, grade(ask, st), "", ask, k)
}

// rectification: "korjatkaa osoitteeni", "please update my address", "min
// adress är felaktig", "I have moved, my new address is".
func (e *textEvaluator) rectification(c cueCtx, f lexFeature) {
	if f&fCorrect != 0 && f&(fWrong|fMoved) == 0 && c.s.negated(c.i) {
		return
	}
	mask := fField | fData | fPersonal
	switch {
	case f&fCorrect != 0:
		mask |= fAccount // "update your records", "päivittäkää rekisterinne"
	case f&fWrong == 0:
		mask = fField // having moved says nothing about other data
	}
	k, st := c.object(mask)
	if st == 0 && f&fCorrect != 0 {
		if m := c.pronounObject(); m >= 0 {
			k, st = m, 1 // "Sukunimeni on väärin. Korjatkaa se."
		}
	}
	ask := c.ask()
	if st < 2 && (e.company || c.companyNear()) {
		// "Päivittäkää osoite asiakastietoihimme", "our company's new
		// address": a business customer's data, not a person's.
		if k >= 0 && ask >= 0 || e.company {
			e.check(c, "a company's own data (first person plural)", k)
		}
		return
	}
	if st == 0 {
		// "Please correct.": counts only beside other evidence of a correction.
		if f&fCorrect != 0 && ask >= 0 && c.near(fBusiness|fMailObj) < 0 {
			e.add(c, ixRectification, 1, supportNote, ask)
		}
		return
	}
	e.add(c, ixRectification, grade(ask, st), "", ask, k)
}

// restriction: "rajoittakaa tietojeni käsittelyä", "restrict the processing
// of my data", "begränsa behandlingen".
func (e *textEvaluator) restriction(c cueCtx) {
	if c.s.negated(c.i) {
		return
	}
	k, st := c.object(fData | fPersonal)
	if st == 0 {
		k, st = c.pronounObject(), 1
		if k < 0 {
			st = 0
		}
	}
	if p := c.near(fProcessing); p >= 0 {
		if st == 0 {
			k = p
		}
		st = min(2, st+1)
	}
	if st == 0 {
		return
	}
	ask := c.ask()
	e.add(c, ixRestriction, grade(ask, st), "", ask, k)
}

// portability: "send my data as CSV", "koneluettavassa muodossa", "transfer
// my data to another provider", "överför mina uppgifter".
//
// The writer asks to receive their own data in a machine-readable format
// (CSV, "koneluettava", "maskinläsbart"), in a file they will take elsewhere
// ("in a file I can upload elsewhere", "tiedostona, jonka voin viedä
// toiseen palveluun"), or to have it moved to another controller. A file,
// e-mail or electronic form alone ("toivoisin tiedot sähköpostitse", "send
// it as a file") only says how to deliver an access copy. A question or statement about the
// company's transfers ("do you transfer personal data to other
// countries?", "siirretäänkö tietoja EU:n ulkopuolelle", "tietoja voidaan
// siirtää") is about the privacy notice, not portability.
func (e *textEvaluator) portability(c cueCtx, f lexFeature) {
	s := c.s
	if s.negated(c.i) || s.ownReport(c.i) {
		return
	}
	elsewhere := c.sentHas(fDest)
	if f&(fFormat|fTransfer|fDest) == 0 && !elsewhere {
		return // "tiedot sähköpostitse tiedostona": how to deliver an access copy
	}
	ask := c.ask()
	if f&fFormat != 0 || f&fFile != 0 && elsewhere {
		k, st := c.object(fData | fPersonal)
		if st == 0 {
			if v := c.near(fSend | fCopy); v >= 0 && c.near(fBusiness) < 0 {
				k, st = v, 1
			} else if f&fFile != 0 && c.near(fBusiness) < 0 {
				// "vill ha det som en fil som jag kan ta med till en annan
				// leverantör", "could I get it in a file I can upload
				// elsewhere", "see what you have on me, in a file …".
				if v := c.nearest(c.lo, c.hi, func(k int) bool {
					w := s.toks[k].w
					return s.toks[k].feat&(fSee|fPronoun|fAll|fMe) != 0 || w == "get" || w == "ha"
				}); v >= 0 {
					k, st = v, 1
				}
			}
		}
		if st == 2 || st == 1 && ask >= 0 {
			e.add(c, ixPortability, grade(ask, st), "", ask, k)
		}
		return
	}
	if c.sentHas(fAbroad) {
		return
	}
	canI := false // "can I export my data?": the writer wants to, but asks whether
	if q := c.find(fQuestion, c.lo, c.i-1); q >= 0 {
		switch s.toks[q].w {
		case "can", "voinko", "kan":
			canI = true
		}
	}
	if !canI && c.indirectQuestion() {
		return
	}
	if f&fTransfer == 0 && c.near(fTransfer|fSend|fCopy) < 0 {
		return // "to another" without anything moved
	}
	k, st := c.objectIn(fData|fPersonal, c.lo, c.hi, false)
	if st < 2 {
		return // "tietoja voidaan siirtää": not the writer's own
	}
	dest := c.i
	if f&fDest == 0 {
		dest = c.near(fDest | fFormat)
	}
	lvl := 0
	switch {
	case canI:
		lvl = 1
	case ask >= 0 && dest >= 0:
		lvl = 3
	case ask >= 0:
		lvl = 1 // "haluan siirtää tietoni": where to, unsaid
	case dest >= 0 && !s.sents[s.toks[c.i].sent].question:
		lvl = 2
	}
	if lvl > 0 {
		e.add(c, ixPortability, lvl, "", ask, k, dest)
	}
}

// indirectQuestion reports whether the cue asks or tells whether something
// happens rather than asking for it: a Finnish question form
// ("siirretäänkö", "siirrättekö"), a question word before it ("whether you
// transfer", "how do you transfer", "huruvida ni överför"), or a question
// with no ask ("do you transfer my data to other companies?").
func (c cueCtx) indirectQuestion() bool {
	s := c.s
	if w := s.toks[c.i].w; len(w) > 4 && strings.HasSuffix(w, "ko") {
		return true
	}
	if c.find(fWhat|fQuestion, c.lo, c.i-1) >= 0 {
		return true
	}
	return s.sents[s.toks[c.i].sent].question && c.ask() < 0
}

// companyNear reports whether the cue's window speaks of a company's own
// data: a word of the company or the first person plural.
func (c cueCtx) companyNear() bool {
	s := c.s
	return c.nearest(c.lo, c.hi, func(k int) bool {
		t := &s.toks[k]
		return t.feat&fWe != 0 || t.poss == 4
	}) >= 0
}

// companyData reports whether a segment speaks of a company's own data as
// its writer's: "our new address", "yrityksemme osoite", "osoitteemme",
// "we have moved", "olemme muuttaneet", "vi har flyttat".
func companyData(s *textSegment) bool {
	for i := range s.toks {
		t := &s.toks[i]
		if t.poss == 4 && t.feat&(fField|fData|fPersonal|fAccount) != 0 {
			return true
		}
		if t.feat&fMoved != 0 {
			first := s.sents[t.sent].first
			for k := i; k >= max(first, i-3); k-- {
				if s.toks[k].feat&fWe != 0 {
					return true
				}
			}
		}
	}
	return false
}

// optOut: "unsubscribe", "avregistrera mig", "opt out" — unless it is the
// newsletter's own footer.
func (e *textEvaluator) optOut(c cueCtx) {
	if c.s.negated(c.i) || e.footer(c) {
		return
	}
	ask := c.ask()
	lvl := 1
	switch {
	case ask >= 0, c.find(fMe, c.i+1, c.i+2) >= 0, e.short:
		lvl = 3
	case c.near(fMy|fMe|fFirst) >= 0:
		lvl = 2
	}
	n := len(e.items)
	e.add(c, ixObjection, lvl, "", ask, c.i)
	if len(e.items) > n && c.s.toks[c.i].feat&fErase != 0 {
		e.items[n].listRemoval = true // "take me off your list": a removal, not a ban
	}
}

// stop: "stop sending me marketing", "lopettakaa mainosten lähettäminen",
// "sluta skicka reklam", "no more newsletters".
func (e *textEvaluator) stop(c cueCtx) {
	obj := c.find(fMarketing|fMailObj|fCall, c.i, c.i+8)
	if obj < 0 && c.near(fBusiness) < 0 {
		obj = c.find(fSend, c.i+1, c.i+2) // "stop sending these", "sluta skicka"
	}
	if obj < 0 {
		obj = c.anaphoricMarketing()
	}
	if obj < 0 || e.footer(c) {
		return
	}
	ask := c.ask()
	lvl := grade(ask, 2)
	if c.s.toks[obj].feat&(fMarketing|fCall) == 0 && ask < 0 {
		lvl = 1
	}
	e.add(c, ixObjection, lvl, "", ask, obj)
}

// anaphoricMarketing returns the marketing word an anaphoric purpose
// refers to, or -1: "stop using my data for such purposes", "lopettakaa
// tietojeni käyttö tähän tarkoitukseen", "sluta använda mina uppgifter för
// detta", where one of the two sentences before names marketing, market
// research, surveys or profiling. The use must follow the cue.
func (c cueCtx) anaphoricMarketing() int {
	s := c.s
	use := c.find(fProcessing, c.i, c.i+3)
	if use < 0 {
		return -1
	}
	ref := -1
	for k := use + 1; k <= min(c.hi, use+6) && ref < 0; k++ {
		switch s.toks[k].w {
		case "tahan", "siihen", "tallaiseen", "tallaisiin", "niihin", "naihin", "tuohon":
			ref = k // Finnish illative: "tähän (tarkoitukseen)"
		case "such", "that", "this", "these", "those", "detta", "det", "dessa", "sadant", "sadana", "sana", "sant":
			switch s.toks[k-1].w {
			case "for", "to", "till", "i", "pa":
				ref = k // "for such purposes", "för detta"
			}
		}
	}
	if ref < 0 {
		return -1
	}
	sent := s.toks[c.i].sent
	if sent == 0 {
		return -1
	}
	for k := s.sents[sent].first - 1; k >= s.sents[max(0, sent-2)].first; k-- {
		if s.toks[k].feat&fMarketing != 0 {
			return k
		}
	}
	return -1
}

// objectTo: "I object to the processing of my data", "vastustan tietojeni
// käyttöä markkinointiin", "jag invänder mot".
func (e *textEvaluator) objectTo(c cueCtx) {
	if c.s.negated(c.i) {
		return
	}
	k, st := c.object(fData | fPersonal)
	if m := c.near(fMarketing | fProcessing); m >= 0 && st < 2 {
		k, st = m, 2
	}
	if st == 0 {
		return
	}
	ask := c.ask()
	e.add(c, ixObjection, grade(ask, st), "", ask, k)
}

// withdraw: "peruutan suostumukseni", "I withdraw my consent to marketing",
// "avsluta prenumerationen", "cancel my newsletter subscription".
func (e *textEvaluator) withdraw(c cueCtx) {
	if c.s.negated(c.i) {
		return
	}
	obj := c.near(fConsent | fSubscription | fMarketing)
	if obj < 0 || e.footer(c) {
		return
	}
	if c.near(fSubscription|fMarketing) < 0 {
		// "I withdraw any consent": Art. 7(3), no objection to marketing.
		e.add(c, ixObjection, 1, "consent withdrawn, no marketing named", c.ask(), obj)
		return
	}
	st := 1
	if c.s.toks[obj].poss == 1 || c.near(fMy|fFirst) >= 0 {
		st = 2
	}
	ask := c.ask()
	e.add(c, ixObjection, grade(ask, st), "", ask, obj)
}

// forbid: "kiellän suoramarkkinoinnin", "suoramarkkinointikielto", "jag
// förbjuder".
func (e *textEvaluator) forbid(c cueCtx) {
	k, st := c.object(fData | fPersonal)
	if m := c.near(fMarketing); m >= 0 {
		k, st = m, 2
	}
	if st == 0 || c.s.negated(c.i) {
		return
	}
	ask := c.ask()
	e.add(c, ixObjection, grade(ask, st), "", ask, k)
}

// notWanted: marketing or calls after a negation in the writer's voice: "en
// halua markkinointia", "älkää lähettäkö mainoksia", "jag vill inte ha
// reklam", "do not send me newsletters", "please don't call me". A
// company's "we never send marketing" is not one.
func (e *textEvaluator) notWanted(c cueCtx) {
	s := c.s
	first := s.sents[s.toks[c.i].sent].first
	neg := -1
	for k := c.i - 1; k >= max(first, c.i-cueWindow); k-- {
		if s.toks[k].feat&fConj != 0 {
			break
		}
		if s.toks[k].feat&fNeg != 0 {
			neg = k
			break
		}
	}
	if neg < 0 || e.footer(c) {
		return
	}
	verb := c.find(fAsk|fImp|fSend|fCall|fProcessing, c.lo, c.i-1)
	if a := c.find(fAsk, neg, c.i-1); a >= 0 && (verb < 0 || s.toks[verb].feat&fAsk == 0) {
		// "I do not want to take part in market research": the ask, not
		// the verb after it, is the writer's.
		verb = a
	}
	if s.toks[neg].w == "not" && neg > first && s.toks[neg-1].w == "do" && !s.toks[neg].punct {
		neg-- // "Do not pass my number to research agencies"
	}
	mailOnly := s.toks[c.i].feat&(fMarketing|fCall) == 0
	if mailOnly && verb < 0 {
		return // "en ole saanut sähköpostia" is no objection
	}
	lvl := 0
	switch w := s.toks[neg].w; {
	case verb >= 0 && s.toks[verb].feat&fAsk != 0,
		verb >= 0 && s.toks[verb].feat&fImp != 0 && s.opensClause(verb),
		verb >= 0 && s.toks[verb].feat&(fSend|fCall) != 0 && c.find(fMe|fFirst, verb+1, verb+2) >= 0,
		verb >= 0 && s.toks[verb].feat&fProcessing != 0 && c.nearest(c.lo, c.i, func(k int) bool { return s.toks[k].poss == 1 }) >= 0,
		w == "en" || w == "ala" || w == "alkaa" || w == "alko",
		// "Don't send …", "Never call …"; not "Emme lähetä …" (we don't send).
		(w == "do" || w == "don" || w == "dont" || w == "never") && s.opensClause(neg):
		lvl = 3
	case e.short:
		lvl = 2
	}
	if lvl == 0 {
		return
	}
	if s.toks[c.i].feat&fMarketing == 0 {
		lvl = min(lvl, 2) // "don't call me", "no more e-mails": probably, not surely, marketing
	}
	e.add(c, ixObjection, lvl, "", neg, verb, c.i)
}

// right: a right's or a request's own name: "tarkastusoikeus",
// "registerutdrag", "right to erasure", "DSAR". Alone it is weak; with an
// ask ("käytän tarkastusoikeuttani", "jag begär registerutdrag") strong.
func (e *textEvaluator) right(c cueCtx) {
	if c.s.negated(c.i) {
		return
	}
	ask := c.ask()
	lvl, note := 1, "right named, no ask"
	if ask >= 0 {
		lvl, note = 3, ""
	}
	for k := range Kinds {
		if c.s.toks[c.i].kinds&(1<<k) != 0 {
			e.add(c, k, lvl, note, ask, c.i)
		}
	}
}

// articleKinds maps GDPR article numbers to the kinds they grant.
var articleKinds = map[string]int{
	"15": ixAccess, "16": ixRectification, "17": ixErasure, "18": ixRestriction,
	"20": ixPortability, "21": ixObjection,
}

// article: "Art. 15", "artikla 17", "15 artiklan mukaisesti", "artikel 20".
// A list or range ("Articles 16–21", "15 ja 17 artikla") only mentions
// rights and counts for none.
func (e *textEvaluator) article(c cueCtx) {
	s := c.s
	se := s.sents[s.toks[c.i].sent]
	nums := articleNumbers(s, c.i+1, se.last, 1)
	if len(nums) == 0 {
		nums = articleNumbers(s, c.i-1, se.first, -1)
	}
	if len(nums) != 1 {
		return
	}
	kind, ok := articleKinds[s.toks[nums[0]].w]
	if !ok {
		return
	}
	ask := c.ask()
	lvl, note := 1, "article cited, no ask"
	if ask >= 0 {
		lvl, note = 3, ""
	}
	e.add(c, kind, lvl, note, ask, c.i, nums[0])
}

// articleNumbers collects the article numbers (12–22) next to an article
// word, walking from "from" towards "to" over numbers and "and", "ja",
// "och", "to", "–".
func articleNumbers(s *textSegment, from, to, step int) []int {
	var nums []int
	for k, n := from, 0; n < 8 && (step > 0 && k <= to || step < 0 && k >= to); k, n = k+step, n+1 {
		w := s.toks[k].w
		switch {
		case len(w) == 2 && w[0] >= '0' && w[0] <= '9' && w[1] >= '0' && w[1] <= '9':
			if w >= "12" && w <= "22" {
				nums = append(nums, k)
			}
		case len(w) == 1 && w[0] >= '0' && w[0] <= '9' && len(nums) > 0, // "15(1)"
			w == "and" || w == "ja" || w == "och" || w == "to" || w == "or" || w == "tai" || w == "eller" ||
				w == "till" || w == "ff" || w == "h" || w == "a" || w == "b" || w == "c":
		default:
			return nums
		}
	}
	return nums
}

// generic: "GDPR request", "tietosuojapyyntö": a request whose kind the
// words do not say.
func (e *textEvaluator) generic(c cueCtx) {
	ask := c.ask()
	lvl := 1
	if ask >= 0 {
		lvl = 2
	}
	e.add(c, -1, lvl, "kind not stated", ask, c.i)
}

// ---- The verdict --------------------------------------------------------------

// textAnalysis is what the words of a message say.
type textAnalysis struct {
	items      []evidenceItem // strongest per sentence and kind
	raw        []evidenceItem // all the evidence, before aggregating
	kinds      kindSet        // the kinds the verdict names
	certain    bool           // some kind has strong evidence in the writer's own words
	hasRequest bool           // some evidence of a request, however weak
	veryShort  bool           // fewer than three words of the writer's own
	bulk       []string       // footer, spam and sender evidence of bulk mail
	notes      []string       // further reasons for a request
	otherWhy   []string       // reasons for Other
	otherCheck bool           // Other, but an officer should look (a question about data handling)
}

// analyseText reads the subject and the writer's own words, and forwarded
// text as weaker evidence.
func analyseText(p Parsed) *textAnalysis {
	a := &textAnalysis{}
	th := threadOf(p.Subject)
	subjSrc := srcSubject
	if th.Reply {
		subjSrc = srcReplySubject
	}
	subj := newSegment(th.BaseSubject, subjSrc)
	ownText, fwdText, quotedText := splitQuoted(p.Text, IsForwardSubject(p.Subject))
	if f := p.Forward; f != nil && fwdText == "" && f.Text != p.Text {
		fwdText = f.Subject + "\n\n" + f.Text
	}
	own := newSegment(ownText, srcOwn)
	fwd := newSegment(fwdText, srcForwarded)

	words := len(own.toks)
	if subjSrc == srcSubject {
		words += len(subj.toks)
	}
	a.veryShort = words < 3
	e := &textEvaluator{short: words <= 8, company: companyData(own) || companyData(subj)}
	e.evaluate(own) // first, so that its phrases are the reasons given
	e.evaluate(subj)
	e.evaluate(fwd)

	ownItems, subjItems := 0, 0
	for _, it := range e.items {
		switch it.seg {
		case own:
			ownItems++
		case subj:
			subjItems++
		}
	}
	thanksOnly := subjSrc == srcReplySubject && ownItems == 0 && len(own.toks) <= 15 && own.has(fThanks)
	if thanksOnly && subjItems > 0 {
		// A reply that only thanks: the subject's words are ours, quoted back.
		kept := e.items[:0]
		for _, it := range e.items {
			if it.seg != subj {
				kept = append(kept, it)
			}
		}
		e.items = kept
	}
	if len(e.items) == 0 && !thanksOnly {
		e.ownData(own)
	}
	e.listRemovalsToErasure()

	a.raw = slices.Clone(e.items)
	a.aggregate(e.items)
	a.bulk = bulkTextEvidence(p, subj, own)
	for _, r := range e.bulk {
		if !slices.Contains(a.bulk, r) {
			a.bulk = append(a.bulk, r)
		}
	}

	switch {
	case a.hasRequest:
		if a.veryShort {
			a.notes = append(a.notes, "very short mail")
		}
	case len(own.toks) == 0 && len(subj.toks) == 0 && len(p.Attachments) > 0:
		a.hasRequest = true
		a.notes = append(a.notes, "no text, only attachments: check them")
	default:
		a.explainOther(subj, own, quotedText, thanksOnly)
		if len(e.checks) > 0 {
			a.otherCheck = true
			a.otherWhy = append(a.otherWhy, e.checks...)
		}
	}
	return a
}

// listRemovalsToErasure makes "remove me from your marketing list too" part
// of an erasure when the writer's own words also ask to erase their data:
// an objection needs words of banning or stopping of its own.
func (e *textEvaluator) listRemovalsToErasure() {
	erasure := false
	for _, it := range e.items {
		if it.kind == ixErasure && it.level >= 2 && (it.seg.source == srcOwn || it.seg.source == srcSubject) {
			erasure = true
		}
	}
	if !erasure {
		return
	}
	for i := range e.items {
		if e.items[i].listRemoval {
			e.items[i].kind = ixErasure
		}
	}
}

// genuineOnly is the analysis of only the evidence that is a genuine
// first-person ask in the writer's own words: what may make bulk mail a
// request. A newsletter's footer ("unsubscribe", "avsluta
// prenumerationen"), its instructions to the reader ("poista asiakkaan
// tiedot") and its articles about rights are not.
func (a *textAnalysis) genuineOnly() *textAnalysis {
	var kept []evidenceItem
	for _, it := range a.raw {
		if it.genuine() {
			kept = append(kept, it)
		}
	}
	g := &textAnalysis{veryShort: a.veryShort, bulk: a.bulk, notes: a.notes}
	g.aggregate(kept)
	return g
}

// genuine reports whether evidence is a first-person ask about the
// writer's own data, in their own words: a kind, at least medium, in the
// writer's text or subject, in a sentence where the writer speaks as one
// person (I, minä, jag, haluan, tietoni, minut) outside quotation marks,
// not itself quoted speech ("Lukija kysyy: ”Haluan tietää …”"), not a
// question of how or whether, not pointing at a link, and in a long text
// not a heading or link label (a line without a full stop).
func (it evidenceItem) genuine() bool {
	if it.kind < 0 || it.level < 2 || it.seg.source != srcOwn && it.seg.source != srcSubject {
		return false
	}
	s := it.seg
	se := s.sents[s.toks[it.cue].sent]
	if s.source == srcOwn && !se.closed && len(s.sents) >= 6 {
		return false
	}
	self, quoted := false, false
	for k := max(se.first, it.cue-reach); k <= min(se.last, it.cue+reach); k++ {
		if s.quoteMarksBefore(k)%2 == 1 {
			quoted = !quoted
		}
		if k == it.cue && quoted {
			return false
		}
		t := &s.toks[k]
		if t.feat&(fQuestion|fFooter) != 0 || linkWord(t.w) {
			return false // "how do I …", "poista minut listalta tästä"
		}
		if !quoted && (t.feat&(fSelf|fMe) != 0 || t.poss == 1) {
			self = true
		}
	}
	return self
}

// linkWord reports whether w points at a link or a button, as a mailer's
// footer does ("click", "tästä", "länken", "below").
func linkWord(w string) bool {
	switch w {
	case "click", "klikkaa", "klikkaamalla", "klicka", "link", "lanken", "lank", "here", "tasta", "taalta",
		"alta", "below", "nedan", "preferences", "installningar", "button", "painike", "painikkeesta", "knappen":
		return true
	}
	return strings.HasPrefix(w, "linkki") || strings.HasPrefix(w, "tilausasetu")
}

// quoteMarksBefore counts the quotation marks between token k and the word
// before it.
func (s *textSegment) quoteMarksBefore(k int) int {
	start := 0
	if k > 0 {
		start = s.toks[k-1].end
	}
	n := 0
	for _, r := range s.src[start:s.toks[k].start] {
		switch r {
		case '"', '“', '”', '„', '«', '»':
			n++
		}
	}
	return n
}

// sentHas reports whether token k's sentence has a word with any of f,
// within reach of k.
func (s *textSegment) sentHas(k int, f lexFeature) bool {
	se := s.sents[s.toks[k].sent]
	for j := max(se.first, k-reach); j <= min(se.last, k+reach); j++ {
		if s.toks[j].feat&f != 0 {
			return true
		}
	}
	return false
}

// has reports whether any token of s has any of f.
func (s *textSegment) has(f lexFeature) bool {
	for i := range s.toks {
		if s.toks[i].feat&f != 0 {
			return true
		}
	}
	return false
}

// ownData is the last resort for a person's mail with no kind word: an ask
// about the writer's own data ("pyydän tietojani", "I want my data") is a
// weak access request.
func (e *textEvaluator) ownData(s *textSegment) {
	for k := range s.toks {
		if s.toks[k].feat&fAsk == 0 || s.hedged(k) {
			continue
		}
		c := s.cue(k)
		if c.sentHas(fTransfer | fAbroad | fSource) {
			continue // "siirrättekö asiakastietoja alihankkijoille?": about the notice
		}
		if d, st := c.objectIn(fData|fPersonal, c.lo, c.hi, false); st == 2 {
			if c.sentHas(fStop | fProcessing | fNeg) {
				// "please stop using my data": some request, but not access.
				e.add(c, -1, 1, "asks about own data", k, d)
			} else {
				e.add(c, ixAccess, 1, "asks about own data", k, d)
			}
			return
		}
	}
}

// aggregate keeps the strongest evidence per sentence and kind and decides
// which kinds the verdict names. The writer's own words (subject included)
// make it certain when they hold strong evidence for a kind, or medium
// evidence backed by a second medium or supporting sentence; weak evidence
// never does. A certain verdict names the kinds with at least medium
// evidence, an uncertain one every kind with any.
func (a *textAnalysis) aggregate(items []evidenceItem) {
	type key struct {
		s          *textSegment
		sent, kind int
	}
	best := map[key]int{}
	for _, it := range items {
		k := key{it.seg, it.seg.toks[it.cue].sent, it.kind}
		if j, ok := best[k]; ok {
			old := a.items[j]
			if it.level > old.level || it.level == old.level && named(old) && !named(it) {
				a.items[j] = it
			}
			continue
		}
		best[k] = len(a.items)
		a.items = append(a.items, it)
	}
	var maxLevel, ownMax, ownBacking [len(kindNames)]int
	for _, it := range a.items {
		if it.kind >= 0 && it.note != supportNote {
			maxLevel[it.kind] = max(maxLevel[it.kind], it.level)
		}
	}
	kept := a.items[:0]
	for _, it := range a.items {
		if it.kind >= 0 && maxLevel[it.kind] == 0 {
			continue // only support, for a kind with no evidence of its own
		}
		kept = append(kept, it)
		a.hasRequest = true
		if src := it.seg.source; it.kind >= 0 && (src == srcOwn || src == srcSubject) {
			if it.note != supportNote {
				ownMax[it.kind] = max(ownMax[it.kind], it.level)
			}
			if it.level >= 2 || it.note == supportNote {
				ownBacking[it.kind]++
			}
		}
	}
	a.items = kept
	for k := range Kinds {
		if ownMax[k] == 3 || ownMax[k] == 2 && ownBacking[k] >= 2 {
			a.certain = true
		}
	}
	threshold := 1
	if a.certain {
		threshold = 2
	}
	for k := range Kinds {
		if maxLevel[k] >= threshold {
			a.kinds |= 1 << k
		}
	}
}

// named reports whether evidence rests on a right's or an article's name
// rather than on a verb, which makes the better reason.
func named(it evidenceItem) bool {
	return it.seg.toks[it.cue].feat&(fRight|fArticle|fGenericRequest) != 0
}

// supportNote marks evidence that only supports other evidence of its kind.
const supportNote = "supports the above"

// kindNames sizes the per-kind arrays; it must list Kinds.
var kindNames = [...]string{"access", "rectification", "erasure", "restriction", "portability", "objection"}

// request builds a Request verdict from the analysis.
func (a *textAnalysis) request() Verdict {
	v := Verdict{Disposition: Request, Uncertain: !a.certain || a.veryShort || len(a.bulk) > 0}
	for k := range Kinds {
		if a.kinds&(1<<k) == 0 {
			continue
		}
		v.Kinds = append(v.Kinds, Kinds[k])
		if it, ok := a.best(k); ok {
			v.Reasons = append(v.Reasons, it.reason())
		}
	}
	if len(v.Kinds) == 0 {
		if it, ok := a.best(-1); ok {
			v.Reasons = append(v.Reasons, it.reason())
		}
	}
	v.Reasons = append(v.Reasons, a.notes...)
	if len(v.Reasons) == 0 {
		v.Reasons = []string{"a person's mail that may be a request"}
	}
	return v
}

// best returns the strongest evidence for kind, the earliest of equals.
func (a *textAnalysis) best(kind int) (evidenceItem, bool) {
	var best evidenceItem
	found := false
	for _, it := range a.items {
		if it.kind == kind && (!found || it.level > best.level) {
			best, found = it, true
		}
	}
	return best, found
}

// other builds an Other verdict from the analysis.
func (a *textAnalysis) other() Verdict {
	return Verdict{Disposition: Other, Reasons: a.otherWhy, Uncertain: a.otherCheck}
}

// explainOther gives the reasons for Other: that no request was found, and
// what the mail seems to be about instead.
func (a *textAnalysis) explainOther(subj, own *textSegment, quoted string, thanksOnly bool) {
	switch {
	case len(own.toks) == 0 && len(subj.toks) == 0:
		a.otherWhy = append(a.otherWhy, "no text")
	case thanksOnly:
		a.otherWhy = append(a.otherWhy, "a reply that only thanks; no request in the writer's own words")
	default:
		a.otherWhy = append(a.otherWhy, "no request in the writer's own words")
	}
	for _, s := range []*textSegment{subj, own} {
		for _, se := range s.sents {
			qw := -1
			topic := -1
			for k := se.first; k <= se.last; k++ {
				t := &s.toks[k]
				// "kuinka kauan", "why", and the indirect "whether" or
				// "siirretäänkö".
				if qw < 0 && (t.feat&(fQuestion|fWhat) != 0 || len(t.w) > 5 && strings.HasSuffix(t.w, "ko") && !s.swedish) {
					qw = k
				}
				if topic < 0 && (t.feat&(fPrivacy|fPersonal|fSource) != 0 || t.feat&fData != 0 && t.poss == 1 ||
					t.feat&fTransfer != 0 && s.sentHas(k, fAbroad)) {
					topic = k
				}
			}
			if topic >= 0 && (qw >= 0 || se.question) && !a.otherCheck {
				a.otherCheck = true
				a.otherWhy = append(a.otherWhy, "text "+quoteReason(s.quote(qw, topic))+" → a question about data handling, no right exercised")
			}
		}
	}
	if s, k := firstWith(fBusiness, subj, own); k >= 0 {
		a.otherWhy = append(a.otherWhy, "text "+quoteReason(s.quote(k))+" → an order, invoice or delivery matter")
	}
	if quoted != "" {
		q := newSegment(quoted, srcQuoted)
		qe := &textEvaluator{}
		qe.evaluate(q)
		if len(qe.items) > 0 {
			a.otherWhy = append(a.otherWhy, "request words only in quoted text: "+qe.items[0].reason())
		}
	}
}

// firstWith returns the first token with any of f in the segments, and its
// segment; -1 if there is none.
func firstWith(f lexFeature, segs ...*textSegment) (*textSegment, int) {
	for _, s := range segs {
		for k := range s.toks {
			if s.toks[k].feat&f != 0 {
				return s, k
			}
		}
	}
	return nil, -1
}

// bulkTextEvidence finds newsletter footers and spam in the writer's words
// and bulk senders.
func bulkTextEvidence(p Parsed, segs ...*textSegment) []string {
	var reasons []string
	seen := map[string]bool{}
	for _, s := range segs {
		for k := range s.toks {
			f := s.toks[k].feat
			var r string
			switch {
			case f&fFooter != 0:
				r = "text " + quoteReason(s.quote(k)) + " → newsletter footer"
			case f&fSpam != 0:
				r = "text " + quoteReason(s.quote(k)) + " → spam"
			default:
				continue
			}
			if !seen[r] {
				seen[r] = true
				reasons = append(reasons, r)
			}
		}
	}
	local := strings.ToLower(p.From.Email)
	if at := strings.LastIndexByte(local, '@'); at >= 0 {
		local = local[:at]
	}
	// Not noreply: web forms and ticket systems send requests from it.
	switch strings.NewReplacer("-", "", "_", "", ".", "").Replace(local) {
	case "newsletter", "news", "uutiskirje", "uutiset", "nyhetsbrev", "marketing", "markkinointi",
		"campaign", "campaigns":
		reasons = append(reasons, "sender "+p.From.Email+" → bulk")
	}
	return reasons
}
