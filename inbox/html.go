package inbox

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// htmlToText turns an HTML body into readable plain text. Script, style and
// head content is dropped; block elements break lines; list items get "- ";
// a link keeps its text and shows its URL in brackets when that differs;
// table cells are separated by " | "; quoted blocks get "> ". Runs of white
// space collapse and there is never more than one blank line in a row.
func htmlToText(s string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	w := &textWriter{nl: 2}
	skip := 0 // inside script, style, title, template
	inHead := false
	lists := 0
	href := ""
	inLink := false

	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return w.finish()

		case html.TextToken:
			if skip > 0 || inHead {
				continue
			}
			if w.pre > 0 {
				w.raw(string(z.Text()))
			} else {
				w.text(string(z.Text()))
			}

		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			tag := string(name)
			if skipTags[tag] {
				if tt == html.StartTagToken {
					skip++
				}
				continue
			}
			switch tag {
			case "head":
				inHead = tt == html.StartTagToken
				continue
			case "body":
				inHead = false
			case "meta", "link", "base":
				continue
			}
			if inHead {
				// Content in an unclosed head: the body has begun.
				inHead = false
			}
			switch tag {
			case "br":
				w.br()
			case "p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "pre", "hr", "dl":
				w.paragraph()
				if tag == "pre" {
					w.pre++
				}
			case "blockquote":
				w.paragraph()
				w.quote++
			case "ul", "ol":
				if lists == 0 {
					w.paragraph()
				} else {
					w.lineBreak()
				}
				lists++
			case "li":
				w.lineBreak()
				depth := min(max(lists, 1), maxIndent)
				w.marker = strings.Repeat("  ", depth-1) + "- "
			case "td", "th":
				w.cell()
			case "a":
				href = ""
				for hasAttr {
					var k, v []byte
					k, v, hasAttr = z.TagAttr()
					if string(k) == "href" {
						href = strings.TrimSpace(string(v))
					}
				}
				inLink = true
				w.markLink()
			default:
				if blockTags[tag] {
					w.lineBreak()
				}
			}

		case html.EndTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if skipTags[tag] {
				if skip > 0 {
					skip--
				}
				continue
			}
			switch tag {
			case "head":
				inHead = false
			case "p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "hr", "dl":
				w.paragraph()
			case "pre":
				if w.pre > 0 {
					w.pre--
				}
				w.paragraph()
			case "blockquote":
				if w.quote > 0 {
					w.quote--
				}
				w.paragraph()
			case "ul", "ol":
				if lists > 0 {
					lists--
				}
				if lists == 0 {
					w.paragraph()
				} else {
					w.lineBreak()
				}
			case "a":
				if inLink {
					w.link(w.linkText(), href)
				}
				inLink = false
				href = ""
			default:
				if blockTags[tag] || tag == "li" || tag == "tr" {
					w.lineBreak()
				}
			}
		}
	}
}

// maxIndent caps list indentation and quote markers, so that hostile nesting
// cannot make the text grow quadratically.
const maxIndent = 8

// skipTags have content that is not meant to be read.
var skipTags = map[string]bool{"script": true, "style": true, "title": true, "template": true}

// blockTags end and start a line.
var blockTags = map[string]bool{
	"div": true, "tr": true, "li": true, "dt": true, "dd": true,
	"section": true, "article": true, "header": true, "footer": true,
	"nav": true, "aside": true, "main": true, "address": true, "center": true,
	"form": true, "fieldset": true, "figure": true, "figcaption": true,
	"caption": true, "thead": true, "tbody": true, "tfoot": true,
	"details": true, "summary": true, "legend": true,
}

// textWriter builds the text, tracking how many newlines it ends with so
// that breaks never pile up.
type textWriter struct {
	b      strings.Builder
	nl     int    // newlines at the end of b; 2 at the start so none lead
	space  bool   // white space seen since the last word
	sep    bool   // a table cell began since the last word on this line
	marker string // list marker to write before the next word
	quote  int    // blockquote depth
	pre    int    // inside <pre>

	linkStart   int  // where the text of the current link begins in b
	linkPending bool // the link has no text yet
}

// markLink notes that a link begins: its text starts with the next word.
func (w *textWriter) markLink() {
	w.linkPending = true
	w.linkStart = w.b.Len()
}

// linkText is the text written since markLink.
func (w *textWriter) linkText() string {
	if w.linkPending || w.linkStart > w.b.Len() {
		w.linkPending = false
		return ""
	}
	return w.b.String()[w.linkStart:]
}

// startLine writes what goes before the first word of a line.
func (w *textWriter) startLine() {
	if w.nl > 0 {
		if w.quote > 0 {
			w.b.WriteString(strings.Repeat("> ", min(w.quote, maxIndent)))
		}
		w.b.WriteString(w.marker)
		w.marker = ""
		w.space, w.sep = false, false
		w.nl = 0
	} else if w.sep {
		w.b.WriteString(" | ")
	} else if w.space {
		w.b.WriteByte(' ')
	}
	w.space, w.sep = false, false
	if w.linkPending {
		w.linkPending = false
		w.linkStart = w.b.Len()
	}
}

// text writes s with white space collapsed.
func (w *textWriter) text(s string) {
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u200b' || r == '\ufeff' {
			w.space = true
			s = s[size:]
			continue
		}
		end := 0
		for end < len(s) {
			r, size := utf8.DecodeRuneInString(s[end:])
			if unicode.IsSpace(r) || r == '\u00a0' || r == '\u200b' || r == '\ufeff' {
				break
			}
			end += size
		}
		w.startLine()
		w.b.WriteString(s[:end])
		s = s[end:]
	}
}

// raw writes preformatted text as it is.
func (w *textWriter) raw(s string) {
	s = normalizeNewlines(s)
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			w.b.WriteByte('\n')
			w.nl++
			if w.nl > 2 {
				w.nl = 2
			}
		}
		if line != "" {
			w.startLine()
			w.b.WriteString(line)
		}
	}
}

func (w *textWriter) lineBreak() {
	if w.nl == 0 {
		w.b.WriteByte('\n')
		w.nl = 1
	}
	w.space, w.sep = false, false
}

func (w *textWriter) paragraph() {
	for w.nl < 2 {
		w.b.WriteByte('\n')
		w.nl++
	}
	w.space, w.sep = false, false
	w.marker = ""
}

func (w *textWriter) br() {
	if w.nl < 2 {
		w.b.WriteByte('\n')
		w.nl++
	}
	w.space, w.sep = false, false
}

func (w *textWriter) cell() {
	if w.nl == 0 {
		w.sep = true
	}
}

// link adds the target of a link after its text when it says more.
func (w *textWriter) link(text, href string) {
	lower := strings.ToLower(href)
	if href == "" || strings.HasPrefix(href, "#") || strings.HasPrefix(lower, "javascript:") {
		return
	}
	if sameLink(text, href) {
		return
	}
	w.space = true
	w.text("[" + href + "]")
}

// sameLink reports whether the visible text of a link already is its target,
// give or take a scheme, "mailto:" or a trailing slash.
func sameLink(text, href string) bool {
	norm := func(s string) string {
		s = strings.ToLower(strings.Join(strings.Fields(s), ""))
		for _, p := range []string{"mailto:", "https://", "http://"} {
			s = strings.TrimPrefix(s, p)
		}
		s = strings.TrimPrefix(s, "www.")
		return strings.TrimSuffix(s, "/")
	}
	return norm(text) == norm(href)
}

// finish trims trailing space on every line and blank lines at both ends.
func (w *textWriter) finish() string {
	lines := strings.Split(w.b.String(), "\n")
	out := make([]string, 0, len(lines))
	blank := 0
	for _, l := range lines {
		l = strings.TrimRightFunc(l, unicode.IsSpace)
		if l == "" || l == ">" || strings.Trim(l, "> ") == "" {
			blank++
			if blank > 1 || len(out) == 0 {
				continue
			}
			out = append(out, "")
			continue
		}
		blank = 0
		out = append(out, l)
	}
	return strings.TrimRight(strings.Join(out, "\n"), "\n")
}
